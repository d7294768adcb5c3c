/** The default splitter: one document per PDF (the cover-sheet splitter replaces it). */
import type { PdfSplitter } from "../ingest/ports.js";
import { checkPdf } from "./check-pdf.js";

export const wholePdfSplitter: PdfSplitter = async (pdf) => {
  const check = await checkPdf(pdf);
  if (!check.ok) return check;
  const pages = Array.from({ length: check.pageCount }, (_, i) => i);
  return {
    ok: true,
    parts: [{ pages, bytes: pdf, metadata: null, flags: [], note: null, forceTriage: null }],
  };
};
