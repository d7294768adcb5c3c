/** The default splitter: one document per PDF (the cover-sheet splitter replaces it). */
import type { DocumentPart, PdfSplitter } from "../ingest/ports.js";
import { loadCheckedPdf } from "./check-pdf.js";
import { noCopyView } from "./no-copy-bytes.js";
import { writtenPart } from "./parsed-pdf-handoff.js";

export const wholePdfSplitter: PdfSplitter = async (pdf) => {
  const check = await loadCheckedPdf(noCopyView(pdf));
  if (!check.ok) return check;
  const pages = Array.from({ length: check.pageCount }, (_, i) => i);
  return {
    ok: true,
    parts: theWholePdf({
      pages,
      ...writtenPart(pdf, check.doc),
      metadata: null,
      flags: [],
      note: null,
      forceTriage: null,
    }),
  };
};

async function* theWholePdf(part: DocumentPart): AsyncGenerator<DocumentPart> {
  yield part;
}
