/** Runs in Node (vitest config): builds the raw scan mails the workerd tests deliver, as base64 bindings. */
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";

export async function buildWorkerFixtures(): Promise<Record<string, string>> {
  const pdf = await makeScanPdf({ pages: 2, seed: 7 });
  const routed = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
    messageId: "<workers-routed@kundencenter.example>",
    date: new Date("2026-11-20T09:15:00Z"),
    attachments: [{ filename: "scan.pdf", content: pdf }],
  });
  const twice = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Lohnabrechnung" }),
    messageId: "<workers-twice@kundencenter.example>",
    date: new Date("2026-11-20T09:16:00Z"),
    attachments: [{ filename: "scan.pdf", content: pdf }],
  });
  const noPdf = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026" }),
    messageId: "<workers-no-pdf@kundencenter.example>",
    attachments: [
      { filename: "notiz.txt", content: new TextEncoder().encode("hallo"), contentType: "text/plain" },
    ],
  });
  const pending = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Antrag" }),
    messageId: "<workers-pending@kundencenter.example>",
    attachments: [{ filename: "antrag.pdf", content: pdf }],
  });
  const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  return {
    FIXTURE_ROUTED_MAIL: toBase64(routed),
    FIXTURE_TWICE_MAIL: toBase64(twice),
    FIXTURE_NO_PDF_MAIL: toBase64(noPdf),
    FIXTURE_PENDING_MAIL: toBase64(pending),
  };
}
