import { createHash } from "node:crypto";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CoverSheetFields,
  createKeyring,
  encodeCoverSheet,
} from "../../../src/domain/cover-sheet-codec.js";
import { officeDate } from "../../../src/domain/office-time.js";
import { routeDocument } from "../../../src/domain/route-document.js";
import { shortId } from "../../../src/ingest/new-id.js";
import { buildScanMail } from "../../../src/mail/scan-mail.js";
import { createCoverSheetIssuer } from "../../../src/pdf/cover-sheet-issuer.js";
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

  it("takes the name from the sheet's issue record, so a help-desk sheet without Aktenzeichen reaches the letter range", async () => {
    // GIVEN a sheet issued at the help desk for a new applicant: no Aktenzeichen, and the name, which the QR code
    // never carries, only in the issue record
    const issue = createCoverSheetIssuer({
      config: service.config,
      database: service.core.database,
      store: service.core.store,
      clock: service.core.clock,
      keyring: service.core.coverSheetKeyring,
    });
    const issued = await issue({
      caseRef: null,
      customerNo: null,
      surname: "Yılmaz",
      docType: "Antrag",
      declaredPages: 1,
      count: 1,
      issuedBy: "admin",
    });
    if (!issued.ok) throw new Error(issued.reason);
    const scan = await PDFDocument.create();
    const sheet = await PDFDocument.load(issued.pdf);
    scan.addPage((await scan.copyPages(sheet, [0]))[0]!);
    const content = await PDFDocument.load(await makeScanPdf({ pages: 1, seed: 77 }));
    scan.addPage((await scan.copyPages(content, [0]))[0]!);
    const raw = await buildScanMail({
      subject: "Scan",
      messageId: "<cover-sheet-new-applicant@terminal.example>",
      attachments: [{ filename: "antrag.pdf", content: await scan.save() }],
    });
    // WHEN it is scanned and sent with a subject that names nobody
    expect(await sendRaw(service.smtpPort!, raw)).toMatch(/^250 /);
    await service.processor.idle();
    // THEN the document carries the recorded name and is routed by it, not left in the team queue
    const message = (await service.core.store.listMessages()).find(
      (m) => m.messageIdHeader === "<cover-sheet-new-applicant@terminal.example>",
    );
    const [doc, ...more] = await service.core.store.listDocumentsOfMessage(message!.id);
    expect(more).toEqual([]);
    expect(doc).toMatchObject({
      surname: "Yılmaz",
      docType: "Antrag",
      metadataSource: "cover-sheet",
      pageCount: 1,
    });
    const office = await service.core.store.loadOffice();
    const today = officeDate(new Date(), service.config.timeZone);
    const byName = routeDocument({ ...doc!, source: "cover-sheet" }, office, today, {});
    const withoutName = routeDocument({ ...doc!, surname: null, source: "cover-sheet" }, office, today, {});
    expect(withoutName.rule).toBe("team-queue");
    expect(byName.rule).not.toBe("team-queue");
    expect([doc!.routeRule, doc!.assignee]).toEqual([byName.rule, byName.assignee]);
    expect(doc!.routeReason).toMatch(/^Angaben aus dem Deckblatt .*Name aus der Ausgabe des Deckblatts\. /);
  }, 120_000);
});
