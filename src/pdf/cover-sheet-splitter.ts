/**
 * The cover-sheet splitter: page images → QR codes (worker pool) → split plan (pure) → one PDF per document.
 * Invalid sheets split nothing: the whole scan goes to triage with the reason and the rejected sheet's facts.
 */
import { PDFDocument } from "pdf-lib";
import type { CoverSheetKeyring } from "../domain/cover-sheet-codec.js";
import { docTypeOfCode } from "../domain/cover-sheet-doc-codes.js";
import { FLAG_INVALID_SHEET } from "../domain/document-flags.js";
import type { DocumentMetadata } from "../domain/metadata.js";
import {
  type PageObservation,
  type PlannedPart,
  planCoverSheetSplit,
  type SplitPartFacts,
} from "../domain/plan-cover-sheet-split.js";
import type { DocumentPart } from "../ingest/ports.js";
import { loadCheckedPdf } from "./check-pdf.js";
import { noCopyView } from "./no-copy-bytes.js";
import type { PageImageTask } from "./page-image-task.js";
import { extractPageImage } from "./page-images.js";
import { unwrittenPart, writtenPart } from "./parsed-pdf-handoff.js";
import type { QrWorkerPool } from "./qr-worker-pool.js";

/** A document part as this splitter returns it: the port's fields and the facts behind its flags. */
export type CoverSheetPart = DocumentPart & SplitPartFacts;

/** Draws the pages of one PDF that carry no extractable scan image; null for a page it cannot draw. */
export interface PageRenderSession {
  renderPage(pageIndex: number): Promise<PageImageTask | null>;
  close(): Promise<void>;
}

/** Opens a PDF for rendering: once per split, and only when some page needs it. */
export type PageRenderer = (pdf: Uint8Array) => Promise<PageRenderSession>;

export interface CoverSheetSplitterOptions {
  /** Resolved on first use (the secret may be generated into the data dir). */
  keyring: () => CoverSheetKeyring;
  /** Called on first use, so a service that never sees a PDF never starts workers. */
  pool: () => QrWorkerPool;
  /**
   * Fallback for pages without a decodable image (vector pages, JBIG2, JPX). Default: pdfjs-dist on
   * @napi-rs/canvas (Node, Bun). `null`: no fallback (Workers), such a page counts as a page without a code.
   */
  renderPage?: PageRenderer | null;
}

/**
 * The Node default, loaded on first use through a specifier bundlers do not follow: importing this module
 * (as the Worker does) pulls in neither pdfjs-dist nor @napi-rs/canvas.
 */
const PDFJS_RENDERER_MODULE = "./render-page-pdfjs.js";
export const renderPageWithPdfjs: PageRenderer = async (pdf) => {
  const module: typeof import("./render-page-pdfjs.js") = await import(
    /* @vite-ignore */ PDFJS_RENDERER_MODULE
  );
  return module.openPdfRenderer(pdf);
};

/** What the cover-sheet splitter hands over: the port's result, each part with the facts behind its flags. */
export type CoverSheetSplit =
  | { ok: true; parts: AsyncIterable<CoverSheetPart> }
  | { ok: false; reason: string };

/**
 * The splitter the pipeline uses (the PdfSplitter port): pages are read and the split planned before it
 * returns; each part's PDF is cut only when the caller takes it, so one part's bytes are held at a time.
 */
export function createStreamingCoverSheetSplitter(
  options: CoverSheetSplitterOptions,
): (pdf: Uint8Array) => Promise<CoverSheetSplit> {
  const render = options.renderPage === undefined ? renderPageWithPdfjs : options.renderPage;
  return async function splitAtCoverSheets(pdf) {
    // pdf-lib keeps views into the scan instead of a copy of every stream (see no-copy-bytes.ts).
    const view = noCopyView(pdf);
    const check = await loadCheckedPdf(view);
    if (!check.ok) return check;
    const doc = check.doc;
    const observations = await observePages(pdf, doc, options.pool(), render);
    const plan = planCoverSheetSplit(observations, options.keyring());
    const all = observations.map((_, i) => i);
    // The whole scan is one document: the stamper draws on this parse (nothing reads it after the plan).
    if (plan.kind === "whole") return { ok: true, parts: handOver([wholePart(pdf, doc, all, null, null)]) };
    if (plan.kind === "invalid") {
      const { page, serial, reason } = plan;
      const rejected: CoverSheetPart = {
        ...wholePart(pdf, doc, all, reason, reason),
        flags: [FLAG_INVALID_SHEET],
        rejectedSheet: { page, serial, reason },
      };
      return { ok: true, parts: handOver([rejected]) };
    }
    return { ok: true, parts: cutParts(doc, plan.parts) };
  };
}

