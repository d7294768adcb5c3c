/**
 * A splitter has parsed each part's PDF already (the whole scan, or the document it just cut); the stamper
 * takes that parse instead of parsing the bytes again. Keyed by the very bytes object the part carries, taken
 * once (the stamper draws on it), and weak: a part that is never stamped leaves nothing behind.
 */
import type { PDFDocument } from "pdf-lib";

const parsed = new WeakMap<Uint8Array, PDFDocument>();

/** `doc` must be a parse of exactly `bytes` that nobody else will change or read afterwards. */
export function handOverParsed(bytes: Uint8Array, doc: PDFDocument): void {
  parsed.set(bytes, doc);
}

/** The handed-over parse of `bytes`, once; undefined when there is none (the caller parses itself). */
export function takeParsed(bytes: Uint8Array): PDFDocument | undefined {
  const doc = parsed.get(bytes);
  parsed.delete(bytes);
  return doc;
}
