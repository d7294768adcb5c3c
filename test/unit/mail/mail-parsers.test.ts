import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractPdfs } from "../../../src/ingest/extract-pdfs.js";
import type { MailParser } from "../../../src/ingest/ports.js";
import { parseMailWithMailparser } from "../../../src/mail/parse-mail-mailparser.js";
import { parseMailWithPostalMime } from "../../../src/mail/parse-mail-postal-mime.js";
import { buildScanMail } from "../../../src/mail/scan-mail.js";

// One contract, every adapter: mailparser (Node, Bun) and postal-mime (Workers) must agree.
const parsers: [string, MailParser][] = [
  ["mailparser", parseMailWithMailparser],
  ["postal-mime", parseMailWithPostalMime],
];

async function tinyPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]);
  return doc.save();
}

async function forwardedScanMail(): Promise<Uint8Array> {
  const inner = await buildScanMail({
    subject: "Scan Az: 50-1234/2026",
    messageId: "<inner@kundencenter.example>",
    attachments: [{ filename: "innen.pdf", content: await tinyPdf(2) }],
  });
  const outer = await buildScanMail({
    subject: "Fwd: Scan Name: Müller; Art: Kontoauszug",
    messageId: "<outer@amt.example>",
    date: new Date("2026-11-20T08:00:00Z"),
    attachments: [
      { filename: "außen.pdf", content: await tinyPdf(1) },
      { filename: "weitergeleitet.eml", content: inner, contentType: "message/rfc822" },
    ],
  });
  const received = "Received: from scanner.local by mx.amt.example; Fri, 20 Nov 2026 09:00:01 +0100\r\n";
  return new Uint8Array([...new TextEncoder().encode(received), ...outer]);
}

describe.each(parsers)("MailParser port: %s", (_name, parse) => {
  it("reads subject (RFC 2047), Message-ID, sender, date and Received headers of a scan mail", async () => {
    const mail = await parse(await forwardedScanMail());
    expect(mail.subject).toBe("Fwd: Scan Name: Müller; Art: Kontoauszug");
    expect(mail.messageId).toBe("<outer@amt.example>");
    expect(mail.from).toBe("scanterminal@kundencenter.example");
    expect(mail.date?.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]).toContain("mx.amt.example");
  });

  it("keeps an attached message (message/rfc822) as an attachment whose PDFs are found", async () => {
    const mail = await parse(await forwardedScanMail());
    expect(mail.attachments.map((a) => a.contentType.toLowerCase())).toEqual([
      "application/pdf",
      "message/rfc822",
    ]);
    const { pdfs } = await extractPdfs(mail, parse);
    expect(pdfs.map((p) => p.filename)).toEqual(["außen.pdf", "innen.pdf"]);
    const inner = await PDFDocument.load(pdfs[1]!.content);
    expect(inner.getPageCount()).toBe(2);
  });
});
