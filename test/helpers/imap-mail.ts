/** Scan mails for the IMAP tests: one rendered PDF page shared by all, a distinct Message-ID per mail. */
import type { ImapFlow } from "imapflow";
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";

let page: Promise<Uint8Array> | null = null;

export async function scanMailFor(tag: string, i: number): Promise<Buffer> {
  page ??= makeScanPdf({ pages: 1, seed: 7 });
  const raw = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", surname: "Müller", docType: "Kontoauszug" }),
    messageId: `<${tag}-${i}@terminal.example>`,
    attachments: [{ filename: `scan-${i}.pdf`, content: await page }],
  });
  return Buffer.from(raw);
}

export async function countMessages(client: ImapFlow, path: string): Promise<number> {
  const status = await client.status(path, { messages: true });
  return status.messages ?? 0;
}

/** A scan mail grown to about `bytes` by an epilogue after the closing MIME boundary (which parsers ignore). */
export async function bigScanMailFor(tag: string, i: number, bytes: number): Promise<Buffer> {
  const mail = await scanMailFor(tag, i);
  const line = `${"x".repeat(76)}\r\n`;
  return Buffer.concat([
    mail,
    Buffer.from("\r\n"),
    Buffer.from(line.repeat(Math.max(0, Math.ceil((bytes - mail.length) / line.length)))),
  ]);
}
