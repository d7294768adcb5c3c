/** `postkorb ingest <file.eml|dir>`: capture and process .eml files (receipt time from the Received: chain). */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { emlReceivedAt } from "../../src/ingest/eml-received-at.js";
import { processMessage } from "../../src/ingest/process-message.js";
import { readHeaders } from "../../src/ingest/read-headers.js";
import { fail, printJson, withCore } from "./context.js";
import { createProgress } from "./progress.js";

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .argument("<path>", "an .eml file or a directory of .eml files")
    .option("--json", "print one result per file as JSON")
    .description("capture and process .eml files; re-ingesting the same file creates nothing new")
    .action(async (path: string, opts: { json?: boolean }) => {
      const files = await emlFiles(path);
      if (files.length === 0) fail(`no .eml files in ${path}`);
      await withCore(async (core) => {
        const progress = createProgress(files.length, !opts.json && files.length > 1);
        const results = [];
        for (const file of files) {
          const raw = new Uint8Array(await readFile(file));
          const mtime = (await stat(file)).mtime;
          const receivedAt = emlReceivedAt(readHeaders(raw), mtime);
          const captured = await core.capture({
            raw,
            source: "eml",
            receivedAt: receivedAt.at,
            context: { file, receivedAtFrom: receivedAt.from },
          });
          const outcome = captured.created
            ? await processMessage(core.pipeline, captured.message.id)
            : { status: "duplicate" as const, of: captured.message.id, by: captured.duplicateBy };
          results.push({ file, message: captured.message.id, ...outcome });
          progress.tick();
        }
        progress.done();
        if (opts.json) printJson(results);
        else for (const r of results) process.stdout.write(`${r.file}: ${describe(r)}\n`);
      });
    });
}

function describe(r: {
  status: string;
  message: string;
  documents?: string[];
  reason?: string;
  of?: string;
}): string {
  if (r.status === "processed")
    return `verarbeitet (Nachricht ${r.message}, Dokumente ${r.documents?.join(", ")})`;
  if (r.status === "quarantined") return `in Quarantäne: ${r.reason}`;
  if (r.status === "duplicate") return `schon erfasst als ${r.of} — nichts Neues angelegt`;
  return `${r.status}: ${r.reason ?? ""}`;
}

async function emlFiles(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    fail(`${path} does not exist`);
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith(".eml")).sort();
  return names.map((n) => join(path, n));
}
