/** JPEG / PNG / TIFF (multi-page too) attachments → one PDF, page size from the image's resolution, A4 fallback. */
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import type { ImageToPdf } from "../ingest/ports.js";

const A4_WIDTH_PT = 595.28;
const MAX_PAGES = 1000;

export const imageToPdf: ImageToPdf = async (image) => {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(image, { failOn: "none" }).metadata();
  } catch {
    return { ok: false, reason: "Bilddatei nicht lesbar" };
  }
  if (!meta.format || !["jpeg", "png", "tiff"].includes(meta.format))
    return { ok: false, reason: `Bildformat ${meta.format ?? "unbekannt"} wird nicht unterstützt` };
  const pages = Math.min(meta.pages ?? 1, MAX_PAGES);
  const doc = await PDFDocument.create();
  doc.setCreator("Postkorb (aus Bildanhang)");
  for (let page = 0; page < pages; page++) {
    const frame = sharp(image, { page, failOn: "none" });
    const info = await frame.metadata();
    // JPEGs go in as they are (no re-encoding); others become JPEG (gray stays gray) or lossless PNG for 1-bit.
    const bytes =
      meta.format === "jpeg"
        ? image
        : await frame
            .clone()
            .toColourspace(info.channels === 1 ? "b-w" : "srgb")
            .png()
            .toBuffer();
    const embedded = meta.format === "jpeg" ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    const dpi = info.density && info.density > 30 ? info.density : null;
    const width = dpi ? (embedded.width / dpi) * 72 : A4_WIDTH_PT;
    const height = dpi ? (embedded.height / dpi) * 72 : (A4_WIDTH_PT * embedded.height) / embedded.width;
    doc.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  }
  return { ok: true, pdf: await doc.save({ useObjectStreams: false }) };
};
