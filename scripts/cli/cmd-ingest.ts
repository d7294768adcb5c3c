/** `postkorb ingest <file.eml|dir>`: capture and process .eml files (receipt time from the Received: chain). */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { attemptMessage } from "../../src/ingest/attempt-message.js";
import { emlReceivedAt } from "../../src/ingest/eml-received-at.js";
import { errorText } from "../../src/ingest/process-message.js";
import { readHeaders } from "../../src/ingest/read-headers.js";
import type { EmbeddedCore } from "../../src/runtime/embedded-core.js";
import { fail, printJson, withCore } from "./context.js";
import { createProgress } from "./progress.js";

/** As many attempts as the service's processor makes before it quarantines a mail. */
const MAX_ATTEMPTS = 5;

type FileResult =
  | { file: string; message: string; status: "processed"; documents: string[]; resumed?: true }
  | { file: string; message: string; status: "quarantined"; reason: string; resumed?: true }
  | { file: string; message: string; status: "duplicate"; of: string; by: string; state: string }
  | { file: string; message: string; status: "skipped"; reason: string }
  | { file: string; message: string | null; status: "error"; reason: string };

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .argument("<path>", "an .eml file or a directory of .eml files")
    .option("--json", "print one result per file as JSON")
    .description(
      "capture and process .eml files; re-ingesting the same file creates nothing new, one still pending is processed; exit code 1 if any file failed",
    )
    .action(async (path: string, opts: { json?: boolean }) => {
      const files = await emlFiles(path);
      if (files.length === 0) fail(`no .eml files in ${path}`);
      const results = await withCore(async (core) => {
        const progress = createProgress(files.length, !opts.json && files.length > 1);
        const results: FileResult[] = [];
        for (const file of files) {
          results.push(await ingestFile(core, file));
          progress.tick();
        }
        progress.done();
        return results;
      });
      if (opts.json) printJson(results);
      else for (const r of results) process.stdout.write(`${r.file}: ${describe(r)}\n`);
      const failed = results.filter((r) => r.status === "error").length;
      if (failed > 0) {
        process.stderr.write(`postkorb: ${failed} von ${results.length} Datei(en) nicht verarbeitet\n`);
        process.exitCode = 1;
      }
    });
}

/** One file, never throwing: an unexpected error is this file's result, and the run goes on with the next. */
async function ingestFile(core: EmbeddedCore, file: string): Promise<FileResult> {
  let message: string | null = null;
  try {
    const raw = new Uint8Array(await readFile(file));
    const mtime = (await stat(file)).mtime;
    const receivedAt = emlReceivedAt(readHeaders(raw), mtime);
    const captured = await core.capture({
      raw,
      source: "eml",
      receivedAt: receivedAt.at,
      context: { file, receivedAtFrom: receivedAt.from },
    });
    message = captured.message.id;
    // Captured earlier but never processed (a crash, a stopped service): process it now rather than call it done.
    const resumed = !captured.created && captured.message.status === "pending";
    if (!captured.created && !resumed)
      return {
        file,
        message,
        status: "duplicate",
        of: captured.message.id,
        by: captured.duplicateBy,
        state: captured.message.status,
      };
    const outcome = await attemptMessage(core.pipeline, message, MAX_ATTEMPTS);
    if (outcome.status === "processed" || outcome.status === "quarantined")
      return { file, message, ...outcome, ...(resumed ? { resumed: true as const } : {}) };
    if (outcome.status === "retry")
      return { file, message, status: "error", reason: `Verarbeitung fehlgeschlagen: ${outcome.reason}` };
    // Skipped: processed meanwhile by someone else (e.g. the running service).
    return { file, message, status: "skipped", reason: outcome.reason };
  } catch (err) {
    return { file, message, status: "error", reason: errorText(err) };
  }
}

function describe(r: FileResult): string {
  const again = "resumed" in r && r.resumed ? " (war erfasst, aber noch nicht verarbeitet)" : "";
  switch (r.status) {
    case "processed":
      return `verarbeitet${again} (Nachricht ${r.message}, Dokumente ${r.documents.join(", ")})`;
    case "quarantined":
      return `in Quarantäne${again}: ${r.reason}`;
    case "duplicate":
      return `schon erfasst als ${r.of} (${r.state}) — nichts Neues angelegt`;
    case "skipped":
      return `übersprungen: ${r.reason}`;
    case "error":
      return `FEHLER: ${r.reason}${r.message ? ` (Nachricht ${r.message} bleibt erfasst)` : ""}`;
  }
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
