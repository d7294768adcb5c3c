/**
 * fontkit decodes a font's tables (cmap, hmtx, loca …) lazily, on first use, and again for every new font object:
 * with DejaVu Sans that is ~30 ms per PDF. One parsed font per font file serves every document; pdf-lib makes
 * a fresh subset of it per document, so nothing of one document leaks into another.
 */
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument } from "pdf-lib";

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type Font = ReturnType<Fontkit["create"]>;

const parsed = new WeakMap<Uint8Array, Font>();

export const cachedFontkit: Fontkit = {
  create(buffer, postscriptName) {
    if (postscriptName !== undefined) return fontkit.create(buffer, postscriptName);
    let font = parsed.get(buffer);
    if (!font) {
      font = fontkit.create(buffer);
      parsed.set(buffer, font);
    }
    return font;
  },
};
