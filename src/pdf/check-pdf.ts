/** Loads a PDF with pdf-lib to learn whether it is usable and how many pages it has. */
import { PDFDocument } from "pdf-lib";
import type { PdfCheck } from "../ingest/ports.js";

export type CheckedPdf = { ok: true; doc: PDFDocument; pageCount: number } | { ok: false; reason: string };

/** The check and the parse in one: splitters keep the parsed document instead of parsing the PDF again. */
export async function loadCheckedPdf(bytes: Uint8Array): Promise<CheckedPdf> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    const pageCount = doc.getPageCount();
    if (pageCount === 0) return { ok: false, reason: "Die PDF-Datei hat keine Seiten" };
    return { ok: true, doc, pageCount };
  } catch (err) {
    const detail = (err instanceof Error ? err.message.split("\n")[0] : undefined) ?? String(err);
    if (/encrypt/i.test(detail)) return { ok: false, reason: "Die PDF-Datei ist verschlüsselt" };
    return { ok: false, reason: `Die PDF-Datei ist beschädigt oder nicht lesbar (${detail})` };
  }
}

export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
  const checked = await loadCheckedPdf(bytes);
  return checked.ok ? { ok: true, pageCount: checked.pageCount } : checked;
}
