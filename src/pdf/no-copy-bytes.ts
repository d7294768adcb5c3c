/**
 * PDF bytes that pdf-lib parses without copying: its parser cuts every stream out with `bytes.slice()`, which
 * on a plain Uint8Array copies (a 74 MB scan would be held twice) and on a Node Buffer is already a view.
 * This view makes `slice` a `subarray` on every runtime; nothing here writes to the bytes.
 */
class NoCopyBytes extends Uint8Array<ArrayBufferLike> {
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    // A view of the same buffer: an ArrayBuffer whenever the PDF's is (mail parsers never share memory).
    return this.subarray(start, end) as Uint8Array<ArrayBuffer>;
  }
}

/** A view of `pdf` (same memory, no copy) whose slices are views too. */
export function noCopyView(pdf: Uint8Array): Uint8Array {
  if (pdf instanceof NoCopyBytes) return pdf;
  return new NoCopyBytes(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}
