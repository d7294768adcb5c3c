import { PDFDocument, rgb } from "pdf-lib";
import QRCode from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CoverSheetFields,
  createKeyring,
  encodeCoverSheet,
} from "../../../src/domain/cover-sheet-codec.js";
import {
  createCoverSheetSplitter,
  type PageRenderer,
  renderPageWithPdfjs,
} from "../../../src/pdf/cover-sheet-splitter.js";
import { createQrWorkerPool } from "../../../src/pdf/qr-worker-pool.js";
import { renderCoverSheets } from "../../../src/pdf/render-cover-sheet.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { loadUnicodeFont } from "../../../src/pdf/unicode-font.js";

const keyring = createKeyring("splitter-test-secret-with-enough-characters");
const pool = createQrWorkerPool(2);
const split = createCoverSheetSplitter({ keyring: () => keyring, pool: () => pool });
afterAll(() => pool.close());

const fields = (serial: string): CoverSheetFields => ({
  serial,
  caseRef: "50-1234/2026",
  customerNo: "100234",
  docCode: "KA",
  declaredPages: null,
  issuedOn: "2026-11-25",
});

async function sheetPdf(qrText: string, serial: string): Promise<PDFDocument> {
  const fonts = { regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") };
  const view = {
    qrText,
    serial,
    docType: "Kontoauszug",
    caseRef: "50-1234/2026",
    customerNo: null,
    surname: "Müller",
    declaredPages: null,
    issuedOn: "2026-11-25",
    teamName: null,
  };
  return PDFDocument.load(await renderCoverSheets([view], { officeName: "Amt", fonts }));
}

async function assemble(parts: (PDFDocument | "content")[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  const content = await PDFDocument.load(await makeScanPdf({ pages: 1, seed: 3 }));
  for (const part of parts) {
    const [page] = await out.copyPages(part === "content" ? content : part, [0]);
    out.addPage(page!);
  }
  return out.save();
}

/** A page that draws its QR code as vector rectangles: no image to extract, so pdfjs must render it. */
async function vectorQrPage(text: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const symbol = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = symbol.modules.size;
  const module = 200 / size;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++)
      if (symbol.modules.get(r, c))
        page.drawRectangle({
          x: 300 + c * module,
          y: 500 - r * module,
          width: module,
          height: module,
          color: rgb(0, 0, 0),
        });
  return doc;
}

describe("the cover-sheet splitter", () => {
  it("splits a PDF of unscanned, digitally rendered sheets between content pages", async () => {
    const a = encodeCoverSheet(fields("AAAAAA01"), keyring);
    const b = encodeCoverSheet({ ...fields("AAAAAA02"), docCode: "MB" }, keyring);
    const pdf = await assemble([
      "content",
      await sheetPdf(a, "AAAAAA01"),
      "content",
      "content",
      await sheetPdf(b, "AAAAAA02"),
      "content",
    ]);
    const result = await split(pdf);
    expect(result.ok && result.parts.map((p) => [p.pages, p.metadata?.docType ?? null])).toEqual([
      [[0], null],
      [[2, 3], "Kontoauszug"],
      [[5], "Mietbescheinigung"],
    ]);
    if (result.ok) expect((await PDFDocument.load(await result.parts[1]!.pdf())).getPageCount()).toBe(2);
  });

  it("does not take a content page with a bank's payment QR code for a cover sheet", async () => {
    const epc = "BCD\n002\n1\nSCT\nGENODEF1S04\nStadtwerke\nDE02120300000000202051\nEUR12.50";
    const pdf = await assemble(["content", await vectorQrPage(epc), "content"]);
    const result = await split(pdf);
    expect(result.ok && result.parts.map((p) => [p.pages, p.metadata, p.forceTriage])).toEqual([
      [[0, 1, 2], null, null],
    ]);
  });

  it("finds a sheet drawn as vectors by rendering the page with pdfjs", async () => {
    const text = encodeCoverSheet(fields("AAAAAA03"), keyring);
    const result = await split(await assemble([await vectorQrPage(text), "content"]));
    expect(result.ok && result.parts.map((p) => [p.pages, p.metadata?.caseRef])).toEqual([
      [[1], "50-1234/2026"],
    ]);
  });

  it("without a renderer (as on Workers) treats a vector page as a page without a code", async () => {
    const text = encodeCoverSheet(fields("AAAAAA06"), keyring);
    const pdf = await assemble([await vectorQrPage(text), "content"]);
    const noRender = createCoverSheetSplitter({ keyring: () => keyring, pool: () => pool, renderPage: null });
    const result = await noRender(pdf);
    expect(result.ok && result.parts.map((p) => [p.pages, p.metadata, p.forceTriage])).toEqual([
      [[0, 1], null, null],
    ]);
  });

  it("uses an injected renderer for pages without an image, opened once per scan and closed", async () => {
    const text = encodeCoverSheet(fields("AAAAAA07"), keyring);
    const pdf = await assemble([await vectorQrPage(text), "content", await vectorQrPage("no sheet")]);
    const calls: string[] = [];
    const renderPage: PageRenderer = async (bytes) => {
      calls.push(`open ${bytes === pdf}`);
      const real = await renderPageWithPdfjs(bytes);
      return {
        renderPage: (index) => {
          calls.push(`page ${index}`);
          return real.renderPage(index);
        },
        close: async () => {
          calls.push("close");
          await real.close();
        },
      };
    };
    const result = await createCoverSheetSplitter({ keyring: () => keyring, pool: () => pool, renderPage })(
      pdf,
    );
    expect(result.ok && result.parts.map((p) => [p.pages, p.metadata?.caseRef])).toEqual([
      [[1, 2], "50-1234/2026"],
    ]);
    expect(calls.sort()).toEqual(["close", "open true", "page 0", "page 2"]);
  });

  it("sends a scan with a forged sheet to triage with the reason and splits nothing", async () => {
    const good = encodeCoverSheet(fields("AAAAAA04"), keyring);
    const forgedBody = encodeCoverSheet(
      { ...fields("AAAAAA05"), caseRef: "99-9999/2026" },
      createKeyring("forger-secret-with-enough-characters-012345"),
    );
    const forged = forgedBody.replace(/^PK1\*../, `PK1*${keyring.current.id}`);
    const pdf = await assemble([
      await sheetPdf(good, "AAAAAA04"),
      "content",
      await sheetPdf(forged, "AAAAAA05"),
      "content",
    ]);
    const result = await split(pdf);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.parts).toHaveLength(1);
    expect(result.parts[0]!.pages).toEqual([0, 1, 2, 3]);
    expect(await result.parts[0]!.pdf()).toBe(pdf);
    expect(result.parts[0]!.forceTriage).toMatch(/^Deckblatt ungültig: Signatur stimmt nicht.*Seite 3/);
  });
});
