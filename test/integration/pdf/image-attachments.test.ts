import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { createKeyring, encodeCoverSheet } from "../../../src/domain/cover-sheet-codec.js";
import { extractPdfs } from "../../../src/ingest/extract-pdfs.js";
import type { ParsedMail } from "../../../src/ingest/ports.js";
import { createCoverSheetSplitter } from "../../../src/pdf/cover-sheet-splitter.js";
import { imageToPdf } from "../../../src/pdf/images-to-pdf.js";
import { createQrWorkerPool } from "../../../src/pdf/qr-worker-pool.js";
import { renderCoverSheets } from "../../../src/pdf/render-cover-sheet.js";
import { buildPageSvg } from "../../../src/pdf/sample-scan.js";
import { loadUnicodeFont } from "../../../src/pdf/unicode-font.js";
import type { Gray } from "../../fixtures/cover-sheets/embed-image.js";
import { readPgm } from "../../fixtures/cover-sheets/make-corpus.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
const keyring = createKeyring("image-test-secret-with-enough-characters-01");
const pool = createQrWorkerPool(2);
afterAll(async () => {
  await pool.close();
  tmp.remove();
});

async function sheetRaster(): Promise<Gray> {
  const fields = {
    serial: "IMG0SHEET",
    caseRef: "50-1234/2026",
    customerNo: null,
    docCode: "MB",
    declaredPages: 2,
    issuedOn: "2026-11-25",
  };
  const qrText = encodeCoverSheet(fields, keyring);
  const fonts = { regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") };
  const view = { ...fields, qrText, docType: "Mietbescheinigung", surname: null, teamName: null };
  const pdfPath = join(tmp.path, "sheet.pdf");
  writeFileSync(pdfPath, await renderCoverSheets([view], { officeName: "Amt", fonts }));
  execFileSync("pdftoppm", ["-gray", "-r", "150", "-singlefile", pdfPath, join(tmp.path, "sheet")]);
  return readPgm(readFileSync(join(tmp.path, "sheet.pgm")));
}

async function contentRaster(seed: number): Promise<Gray> {
  const { data, info } = await sharp(Buffer.from(buildPageSvg(seed, 1240, 1754)))
    .flatten({ background: "#fff" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** A multi-page TIFF as scanners write it: uncompressed 8-bit gray strips, one IFD per page, 150 dpi. */
function multiPageTiff(pages: Gray[]): Uint8Array {
  const entries = 10;
  const ifdSize = 2 + entries * 12 + 4 + 16; // + two RATIONALs for the resolution
  const total = 8 + pages.reduce((n, p) => n + ifdSize + p.data.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  let at = 8;
  view.setUint32(4, at, true);
  for (const [i, page] of pages.entries()) {
    const dataAt = at + ifdSize;
    const rational = at + 2 + entries * 12 + 4;
    const tags: [number, number, number][] = [
      [256, 4, page.width],
      [257, 4, page.height],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, dataAt],
      [278, 4, page.height],
      [279, 4, page.data.length],
      [282, 5, rational],
      [283, 5, rational + 8],
    ];
    view.setUint16(at, entries, true);
    tags.forEach(([tag, type, value], k) => {
      const e = at + 2 + k * 12;
      view.setUint16(e, tag, true);
      view.setUint16(e + 2, type, true);
      view.setUint32(e + 4, 1, true);
      if (type === 3) view.setUint16(e + 8, value, true);
      else view.setUint32(e + 8, value, true);
    });
    for (const r of [rational, rational + 8]) {
      view.setUint32(r, 150, true);
      view.setUint32(r + 4, 1, true);
    }
    const next = i === pages.length - 1 ? 0 : dataAt + page.data.length;
    view.setUint32(at + 2 + entries * 12, next, true);
    out.set(page.data, dataAt);
    at = next;
  }
  return out;
}

describe("image attachments", () => {
  it("turns a multi-page TIFF scan into a PDF that is split at its cover sheet", async () => {
    const tiff = multiPageTiff([
      await contentRaster(1),
      await sheetRaster(),
      await contentRaster(2),
      await contentRaster(3),
    ]);
    const converted = await imageToPdf(tiff);
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    const doc = await PDFDocument.load(converted.pdf);
    expect(doc.getPageCount()).toBe(4);
    expect(Math.round(doc.getPage(0).getWidth())).toBe(595); // 1240 px at 150 dpi = 210 mm
    const split = await createCoverSheetSplitter({ keyring: () => keyring, pool: () => pool })(converted.pdf);
    expect(split.ok && split.parts.map((p) => [p.pages, p.metadata?.docType ?? null, p.flags])).toEqual([
      [[0], null, []],
      [[2, 3], "Mietbescheinigung", []],
    ]);
  });

  it("takes JPEG and PNG attachments as documents and names what it cannot read", async () => {
    const page = await contentRaster(4);
    const raw = { raw: { width: page.width, height: page.height, channels: 1 as const } };
    const jpeg = new Uint8Array(await sharp(page.data, raw).jpeg().toBuffer());
    const png = new Uint8Array(await sharp(page.data, raw).png().toBuffer());
    const mail: ParsedMail = {
      subject: null,
      messageId: null,
      from: null,
      date: null,
      received: [],
      attachments: [
        { filename: "seite1.jpg", contentType: "image/jpeg", content: jpeg },
        { filename: "seite2.png", contentType: "application/octet-stream", content: png },
        {
          filename: "kaputt.tif",
          contentType: "image/tiff",
          content: new Uint8Array([0x49, 0x49, 42, 0, 1]),
        },
      ],
    };
    const parse = async () => mail;
    const found = await extractPdfs(mail, parse, imageToPdf);
    expect(found.pdfs.map((p) => p.filename)).toEqual(["seite1.jpg", "seite2.png"]);
    expect(found.others).toEqual([expect.stringMatching(/^kaputt\.tif \(image\/tiff: Bild/)]);
    expect((await extractPdfs(mail, parse)).pdfs).toHaveLength(0);
  });
});
