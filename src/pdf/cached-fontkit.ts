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
      font = keepCodePoints(fontkit.create(buffer));
      parsed.set(buffer, font);
    }
    return font;
  },
};

type Glyph = ReturnType<Font["getGlyph"]>;

/**
 * fontkit caches a glyph object per glyph id with the characters of its first request. A subset of one document
 * asks for the components of composite glyphs (the z in ź) without characters; a later document that writes z
 * would then get a glyph without code points, and its ToUnicode map would lose the letter (search and copy).
 */
function keepCodePoints(font: Font): Font {
  const getGlyph = font.getGlyph.bind(font) as (id: number, characters?: number[]) => Glyph;
  (font as { getGlyph: typeof getGlyph }).getGlyph = (id, characters) => {
    const glyph = getGlyph(id, characters);
    if (glyph && characters?.length && glyph.codePoints.length === 0)
      (glyph as { codePoints: number[] }).codePoints = characters;
    return glyph;
  };
  return font;
}
