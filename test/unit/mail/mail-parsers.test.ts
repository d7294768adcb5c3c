import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { parseSubject } from "../../../src/domain/subject-parser.js";
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

/** A minimal mail whose Subject header is exactly these bytes (raw 8-bit allowed). */
function mailWithSubject(subject: Uint8Array): Uint8Array {
  const ascii = (text: string) => new TextEncoder().encode(text);
  return new Uint8Array([
    ...ascii("From: scanterminal@kundencenter.example\r\nSubject: "),
    ...subject,
    ...ascii("\r\nMessage-ID: <enc@terminal.example>\r\nMIME-Version: 1.0\r\n"),
    ...ascii("Content-Type: text/plain; charset=us-ascii\r\n\r\nScan\r\n"),
  ]);
}

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);

// biome-ignore format: one row per line keeps the table readable
const encodedSubjects: { what: string; header: Uint8Array; subject: string; surname: string | null }[] = [
  { what: "RFC 2047 Q in ISO-8859-1", header: latin1("Scan Name: =?ISO-8859-1?Q?M=FCller?=; Art: Kontoauszug"), subject: "Scan Name: Müller; Art: Kontoauszug", surname: "Müller" },
  { what: "RFC 2047 B in ISO-8859-1", header: latin1("=?iso-8859-1?B?U2NhbiBOYW1lOiBXZWnf?="), subject: "Scan Name: Weiß", surname: "Weiß" },
  { what: "RFC 2047 Q in Windows-1252 with ß and €", header: latin1("=?windows-1252?Q?Stra=DFe_=80?="), subject: "Straße €", surname: null },
  { what: "RFC 2047 Q in Windows-1252 with a typographic apostrophe", header: latin1("Name: =?windows-1252?Q?D=92Angelo?="), subject: "Name: D’Angelo", surname: "D’Angelo" },
  { what: "RFC 2047 B in UTF-8", header: latin1("Scan Name: =?UTF-8?B?w5Z6dMO8cms=?="), subject: "Scan Name: Öztürk", surname: "Öztürk" },
  { what: "RFC 2047 UTF-8 split inside a character over two words", header: latin1("Name: =?UTF-8?Q?=C3=96zt=C3?=\r\n =?UTF-8?Q?=BCrk?=; Art: Antrag"), subject: "Name: Öztürk; Art: Antrag", surname: "Öztürk" },
  { what: "RFC 2047 words of two charsets side by side", header: latin1("Name: =?ISO-8859-1?Q?Wei=DF?= =?UTF-8?Q?-M=C3=BCller?="), subject: "Name: Weiß-Müller", surname: "Weiß-Müller" },
  { what: "a folded header with an ISO-8859-1 word", header: latin1("Scan Az: 50-1234/2026;\r\n Name: =?ISO-8859-1?Q?M=FCller?="), subject: "Scan Az: 50-1234/2026; Name: Müller", surname: "Müller" },
  { what: "raw 8-bit Latin-1 (not valid UTF-8)", header: latin1("Scan Name: M\xfcller; Art: Mietbescheinigung"), subject: "Scan Name: Müller; Art: Mietbescheinigung", surname: "Müller" },
  { what: "raw 8-bit Windows-1252 with ß and €", header: latin1("Scan Name: Wei\xdf \x80"), subject: "Scan Name: Weiß €", surname: null },
  { what: "raw 8-bit Latin-1 Ö and ü", header: latin1("AW: Scan Name: \xd6zt\xfcrk"), subject: "AW: Scan Name: Öztürk", surname: "Öztürk" },
  { what: "raw 8-bit UTF-8", header: utf8("Scan Name: Weiß; Art: Antrag"), subject: "Scan Name: Weiß; Art: Antrag", surname: "Weiß" },
];

describe.each(parsers)("Subject encodings: %s", (_name, parse) => {
  it.each(encodedSubjects)("decodes $what", async ({ header, subject, surname }) => {
    const mail = await parse(mailWithSubject(header));
    expect(mail.subject).toBe(subject);
    // Through the real subject parser too: the surname arrives with its umlauts and ß.
    expect(parseSubject(mail.subject ?? "").surname?.value ?? null).toBe(surname);
  });
});

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
