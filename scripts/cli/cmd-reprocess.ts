/** `postkorb reprocess <id>`: run a quarantined (or stuck pending) message through the pipeline again. */
import type { Command } from "commander";
import { processMessage } from "../../src/ingest/process-message.js";
import { fail, printJson, withCore } from "./context.js";

export function registerReprocessCommand(program: Command): void {
  program
    .command("reprocess")
    .argument("<id>", "message id (see `postkorb messages`)")
    .description("process a quarantined or pending message again from its stored raw copy")
    .action(async (id: string) => {
      await withCore(async (core) => {
        const message = await core.store.getMessage(id);
        if (!message) fail(`no message ${id}`);
        if (message.status === "processed") {
          const docs = await core.store.listDocumentsOfMessage(id);
          fail(
            `message ${id} is already processed (documents: ${docs.map((d) => d.id).join(", ")}); nothing to do`,
          );
        }
        if (message.status === "quarantined") {
          await core.store.requeueMessage(id, {
            actor: "cli:reprocess",
            action: "message.requeued",
            subjectType: "message",
            subjectId: id,
            data: { previousReason: message.reason },
          });
        }
        printJson({ message: id, ...(await processMessage(core.pipeline, id)) });
      });
    });
}
