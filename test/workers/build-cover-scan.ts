/**
 * Runs in Node (vitest config): a scan terminal's PDF with signed cover sheets, made with the project's own
 * sheet renderer and codec. Each sheet is rasterised (pdfjs) and put in as the scanner would: JPEG pages, and
 * one 300 dpi 1-bit Flate page (bigger than the Worker's scanner reads, so it must shrink it first), a blank
 * backside as raw gray samples, and a text-only page the Worker cannot look into (no render fallback there).
 */
import { deflateSync } from "node:zlib";
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
} from "pdf-lib";
import sharp from "sharp";
import {
  type CoverSheetFields,
  createKeyring,
  encodeCoverSheet,
} from "../../src/domain/cover-sheet-codec.js";
import { docTypeOfCode } from "../../src/domain/cover-sheet-doc-codes.js";
import { renderCoverSheets } from "../../src/pdf/render-cover-sheet.js";
import { openPdfRenderer } from "../../src/pdf/render-page-pdfjs.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { loadUnicodeFont } from "../../src/pdf/unicode-font.js";

const A4: [number, number] = [595.28, 841.89];
/** 300 dpi across A4: what an office scanner writes for 1-bit pages. */
const A4_300DPI: [number, number] = [2480, 3508];

interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

export type SheetEncoding = "jpeg" | "flate-1bit-300dpi";

export interface CoverScanSheet {
  fields: CoverSheetFields;
  encoding: SheetEncoding;
  /** Content pages behind the sheet (JPEG scans). */
  pages: number;
  /** An empty duplex backside right after the sheet, as raw gray samples. */
  blankBackside?: boolean;
  /** A page with text only (no image) at the end of this document. */
  textPage?: boolean;
}

async function rasteriseSheet(fields: CoverSheetFields, secret: string): Promise<Gray> {
  const qrText = encodeCoverSheet(fields, createKeyring(secret));
  const view = {
    ...fields,
    qrText,
    docType: docTypeOfCode(fields.docCode) ?? "Sonstiges",
    surname: null,
    teamName: null,
  };
  const fonts = { regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") };
  const printed = await renderCoverSheets([view], { officeName: "Amt für Soziales und Wohnen", fonts });
  const renderer = await openPdfRenderer(printed);
  try {
    const image = await renderer.renderPage(0);
    if (image.kind !== "raw" || image.channels !== 1) throw new Error("pdfjs gave no gray raster");
    return { data: image.bytes, width: image.width, height: image.height };
  } finally {
    await renderer.close();
  }
}

function drawFullPage(doc: PDFDocument, ref: PDFRef): void {
  const page = doc.addPage(A4);
  const name = page.node.newXObject("Scan", ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(A4[0], 0, 0, A4[1], 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}

async function jpegRef(doc: PDFDocument, image: Gray): Promise<PDFRef> {
  const raw = { raw: { width: image.width, height: image.height, channels: 1 as const } };
  const jpeg = await sharp(image.data, raw).toColourspace("b-w").jpeg({ quality: 70 }).toBuffer();
  return (await doc.embedJpg(jpeg)).ref;
}

function flateRef(doc: PDFDocument, samples: Uint8Array, width: number, height: number, bpc: 1 | 8): PDFRef {
  const dict = {
    Type: "XObject",
    Subtype: "Image",
    Width: width,
    Height: height,
    ColorSpace: "DeviceGray",
    BitsPerComponent: bpc,
    Filter: "FlateDecode",
  };
  return doc.context.register(doc.context.stream(deflateSync(samples), dict));
}

/** Upscaled to 300 dpi and thresholded: 1 bit per pixel, rows padded to bytes, 0 = black (DeviceGray). */
async function oneBit300Dpi(image: Gray): Promise<{ bits: Uint8Array; width: number; height: number }> {
  const [width, height] = A4_300DPI;
  const big = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .resize(width, height, { fit: "fill", kernel: "nearest" })
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (big[y * width + x]! >= 128) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  return { bits, width, height };
}

export async function makeCoverSheetScan(sheets: CoverScanSheet[], secret: string): Promise<Uint8Array> {
  const contentCount = sheets.reduce((n, s) => n + s.pages, 0);
  const content = await PDFDocument.load(await makeScanPdf({ pages: contentCount, seed: 23 }));
  const doc = await PDFDocument.create();
  doc.setTitle("Scan");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let next = 0;
  for (const sheet of sheets) {
    const raster = await rasteriseSheet(sheet.fields, secret);
    if (sheet.encoding === "jpeg") drawFullPage(doc, await jpegRef(doc, raster));
    else {
      const { bits, width, height } = await oneBit300Dpi(raster);
      drawFullPage(doc, flateRef(doc, bits, width, height, 1));
    }
    if (sheet.blankBackside) {
      const [w, h] = [1240, 1754];
      drawFullPage(doc, flateRef(doc, new Uint8Array(w * h).fill(246), w, h, 8));
    }
    const indices = Array.from({ length: sheet.pages }, (_, k) => next + k);
    next += sheet.pages;
    for (const page of await doc.copyPages(content, indices)) doc.addPage(page);
    if (sheet.textPage) {
      const page = doc.addPage(A4);
      page.drawText("Anlage: Nachreichung ohne Scanbild", { x: 72, y: 700, size: 14, font });
    }
  }
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
