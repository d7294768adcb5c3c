/**
 * Sample scans with cover sheets (Deckblätter), as the scan terminal would send them: each issued sheet is
 * rasterised (pdfjs, no poppler needed on the machine), damaged like paper in a scanner and put in front of its
 * document's pages. For the demo and the terminal simulator; the test corpus uses the same building blocks.
 */
import { PDFDocument } from "pdf-lib";
import {
  type CoverSheetFields,
  type CoverSheetKeyring,
  encodeCoverSheet,
} from "../domain/cover-sheet-codec.js";
import { renderCoverSheets } from "./render-cover-sheet.js";
import { openPdfRenderer } from "./render-page-pdfjs.js";
import { makeScanPdf } from "./sample-scan.js";
import { blankPage, type Damage, degrade } from "./scan-damage.js";
import { addImagePage, type Encoding, type Gray, newScanDocument } from "./scan-image-pdf.js";
import { loadUnicodeFont } from "./unicode-font.js";

/** How a sheet looks after the scanner: damage to the raster, then how the page image is encoded. */
export interface SheetLook {
  damage: Damage;
  encoding: Encoding;
  /** JPEG quality (1–100); ignored by the other encodings. */
  quality?: number;
}

/** A clean office scanner: a little grain and softness, JPEG at the quality terminals use. */
export const PLAIN_SHEET_LOOK: SheetLook = { damage: { noise: 6, blur: 0.5 }, encoding: "jpeg", quality: 70 };

/** A poor scan: about 70 dpi, blurred, noisy, JPEG quality 30. Still readable: the QR is 72 mm wide. */
export const LOW_QUALITY_SHEET_LOOK: SheetLook = {
  damage: { scale: 0.6, blur: 0.8, noise: 30 },
  encoding: "jpeg",
  quality: 30,
};

export interface CoverScanPart {
  /** The printed sheet (an issued sheet's PDF, first page used), or null for pages before the first sheet. */
  sheet: { pdf: Uint8Array; look?: SheetLook } | null;
  /** Content pages of the document behind the sheet. */
  pages: number;
  /** Duplex: an empty backside scanned right after the sheet (the splitter drops it). */
  blankBackside?: boolean;
}

export interface CoverScanOptions {
  parts: CoverScanPart[];
  /** Seeds the content pages and the damage; the same seed gives the same bytes. */
  seed: number;
  title?: string;
}

/** Page size of the blank backsides, like the content pages at 150 dpi. */
const BACKSIDE_PX: [number, number] = [1240, 1754];

/** The first page of each PDF as a gray raster of about 120 dpi (what the QR reader sees of a vector page). */
export async function rasteriseFirstPages(pdfs: Uint8Array[]): Promise<Gray[]> {
  const rasters: Gray[] = [];
  for (const pdf of pdfs) {
    const renderer = await openPdfRenderer(pdf);
    try {
      const image = await renderer.renderPage(0);
      if (image.kind !== "raw" || image.channels !== 1) throw new Error("pdfjs gave no gray raster");
      rasters.push({ data: image.bytes, width: image.width, height: image.height });
    } finally {
      await renderer.close();
    }
  }
  return rasters;
}

/** One image-only PDF: sheet page, (blank backside,) content pages, for each part in order. */
export async function makeCoverSheetScanPdf(o: CoverScanOptions): Promise<Uint8Array> {
  const contentPages = o.parts.reduce((n, p) => n + p.pages, 0);
  const content = contentPages
    ? await PDFDocument.load(await makeScanPdf({ pages: contentPages, seed: o.seed, title: "Inhalt" }))
    : null;
  const rasters = await rasteriseFirstPages(o.parts.flatMap((p) => (p.sheet ? [p.sheet.pdf] : [])));
  const doc = await newScanDocument(o.title ?? "Scan");
  let nextContent = 0;
  let nextRaster = 0;
  for (const [i, part] of o.parts.entries()) {
    if (part.sheet) {
      const look = part.sheet.look ?? PLAIN_SHEET_LOOK;
      const damaged = await degrade(rasters[nextRaster++]!, look.damage, o.seed * 31 + i);
      await addImagePage(doc, damaged, look.encoding, look.quality ?? 75);
      if (part.blankBackside) await addImagePage(doc, blankPage(...BACKSIDE_PX, o.seed * 31 + i), "jpeg", 50);
    }
    const indices = Array.from({ length: part.pages }, (_, k) => nextContent + k);
    nextContent += part.pages;
    if (content) for (const page of await doc.copyPages(content, indices)) doc.addPage(page);
  }
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/**
 * A sheet whose printed fields were changed after signing (another Aktenzeichen typed over the QR text): the
 * MAC no longer matches, so the service must reject it. Keeps the key id, so the reason is the signature.
 */
export function forgeCoverSheetText(qrText: string, caseRef: string): string {
  const fields = qrText.split("*");
  if (fields.length !== 9) throw new RangeError("not a cover-sheet QR text");
  fields[3] = caseRef;
  return fields.join("*");
}

export interface ForgedSheetOptions {
  /** What a genuine sheet said; it is signed with the keyring, then the Aktenzeichen is changed. */
  fields: CoverSheetFields;
  forgedCaseRef: string;
  docType: string;
  surname: string | null;
  keyring: CoverSheetKeyring;
  officeName: string;
}

/** A forged sheet as printed: the layout of a real one, the changed Aktenzeichen printed and in the QR code. */
export async function renderForgedCoverSheet(o: ForgedSheetOptions): Promise<Uint8Array> {
  const qrText = forgeCoverSheetText(encodeCoverSheet(o.fields, o.keyring), o.forgedCaseRef);
  const view = {
    ...o.fields,
    caseRef: o.forgedCaseRef,
    qrText,
    docType: o.docType,
    surname: o.surname,
    teamName: null,
  };
  const fonts = { regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") };
  return renderCoverSheets([view], { officeName: o.officeName, fonts });
}
