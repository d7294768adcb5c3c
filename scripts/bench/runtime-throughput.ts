/**
 * Child of runtimes-bench.ts, run under Node (`node --import tsx … node N`) or Bun (`bun run … bun N`):
 * the service on that runtime's adapters, N one-page scans over SMTP (4 connections), time until all are
 * routed. Prints one JSON line. The runtime is named by the caller, not sniffed.
 */
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { type Config, loadConfig } from "../../src/config.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { silentLogger } from "../../src/log.js";
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import type { NodeService } from "../../src/runtime/node-service.js";
import { buildDemoOffice } from "../demo/demo-office.js";

const [runtime, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 200);

async function startService(config: Readonly<Config>): Promise<NodeService> {
  if (runtime === "bun")
    return (await import("../../src/runtime/bun.js")).startBunService(config, silentLogger);
  return (await import("../../src/runtime/node-service.js")).startNodeService(config, silentLogger);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const dataDir = join(tmpdir(), `postkorb-bench-${runtime}-${process.pid}`);
const config = loadConfig({
  POSTKORB_DATA_DIR: dataDir,
  PORT: "0",
  POSTKORB_SMTP_PORT: String(await freePort()),
  POSTKORB_SECRET: "bench-secret-bench-secret-bench-secret-01",
});
const service = await startService(config);
const seed = parseOfficeSeed(await buildDemoOffice(new Date()));
if (!seed.ok) throw new Error(seed.reason);
await applyOfficeSeed(service.core.database, seed.seed, "bench", new Date());

const subject = canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" });
const mails = await Promise.all(
  Array.from({ length: count }, async (_, i) =>
    buildScanMail({
      subject,
      messageId: `<rt-${runtime}-${i}@terminal.example>`,
      attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: i }) }],
    }),
  ),
);

const transport = nodemailer.createTransport({
  host: "127.0.0.1",
  port: service.smtpPort!,
  pool: true,
  maxConnections: 4,
  maxMessages: Infinity,
});
const start = performance.now();
const queue = [...mails];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let raw = queue.shift(); raw; raw = queue.shift()) {
      await transport.sendMail({
        envelope: { from: "scanterminal@kundencenter.example", to: ["postkorb@amt.example"] },
        raw: Buffer.from(raw),
      });
    }
  }),
);
const acceptedMs = performance.now() - start;
await service.processor.idle();
const routedMs = performance.now() - start;
transport.close();
const documents = (await service.core.store.listDocuments()).length;
await service.stop();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ runtime, count, documents, acceptedMs, routedMs })}\n`);
