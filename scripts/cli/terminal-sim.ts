/** The scan-terminal simulator: realistic scan mails (terminal subjects, 1–20 page scans) sent by SMTP or APPENDed by IMAP. */
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { parseImapSource } from "../../src/mail/imap-source.js";
import { buildScanMail, type SampleRegisterEntry, sampleScanRequests } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";

export interface TerminalSimOptions {
  count: number;
  /** Mails per second; 0 = as fast as the target takes them. */
  rate: number;
  seed: number;
  register: readonly SampleRegisterEntry[];
  maxPages: number;
  to: string;
  /** Called after each mail was accepted (250 / APPEND OK), with its Message-ID. */
  onSent?: (index: number, messageId: string) => void;
}

export interface MailTarget {
  send(raw: Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function smtpTarget(
  hostPort: string,
  auth?: { user: string; pass: string },
  starttls = false,
): Promise<MailTarget> {
  const [host, port] = splitHostPort(hostPort, 25);
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: false,
    ignoreTLS: !starttls,
    requireTLS: starttls,
    // A terminal on the office LAN often has a self-signed certificate on the other side.
    tls: { rejectUnauthorized: false },
    auth,
    pool: true,
    maxConnections: 1,
  });
  return {
    async send(raw) {
      await transport.sendMail({
        envelope: { from: "scanterminal@kundencenter.example", to: [to(raw)] },
        raw,
      });
    },
    async close() {
      transport.close();
    },
  };
}

export async function imapTarget(url: string): Promise<MailTarget> {
  const source = parseImapSource(url);
  const client = new ImapFlow({
    host: source.host,
    port: source.port,
    secure: source.secure,
    auth: { user: source.user, pass: source.pass },
    logger: false,
  });
  await client.connect();
  return {
    async send(raw) {
      const appended = await client.append(source.mailbox, raw);
      if (!appended) throw new Error(`APPEND nach ${source.label} fehlgeschlagen`);
    },
    close: () => client.logout(),
  };
}

export async function runTerminalSim(
  target: MailTarget,
  o: TerminalSimOptions,
): Promise<{ sent: number; ms: number }> {
  const requests = sampleScanRequests(o.count, o.seed, o.register);
  const started = Date.now();
  for (const [i, request] of requests.entries()) {
    const messageId = `<sim-${o.seed}-${started}-${i}@kundenterminal.example>`;
    const pages = Math.min(o.maxPages, request.pages);
    const pdf = await makeScanPdf({ pages, seed: o.seed * 100_000 + i });
    const raw = await buildScanMail({
      subject: request.subject,
      messageId,
      to: o.to,
      attachments: [{ filename: `Scan_${String(i + 1).padStart(4, "0")}.pdf`, content: pdf }],
    });
    if (o.rate > 0) {
      const due = started + (i * 1000) / o.rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    await target.send(Buffer.from(raw));
    o.onSent?.(i, messageId);
  }
  return { sent: requests.length, ms: Date.now() - started };
}

function splitHostPort(value: string, fallbackPort: number): [string, number] {
  const match = /^(.*?)(?::(\d+))?$/.exec(value);
  return [match?.[1] || "127.0.0.1", match?.[2] ? Number(match[2]) : fallbackPort];
}

function to(raw: Buffer): string {
  const header = raw.subarray(0, 4096).toString("latin1");
  return /^To:\s*(?:.*<)?([^>\s]+@[^>\s]+)/im.exec(header)?.[1] ?? "postkorb@amt.example";
}
