/**
 * The cover-sheet splitter: page images → QR codes (worker pool) → split plan (pure) → one PDF per document.
 * Invalid sheets split nothing: the whole scan goes to triage with the reason.
 */
import { PDFDocument } from "pdf-lib";
import type { CoverSheetKeyring } from "../domain/cover-sheet-codec.js";
import { docTypeOfCode } from "../domain/cover-sheet-doc-codes.js";
import type { DocumentMetadata } from "../domain/metadata.js";
import {
  type PageObservation,
  type PlannedPart,
  planCoverSheetSplit,
} from "../domain/plan-cover-sheet-split.js";
import type { DocumentPart, PdfSplitter } from "../ingest/ports.js";
import { checkPdf } from "./check-pdf.js";
import { extractPageImage } from "./page-images.js";
import type { QrWorkerPool } from "./qr-worker-pool.js";
import { openPdfRenderer, type PdfRenderer } from "./render-page-pdfjs.js";

export const FLAG_INVALID_SHEET = "deckblatt-ungueltig";

export interface CoverSheetSplitterOptions {
  /** Resolved on first use (the secret may be generated into the data dir). */
  keyring: () => CoverSheetKeyring;
  /** Called on first use, so a service that never sees a PDF never starts workers. */
  pool: () => QrWorkerPool;
}

export function createCoverSheetSplitter(options: CoverSheetSplitterOptions): PdfSplitter {
  return async function splitAtCoverSheets(pdf) {
    const check = await checkPdf(pdf);
    if (!check.ok) return check;
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const observations = await observePages(pdf, doc, options.pool());
    const plan = planCoverSheetSplit(observations, options.keyring());
    const all = observations.map((_, i) => i);
    if (plan.kind === "whole") return { ok: true, parts: [wholePart(pdf, all, null, null)] };
    if (plan.kind === "invalid")
      return {
        ok: true,
        parts: [{ ...wholePart(pdf, all, plan.reason, plan.reason), flags: [FLAG_INVALID_SHEET] }],
      };
    const parts: DocumentPart[] = [];
    for (const planned of plan.parts) parts.push(await cutPart(doc, planned));
    return { ok: true, parts };
  };
}

/** Scan images go to the pool all at once; pages without one are rendered one by one (memory stays flat). */
export async function observePages(
  pdf: Uint8Array,
  doc: PDFDocument,
  pool: QrWorkerPool,
): Promise<PageObservation[]> {
  let renderer: Promise<PdfRenderer> | null = null;
  let renderChain: Promise<unknown> = Promise.resolve();
  const scans = doc.getPages().map((_, index) => {
    const task = extractPageImage(doc, index);
    if (task) return pool.scan(task);
    renderer ??= openPdfRenderer(pdf);
    const rendered = renderChain.then(async () => (await renderer!).renderPage(index));
    renderChain = rendered.catch(() => undefined);
    return rendered.then((image) => pool.scan(image));
  });
  try {
    const results = await Promise.all(scans);
    return results.map((scan) => ({ qrTexts: scan.texts, blank: scan.blank }));
  } finally {
    if (renderer) await (await (renderer as Promise<PdfRenderer>)).close();
  }
}

function wholePart(
  pdf: Uint8Array,
  pages: number[],
  note: string | null,
  forceTriage: string | null,
): DocumentPart {
  return { pages, bytes: pdf, metadata: null, flags: [], note, forceTriage };
}

async function cutPart(source: PDFDocument, planned: PlannedPart): Promise<DocumentPart> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const page of await out.copyPages(source, planned.pages)) out.addPage(page);
  const title = source.getTitle();
  if (title) out.setTitle(title);
  const bytes = await out.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
  return {
    pages: planned.pages,
    bytes,
    metadata: planned.sheet ? sheetMetadata(planned.sheet) : null,
    flags: planned.flags,
    note: planned.note,
    forceTriage: null,
  };
}

function sheetMetadata(sheet: NonNullable<PlannedPart["sheet"]>): DocumentMetadata {
  return {
    caseRef: sheet.caseRef,
    customerNo: sheet.customerNo,
    surname: null,
    docType: docTypeOfCode(sheet.docCode),
    source: "cover-sheet",
  };
}
