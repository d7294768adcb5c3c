/** Runs in Node (vitest config): builds the raw scan mails the workerd tests deliver, as base64 bindings. */
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { hashPassword } from "../../src/web/auth/scrypt-password.js";
import { makeCoverSheetScan } from "./build-cover-scan.js";
import { TEST_PASSWORD, TEST_SECRET } from "./fixture-constants.js";

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
  const sheet = (serial: string, caseRef: string, docCode: string, declaredPages: number) => ({
    serial,
    caseRef,
    customerNo: null,
    docCode,
    declaredPages,
    issuedOn: "2026-11-18",
  });
  const coverScan = await makeCoverSheetScan(
    [
      { fields: sheet("WK1SHEET", "50-1234/2026", "KA", 2), encoding: "jpeg", pages: 2 },
      { fields: sheet("WK2SHEET", "50-5678/2026", "MV", 1), encoding: "jpeg", pages: 1 },
      {
        fields: sheet("WK3SHEET", "50-1234/2026", "LA", 2),
        encoding: "flate-1bit-300dpi",
        pages: 1,
        blankBackside: true,
        textPage: true,
      },
    ],
    TEST_SECRET,
  );
  const covers = await buildScanMail({
    // The subject names another case: the signed sheets must win.
    subject: canonicalSubject({ caseRef: "50-9999/2026", docType: "Antrag" }),
    messageId: "<workers-cover-sheets@kundencenter.example>",
    date: new Date("2026-11-20T09:20:00Z"),
    attachments: [{ filename: "stapel.pdf", content: coverScan }],
  });
  const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  return {
    FIXTURE_ROUTED_MAIL: toBase64(routed),
    FIXTURE_TWICE_MAIL: toBase64(twice),
    FIXTURE_NO_PDF_MAIL: toBase64(noPdf),
    FIXTURE_PENDING_MAIL: toBase64(pending),
    FIXTURE_COVER_SHEETS_MAIL: toBase64(covers),
    FIXTURE_PASSWORD_HASH: await hashPassword(TEST_PASSWORD),
  };
}
