import { createHash } from "node:crypto";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CoverSheetFields,
  createKeyring,
  encodeCoverSheet,
} from "../../../src/domain/cover-sheet-codec.js";
import { shortId } from "../../../src/ingest/new-id.js";
import { buildScanMail } from "../../../src/mail/scan-mail.js";
import { renderCoverSheets } from "../../../src/pdf/render-cover-sheet.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { loadUnicodeFont } from "../../../src/pdf/unicode-font.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { sendRaw } from "../../helpers/send-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService;

beforeAll(async () => {
  service = await startTestService(join(tmp.path, "data"));
});
afterAll(async () => {
  await service.stop();
  tmp.remove();
});

async function pageText(pdf: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  await doc.destroy();
  return content.items.map((item) => ("str" in item ? item.str : "")).join("");
}

async function scanWithSheets(sheets: { fields: CoverSheetFields; docType: string }[]): Promise<Uint8Array> {
  const keyring = createKeyring(service.config.secret!);
  const fonts = { regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") };
  const out = await PDFDocument.create();
  for (const [i, sheet] of sheets.entries()) {
    const qrText = encodeCoverSheet(sheet.fields, keyring);
    const view = { ...sheet.fields, qrText, docType: sheet.docType, surname: null, teamName: null };
    const sheetDoc = await PDFDocument.load(await renderCoverSheets([view], { officeName: "Amt", fonts }));
    out.addPage((await out.copyPages(sheetDoc, [0]))[0]!);
    const content = await PDFDocument.load(await makeScanPdf({ pages: i + 1, seed: 40 + i }));
    for (const page of await out.copyPages(content, content.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

describe("cover sheets through the SMTP ingress", () => {
  it("splits one mail into three documents in three queues, each stamped, the original kept", async () => {
    // GIVEN three register cases with three different caseworkers, and a scan with one sheet for each
    const office = await service.core.store.loadOffice();
    const cases: typeof office.register = [];
    for (const entry of office.register)
      if (!cases.some((c) => c.assignee === entry.assignee) && cases.length < 3) cases.push(entry);
    const sheets = cases.map((c, i) => ({
      fields: {
        serial: `E2E${i}SHEET`,
        caseRef: c.caseRef,
        customerNo: null,
        docCode: "KA",
        declaredPages: i + 1,
        issuedOn: "2026-11-20",
      },
      docType: "Kontoauszug",
    }));
    const pdf = await scanWithSheets(sheets);
    const raw = await buildScanMail({
      // The subject names another case: the signed sheets must win.
      subject: "AZ 50-9999/2026 Kontoauszug",
      messageId: "<cover-sheets-1@terminal.example>",
      attachments: [{ filename: "stapel.pdf", content: pdf }],
    });
    // WHEN it is sent over SMTP
    expect(await sendRaw(service.smtpPort!, raw)).toMatch(/^250 /);
    await service.processor.idle();
    // THEN three documents, routed by the sheets to three queues, each with a receipt stamp on page 1
    const message = (await service.core.store.listMessages()).find(
      (m) => m.messageIdHeader === "<cover-sheets-1@terminal.example>",
    );
    expect(message?.status).toBe("processed");
    const docs = await service.core.store.listDocumentsOfMessage(message!.id);
    docs.sort((a, b) => a.partKey.localeCompare(b.partKey));
    expect(docs.map((d) => [d.caseRef, d.queue, d.pageCount, d.metadataSource])).toEqual(
      cases.map((c, i) => [c.caseRef, c.assignee, i + 1, "cover-sheet"]),
    );
    expect(new Set(docs.map((d) => d.queue)).size).toBe(3);
    const originalSha = createHash("sha256").update(pdf).digest("hex");
    for (const doc of docs) {
      expect(doc.routeReason).toMatch(/Deckblatt/);
      expect(doc.originalSha256).toBe(originalSha);
      expect(doc.sha256).not.toBe(originalSha);
      const stamped = await service.core.blobs.get(doc.blobKey);
      const text = await pageText(stamped!);
      expect(text).toMatch(/Eingegangen am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr · Amt für Soziales und Wohnen/);
      expect(text).toContain(shortId(doc.id));
      expect(await service.core.blobs.get(doc.originalBlobKey)).toEqual(pdf);
    }
  }, 120_000);
});