/** Every part at once, for tests and tools that look at all of them; the pipeline takes them one by one. */
export function createCoverSheetSplitter(
  options: CoverSheetSplitterOptions,
): (pdf: Uint8Array) => Promise<{ ok: true; parts: CoverSheetPart[] } | { ok: false; reason: string }> {
  const split = createStreamingCoverSheetSplitter(options);
  return async function splitAllAtCoverSheets(pdf) {
    const result = await split(pdf);
    if (!result.ok) return result;
    const parts: CoverSheetPart[] = [];
    for await (const part of result.parts) parts.push(part);
    return { ok: true, parts };
  };
}

async function* handOver(parts: CoverSheetPart[]): AsyncGenerator<CoverSheetPart> {
  yield* parts;
}

async function* cutParts(source: PDFDocument, planned: PlannedPart[]): AsyncGenerator<CoverSheetPart> {
  for (const part of planned) yield await cutPart(source, part);
}

/**
 * Pages are read in a sliding window of pool.size × 2 in flight: each page's image (still compressed; the
 * workers decode it) is copied out for its worker, so only the pages being scanned are held, however long the
 * scan. Renders run one at a time on one pdfjs document. Results keep page order.
 */
export async function observePages(
  pdf: Uint8Array,
  doc: PDFDocument,
  pool: QrWorkerPool,
  render: PageRenderer | null = renderPageWithPdfjs,
): Promise<PageObservation[]> {
  const pageCount = doc.getPageCount();
  const observations = new Array<PageObservation>(pageCount);
  let session: Promise<PageRenderSession> | null = null;
  let renderChain: Promise<unknown> = Promise.resolve();
  let next = 0;
  let failure: { error: unknown } | null = null;

  async function rendered(index: number): Promise<PageImageTask | null> {
    if (!render) return null;
    session ??= render(pdf);
    const opened = session;
    const image = renderChain.then(async () => (await opened).renderPage(index));
    renderChain = image.catch(() => undefined);
    return image;
  }

  async function observe(index: number): Promise<PageObservation> {
    const task = (await extractPageImage(doc, index)) ?? (await rendered(index));
    // Nothing to look at: no code, and not known to be blank, so the page stays in its document.
    if (!task) return { qrTexts: [], blank: false };
    const scan = await pool.scan(task);
    return { qrTexts: scan.texts, blank: scan.blank };
  }

  async function lane(): Promise<void> {
    while (!failure && next < pageCount) {
      const index = next++;
      try {
        observations[index] = await observe(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  const lanes = Math.max(1, Math.min(pageCount, pool.size * 2));
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    const opened = await (session as Promise<PageRenderSession> | null)?.catch(() => null);
    await opened?.close();
  }
  if (failure) throw (failure as { error: unknown }).error;
  return observations;
}

function wholePart(
  pdf: Uint8Array,
  parsed: PDFDocument,
  pages: number[],
  note: string | null,
  forceTriage: string | null,
): DocumentPart {
  return { pages, ...writtenPart(pdf, parsed), metadata: null, flags: [], note, forceTriage };
}

async function cutPart(source: PDFDocument, planned: PlannedPart): Promise<CoverSheetPart> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const page of await out.copyPages(source, planned.pages)) out.addPage(page);
  const title = source.getTitle();
  if (title) out.setTitle(title);
  return {
    pages: planned.pages,
    // Not written here: the stamper draws on `out`, so the part's own PDF is written only if asked for.
    ...unwrittenPart(out, async (doc) =>
      noCopyView(await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY })),
    ),
    metadata: planned.sheet ? sheetMetadata(planned.sheet) : null,
    ...(planned.sheet ? { sheetSerial: planned.sheet.serial } : {}),
    flags: planned.flags,
    flagDetails: planned.flagDetails,
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
