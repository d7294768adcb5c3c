import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import {
  buildScanMail,
  canonicalSubject,
  SCAN_DOC_TYPES,
  sampleScanRequests,
} from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";

const register = [
  { caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller" },
  { caseRef: "50-2001/2025", customerNo: null, surname: "Öztürk" },
  { caseRef: "50-3002/2026", customerNo: "100777", surname: null },
];

describe("buildScanMail", () => {
  it("builds a mail that parses back to the same subject, sender and PDF bytes", async () => {
    const pdf = await makeScanPdf({ pages: 2, seed: 5 });
    const subject = canonicalSubject({ caseRef: "50-1234/2026", surname: "Müller", docType: "Kontoauszug" });
    const raw = await buildScanMail({
      subject,
      messageId: "<scan-0001@kundencenter.example>",
      date: new Date("2026-03-02T09:15:00+01:00"),
      attachments: [{ filename: "scan-0001.pdf", content: pdf }],
    });

    const mail = await simpleParser(Buffer.from(raw));

    expect(mail.subject).toBe("Scan Az: 50-1234/2026; Name: Müller; Art: Kontoauszug");
    expect(mail.from?.value[0]?.address).toBe("scanterminal@kundencenter.example");
    expect(mail.messageId).toBe("<scan-0001@kundencenter.example>");
    expect(mail.date?.toISOString()).toBe("2026-03-02T08:15:00.000Z");
    expect(mail.text?.trim()).toBe("Gescanntes Dokument vom Kundenterminal");
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]?.contentType).toBe("application/pdf");
    expect(mail.attachments[0]?.filename).toBe("scan-0001.pdf");
    expect(mail.attachments[0]?.content.equals(Buffer.from(pdf))).toBe(true);
  });

  it("sends attachments base64-encoded and keeps the header lines 7-bit", async () => {
    const raw = await buildScanMail({
      subject: "Scan Name: Müller",
      to: "eingang@amt.example",
      attachments: [{ filename: "a.pdf", content: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff]) }],
    });
    const text = Buffer.from(raw).toString("latin1");
    const headers = text.slice(0, text.indexOf("\r\n\r\n"));

    expect(text).toContain("Content-Transfer-Encoding: base64");
    expect(headers).toMatch(/^To: eingang@amt\.example$/m);
    expect(/^[\x00-\x7f]*$/.test(headers)).toBe(true);
  });

  it("carries several PDFs of one scan in order", async () => {
    const first = await makeScanPdf({ pages: 1, seed: 1 });
    const second = await makeScanPdf({ pages: 1, seed: 2 });
    const raw = await buildScanMail({
      subject: "Scan",
      attachments: [
        { filename: "teil-1.pdf", content: first },
        { filename: "teil-2.pdf", content: second },
      ],
    });

    const mail = await simpleParser(Buffer.from(raw));

    expect(mail.attachments.map((a) => a.filename)).toEqual(["teil-1.pdf", "teil-2.pdf"]);
    expect(mail.attachments[1]?.content.equals(Buffer.from(second))).toBe(true);
  });
});

describe("canonicalSubject", () => {
  it("writes all four fields in the terminal's order", () => {
    expect(
      canonicalSubject({
        caseRef: "50-1234/2026",
        customerNo: "100234",
        surname: "Müller",
        docType: "Antrag",
      }),
    ).toBe("Scan Az: 50-1234/2026; Kd: 100234; Name: Müller; Art: Antrag");
  });

  it("leaves out missing and blank fields", () => {
    expect(canonicalSubject({ surname: "Müller", docType: "Bescheid" })).toBe(
      "Scan Name: Müller; Art: Bescheid",
    );
    expect(canonicalSubject({ customerNo: "100234", surname: "  " })).toBe("Scan Kd: 100234");
  });

  it("is just 'Scan' without any field", () => {
    expect(canonicalSubject({})).toBe("Scan");
  });
});

describe("sampleScanRequests", () => {
  const requests = sampleScanRequests(2_000, 9, register);

  it("is deterministic for a seed", () => {
    expect(sampleScanRequests(50, 9, register)).toEqual(requests.slice(0, 50));
    expect(sampleScanRequests(50, 10, register)).not.toEqual(requests.slice(0, 50));
  });

  it("mixes full subjects, name-only, customer-number-only and empty ones", () => {
    const share = (test: (s: string) => boolean) =>
      requests.filter((r) => test(r.subject)).length / requests.length;

    expect(share((s) => s.startsWith("Scan Az: "))).toBeGreaterThan(0.6);
    expect(share((s) => s.startsWith("Scan Name: "))).toBeGreaterThan(0.03);
    expect(share((s) => /^Scan Kd: \d+$/.test(s))).toBeGreaterThan(0.03);
    expect(share((s) => s === "Scan")).toBeGreaterThan(0.01);
    expect(share((s) => s === "Scan")).toBeLessThan(0.15);
  });

  it("uses only register entries and the known document types", () => {
    const caseRefs = new Set(register.map((e) => e.caseRef));
    for (const { subject } of requests) {
      const caseRef = /Az: ([^;]+)/.exec(subject)?.[1];
      const docType = /Art: ([^;]+)/.exec(subject)?.[1];
      if (caseRef) expect(caseRefs.has(caseRef)).toBe(true);
      if (docType) expect(SCAN_DOC_TYPES).toContain(docType);
    }
  });

  it("has mostly 1 to 5 pages and now and then up to 20", () => {
    const pages = requests.map((r) => r.pages);
    expect(Math.min(...pages)).toBe(1);
    expect(Math.max(...pages)).toBeLessThanOrEqual(20);
    expect(pages.filter((p) => p > 5).length).toBeGreaterThan(0);
    expect(pages.filter((p) => p <= 5).length / pages.length).toBeGreaterThan(0.9);
  });

  it("falls back to bare 'Scan' subjects with an empty register", () => {
    expect(sampleScanRequests(5, 1, []).every((r) => r.subject === "Scan")).toBe(true);
  });
});
