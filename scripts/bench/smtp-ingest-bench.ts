/**
 * SMTP ingress → routed, 1,000 one-page scans at concurrency 1 and 8, next to a bare smtp-server that discards
 * the same mails (baseline, same client, same process). The client sets TCP_NODELAY: otherwise Nagle + delayed
 * ACK (~44 ms per mail) is what gets measured (see ../shared/recipes/smtp-benchmarking.md).
 */
import net from "node:net";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { silentLogger } from "../../src/log.js";
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { startNodeService } from "../../src/runtime/node-service.js";
import { seedDemoOffice, testConfig } from "../../test/helpers/embedded-service.js";
import { freePort } from "../../test/helpers/free-port.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { percentile, printTable } from "./bench-report.js";

const COUNT = Number(process.env.BENCH_SMTP_COUNT ?? 1000);

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectWithNoDelay(this: net.Socket, ...args: unknown[]) {
  this.setNoDelay(true);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

async function buildMails(tag: string): Promise<{ id: string; raw: Buffer }[]> {
  const subject = canonicalSubject({
    caseRef: "50-1234/2026",
    customerNo: "100234",
    surname: "Müller",
    docType: "Kontoauszug",
  });
  return Promise.all(
    Array.from({ length: COUNT }, async (_, i) => {
      const id = `<bench-${tag}-${i}@terminal.example>`;
      const pdf = await makeScanPdf({ pages: 1, seed: i });
      const raw = await buildScanMail({
        subject,
        messageId: id,
        attachments: [{ filename: "scan.pdf", content: pdf }],
      });
      return { id, raw: Buffer.from(raw) };
    }),
  );
}

async function send(port: number, mails: { id: string; raw: Buffer }[], concurrency: number) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    pool: true,
    maxConnections: concurrency,
    maxMessages: Infinity,
  });
  const sentAt = new Map<string, number>();
  const acked = new Map<string, number>();
  const queue = [...mails];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        sentAt.set(m.id, Date.now());
        await transport.sendMail({
          envelope: { from: "scanterminal@kundencenter.example", to: ["postkorb@amt.example"] },
          raw: m.raw,
        });
        acked.set(m.id, Date.now());
      }
    }),
  );
  transport.close();
  return { sentAt, acked, seconds: (performance.now() - start) / 1000 };
}

async function baseline(concurrency: number, mails: { id: string; raw: Buffer }[]) {
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _s, cb) {
      stream.on("data", () => {});
      stream.on("end", () => cb());
    },
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  const run = await send(port, mails, concurrency);
  await new Promise<void>((r) => server.close(() => r()));
  const latencies = mails.map((m) => run.acked.get(m.id)! - run.sentAt.get(m.id)!);
  return { rate: mails.length / run.seconds, latencies };
}

async function postkorb(concurrency: number, mails: { id: string; raw: Buffer }[]) {
  const tmp = makeTempDir("postkorb-bench-");
  const config = await testConfig(join(tmp.path, "data"), { POSTKORB_PROCESS_CONCURRENCY: "4" });
  const service = await startNodeService(config, silentLogger);
  await seedDemoOffice(service);
  const start = Date.now();
  const run = await send(service.smtpPort!, mails, concurrency);
  await service.processor.idle();
  const docs = await service.core.store.listDocuments({ limit: 1_000_000 });
  const messages = new Map(
    (await service.core.store.listMessages({ limit: 1_000_000 })).map((m) => [m.id, m.messageIdHeader]),
  );
  const routedAt = new Map(docs.map((d) => [messages.get(d.messageRef)!, Date.parse(d.createdAt)]));
  const end = Math.max(...routedAt.values());
  const latencies = mails.map((m) => routedAt.get(m.id)! - run.sentAt.get(m.id)!);
  const wrong = docs.filter((d) => d.assignee !== "sb1").length;
  await service.stop();
  tmp.remove();
  if (docs.length !== mails.length || wrong)
    throw new Error(`expected ${mails.length} docs for sb1, got ${docs.length} (${wrong} elsewhere)`);
  return { rate: mails.length / ((end - start) / 1000), latencies };
}

const rows: string[][] = [];
for (const concurrency of [1, 8]) {
  const mails = await buildMails(`c${concurrency}`);
  const base = await baseline(concurrency, mails);
  const pk = await postkorb(concurrency, mails);
  const fmt = (l: number[]) =>
    [percentile(l, 50), percentile(l, 95), percentile(l, 99)].map((v) => `${v.toFixed(0)} ms`);
  rows.push([
    `bare smtp-server (discard), c=${concurrency}`,
    base.rate.toFixed(0),
    ...fmt(base.latencies),
    "",
  ]);
  rows.push([
    `Postkorb SMTP → routed, c=${concurrency}`,
    pk.rate.toFixed(0),
    ...fmt(pk.latencies),
    `${(pk.rate / base.rate).toFixed(2)}× baseline`,
  ]);
}
printTable(
  `SMTP ingress → routed, ${COUNT} one-page scans`,
  ["run", "mails/s", "p50", "p95", "p99", "ratio"],
  rows,
);
