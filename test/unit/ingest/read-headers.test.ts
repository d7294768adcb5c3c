import { describe, expect, it } from "vitest";
import { emlReceivedAt } from "../../../src/ingest/eml-received-at.js";
import { preferredSubject, readHeaders, readSubjectHeader } from "../../../src/ingest/read-headers.js";

const raw = (text: string) => new TextEncoder().encode(text.replace(/\n/g, "\r\n"));
/** Header bytes exactly as given: each character is one byte (so "\xfc" is a raw 8-bit ü). */
const bytes = (text: string) => Uint8Array.from(text.replace(/\n/g, "\r\n"), (c) => c.charCodeAt(0));

describe("readHeaders and the .eml receipt time", () => {
  it("reads Message-ID as written, unfolds headers and keeps Received newest first", () => {
    const headers = readHeaders(
      raw(
        "Received: from mx.amt.example\n by mail.amt.example; Wed, 25 Nov 2026 09:41:07 +0100\nReceived: from terminal; Wed, 25 Nov 2026 09:40:59 +0100\nMessage-ID: <abc@terminal>\nSubject: =?UTF-8?Q?M=C3=BCller?=\nDate: Mon, 23 Nov 2026 08:00:00 +0100\n\nbody\nSubject: not a header\n",
      ),
    );
    expect(headers.messageId).toBe("<abc@terminal>");
    expect(headers.subject).toBe("Müller");
    expect(headers.received).toHaveLength(2);
    expect(headers.received[0]).toContain("by mail.amt.example");
  });

  it("takes the receipt time from the newest Received hop, not from the Date header", () => {
    const headers = readHeaders(
      raw(
        "Received: from a by b; Wed, 25 Nov 2026 09:41:07 +0100\nDate: Mon, 23 Nov 2026 08:00:00 +0100\n\n",
      ),
    );
    const result = emlReceivedAt(headers, new Date(0));
    expect(result).toEqual({ at: new Date("2026-11-25T08:41:07Z"), from: "received-header" });
  });

  it("falls back to the Date header, then to the file time", () => {
    expect(
      emlReceivedAt(readHeaders(raw("Date: Mon, 23 Nov 2026 08:00:00 +0100\n\n")), new Date(0)).from,
    ).toBe("date-header");
    expect(emlReceivedAt(readHeaders(raw("Subject: x\n\n")), new Date(5)).at).toEqual(new Date(5));
  });
});

// biome-ignore format: one row per line keeps the table readable
const subjects: [what: string, header: string, subject: string][] = [
  ["RFC 2047 Q in UTF-8", "=?UTF-8?Q?Scan_Name:_M=C3=BCller?=", "Scan Name: Müller"],
  ["RFC 2047 Q in ISO-8859-1", "=?ISO-8859-1?Q?M=FCller?=", "Müller"],
  ["RFC 2047 B in ISO-8859-1", "=?iso-8859-1?B?V2Vp3w==?=", "Weiß"],
  ["RFC 2047 B without padding", "=?iso-8859-1?B?V2Vp3w?=", "Weiß"],
  ["RFC 2047 Q in Windows-1252 with ß and €", "=?windows-1252?Q?Stra=DFe_=80?=", "Straße €"],
  ["RFC 2047 with the cp1252 label and a lower-case q", "=?cp1252?q?=80_Wei=DF?=", "€ Weiß"],
  ["ISO-8859-1 bytes 0x80–0x9F read as Windows-1252", "=?ISO-8859-1?Q?=84Zitat=93?=", "„Zitat“"],
  ["RFC 2047 with an RFC 2231 language tag", "=?ISO-8859-1*de?Q?M=FCller?=", "Müller"],
  ["RFC 2047 in ISO-8859-15", "=?ISO-8859-15?Q?=A4?=", "€"],
  ["RFC 2047 B in UTF-8", "Name: =?UTF-8?B?w5Z6dMO8cms=?=", "Name: Öztürk"],
  ["UTF-8 split inside a character over two folded words", "Name: =?UTF-8?Q?=C3=96zt=C3?=\n =?UTF-8?Q?=BCrk?=", "Name: Öztürk"],
  ["a word that says UTF-8 but holds Latin-1 bytes", "=?UTF-8?Q?M=FCller?=", "Müller"],
  ["text and words side by side, spaces kept outside the words", "Scan Name: =?ISO-8859-1?Q?Wei=DF?= Art: Antrag", "Scan Name: Weiß Art: Antrag"],
  ["raw 8-bit Latin-1", "Scan Name: M\xfcller; Art: Kontoauszug", "Scan Name: Müller; Art: Kontoauszug"],
  ["raw 8-bit Windows-1252 with €", "Stra\xdfe \x80", "Straße €"],
  ["raw 8-bit Latin-1 Ö", "Name: \xd6zt\xfcrk", "Name: Öztürk"],
  ["raw 8-bit UTF-8", "Name: \xc3\x96zt\xc3\xbcrk; Wei\xc3\x9f", "Name: Öztürk; Weiß"],
  ["plain ASCII", "Scan Az: 50-1234/2026", "Scan Az: 50-1234/2026"],
  ["an unknown charset, left as written", "=?x-unbekannt?Q?abc?= Name: M\xfcller", "=?x-unbekannt?Q?abc?= Name: Müller"],
  ["broken base64, left as written", "=?UTF-8?B?w5!?= Name: Wei\xdf", "=?UTF-8?B?w5!?= Name: Weiß"],
];

describe("readHeaders decodes the subject at capture time", () => {
  it.each(subjects)("decodes %s", (_what, header, subject) => {
    expect(readHeaders(bytes(`Message-ID: <s@terminal>\nSubject: ${header}\n\nbody\n`)).subject).toBe(
      subject,
    );
  });

  it("gives null without a Subject header and reads only the header block", () => {
    expect(readHeaders(raw("Message-ID: <s@terminal>\n\nSubject: im Text\n")).subject).toBeNull();
  });

  it("keeps the other headers as before (Windows-1252 bytes, RFC 2047 untouched)", () => {
    const headers = readHeaders(
      bytes("From: =?ISO-8859-1?Q?Wei=DF?= <a@b.example>\nMessage-ID: <\xfc@x>\n\n"),
    );
    expect(headers.from).toBe("=?ISO-8859-1?Q?Wei=DF?= <a@b.example>");
    expect(headers.messageId).toBe("<ü@x>");
  });

  it("says when it could not decode every encoded-word, so an adapter keeps its library's result", () => {
    const unknown = bytes("Subject: =?x-unbekannt?Q?abc?=\n\n");
    expect(readSubjectHeader(unknown)).toEqual({ text: "=?x-unbekannt?Q?abc?=", complete: false });
    expect(preferredSubject(unknown, "von der Bibliothek")).toBe("von der Bibliothek");
    expect(preferredSubject(bytes("Subject: M\xfcller\n\n"), "M\ufffdller")).toBe("Müller");
    expect(preferredSubject(bytes("From: a@b.example\n\n"), undefined)).toBeNull();
  });
});
