/**
 * Child of smtp-ingest-bench.ts: the scan terminal. Builds `count` one-page scan mails, reports "ready", sends
 * them on "go" over `concurrency` pooled SMTP connections to 127.0.0.1:`port`, and reports the send and ack
 * time of each. A process of its own, as the terminal is a machine of its own: its CPU is not charged to the
 * server's event loop. TCP_NODELAY: otherwise Nagle + delayed ACK (~44 ms per mail) is what gets measured.
 */
import net from "node:net";
import nodemailer from "nodemailer";
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";

export interface ClientReport {
  sent: [id: string, sentAt: number, ackedAt: number][];
  seconds: number;
  /** The client's own CPU time while sending (user + system), in ms: on this machine it shares the cores. */
  cpuMs: number;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectWithNoDelay(this: net.Socket, ...args: unknown[]) {
  this.setNoDelay(true);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const [port, concurrency, count, tag] = process.argv.slice(2) as [string, string, string, string];

const subject = canonicalSubject({
  caseRef: "50-1234/2026",
  customerNo: "100234",
  surname: "Müller",
  docType: "Kontoauszug",
});
const mails = await Promise.all(
  Array.from({ length: Number(count) }, async (_, i) => {
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

process.send!("ready");
await new Promise<void>((resolve) => process.once("message", () => resolve()));

const transport = nodemailer.createTransport({
  host: "127.0.0.1",
  port: Number(port),
  pool: true,
  maxConnections: Number(concurrency),
  maxMessages: Infinity,
});
const sent: ClientReport["sent"] = [];
const queue = [...mails];
const start = performance.now();
const cpuAtStart = process.cpuUsage();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const sentAt = Date.now();
      await transport.sendMail({
        envelope: { from: "scanterminal@kundencenter.example", to: ["postkorb@amt.example"] },
        raw: m.raw,
      });
      sent.push([m.id, sentAt, Date.now()]);
    }
  }),
);
const cpu = process.cpuUsage(cpuAtStart);
const report: ClientReport = {
  sent,
  seconds: (performance.now() - start) / 1000,
  cpuMs: (cpu.user + cpu.system) / 1000,
};
transport.close();
process.send!(report, () => process.exit(0));
