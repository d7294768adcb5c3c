/** `postkorb documents` and `postkorb messages`: what was captured and where it went. */
import type { Command } from "commander";
import { toDocumentView, toMessageView } from "../../src/web/document-view.js";
import { printJson, withCore } from "./context.js";

export function registerListCommands(program: Command): void {
  program
    .command("documents")
    .description("list documents (JSON fields: see README)")
    .option("--json", "print a JSON array")
    .option("--queue <queue>", "only this queue (login, team:<id> or triage)")
    .option("--assignee <login>")
    .option("--status <status>", "open or done")
    .action(async (opts: { json?: boolean; queue?: string; assignee?: string; status?: "open" | "done" }) => {
      await withCore(async (core) => {
        const docs = await core.store.listDocuments({
          queue: opts.queue,
          assignee: opts.assignee,
          status: opts.status,
          limit: 1_000_000,
        });
        const messages = new Map(
          (await core.store.getMessagesByIds(docs.map((d) => d.messageRef))).map((m) => [m.id, m]),
        );
        const views = docs.map((d) => toDocumentView(d, messages.get(d.messageRef), core.config.timeZone));
        if (opts.json) return printJson(views);
        for (const v of views) {
          const who = v.assignee ?? v.queue;
          process.stdout.write(
            `${v.id}  ${v.receivedAt}  ${who.padEnd(14)} ${(v.docType ?? "-").padEnd(18)} ${v.caseRef ?? "-"}  ${v.routeReason}\n`,
          );
        }
        process.stdout.write(`${views.length} Dokument(e)\n`);
      });
    });

  program
    .command("messages")
    .description("list captured mails with status (processed, quarantined, pending) and reason")
    .option("--json", "print a JSON array")
    .option("--status <status>", "pending, processed or quarantined")
    .action(async (opts: { json?: boolean; status?: "pending" | "processed" | "quarantined" }) => {
      await withCore(async (core) => {
        const messages = await core.store.listMessages({ status: opts.status, limit: 1_000_000 });
        const docs = await core.store.listDocuments({ limit: 1_000_000 });
        const byMessage = new Map<string, string[]>();
        for (const d of docs) byMessage.set(d.messageRef, [...(byMessage.get(d.messageRef) ?? []), d.id]);
        const views = messages.map((m) => toMessageView(m, byMessage.get(m.id) ?? [], core.config.timeZone));
        if (opts.json) return printJson(views);
        for (const v of views) {
          process.stdout.write(
            `${v.id}  ${v.receivedAt}  ${v.status.padEnd(11)} ${v.source.padEnd(5)} ${v.subject ?? "-"}${v.reason ? `  — ${v.reason}` : ""}\n`,
          );
        }
        process.stdout.write(`${views.length} Nachricht(en)\n`);
      });
    });
}
