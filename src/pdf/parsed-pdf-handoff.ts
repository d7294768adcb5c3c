/**
 * A splitter has parsed each part's PDF already (the whole scan, or the document it just cut out); the
 * stamper draws on that parse instead of writing the part and parsing it again. A cut part is written only if
 * someone asks for its bytes before the stamper takes it: an 80-page part of a 300 dpi scan is ~15 MB.
 *
 * Parts are keyed by their `pdf` function, which survives spreading the part into a new object; weak, so a part
 * that is never stamped leaves nothing behind.
 */
import type { PDFDocument } from "pdf-lib";
import type { PartPdf } from "../ingest/ports.js";

const handoffs = new WeakMap<PartPdf["pdf"], PDFDocument>();

/** A part that is the PDF `bytes` (e.g. the whole scan), with `parsed`, a parse of exactly those bytes. */
export function writtenPart(bytes: Uint8Array, parsed?: PDFDocument): PartPdf {
  const pdf = () => Promise.resolve(bytes);
  if (parsed) handoffs.set(pdf, parsed);
  return { pdf };
}

/**
 * A part that is the pdf-lib document `doc`, nothing else holding it: written by `write` when the bytes are
 * first asked for (the same bytes after that; the stamper then parses them), or handed to the stamper unwritten.
 */
export function unwrittenPart(doc: PDFDocument, write: (doc: PDFDocument) => Promise<Uint8Array>): PartPdf {
  let written: Promise<Uint8Array> | null = null;
  const pdf = (): Promise<Uint8Array> => {
    if (written) return written;
    // Once the stamper has drawn on the document, writing it would give the stamped PDF as the part's own.
    if (!handoffs.has(pdf))
      return Promise.reject(new Error("the part's PDF was handed to the stamper unwritten"));
    handoffs.delete(pdf);
    written = write(doc);
    return written;
  };
  handoffs.set(pdf, doc);
  return { pdf };
}

/** The splitter's parse of `part`, once; undefined when there is none (the caller parses the bytes itself). */
export function takeParsed(part: PartPdf): PDFDocument | undefined {
  const doc = handoffs.get(part.pdf);
  handoffs.delete(part.pdf);
  return doc;
}
