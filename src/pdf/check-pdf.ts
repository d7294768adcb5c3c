/** Loads a PDF with pdf-lib to learn whether it is usable and how many pages it has. */
import { PDFDocument } from "pdf-lib";
import type { PdfCheck } from "../ingest/ports.js";

export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    const pageCount = doc.getPageCount();
    if (pageCount === 0) return { ok: false, reason: "Die PDF-Datei hat keine Seiten" };
    return { ok: true, pageCount };
  } catch (err) {
    const detail = (err instanceof Error ? err.message.split("\n")[0] : undefined) ?? String(err);
    if (/encrypt/i.test(detail)) return { ok: false, reason: "Die PDF-Datei ist verschlüsselt" };
    return { ok: false, reason: `Die PDF-Datei ist beschädigt oder nicht lesbar (${detail})` };
  }
}
