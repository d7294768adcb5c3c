/**
 * Finds a page's scan image in the PDF and hands it over still encoded: no page render for ordinary scans,
 * and no inflating on the main thread (Flate images go to the worker compressed, see flate-stream.ts).
 */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  type PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
} from "pdf-lib";
import { wrapCcittInTiff } from "./ccitt-tiff.js";
import { type FlateImageLayout, flateLayoutSupported, inflateAll } from "./flate-image.js";
import type { PageImageTask } from "./page-image-task.js";

/**
 * Flate pages are shrunk to at least this many pixels across (block averages, while the worker inflates):
 * the QR scanners look at ~640–1000 px (Node) or ≤ 1700 px on the long side (Workers), so a 300 dpi page sent
 * at 150 dpi reads the same and holds a quarter of the memory (2.2 instead of 8.7 MB in flight).
 */
export const MIN_SHRUNK_SIDE_PX = 1200;

/** The largest image XObject of the page as a worker task, or null when the page needs rendering. */
export async function extractPageImage(doc: PDFDocument, pageIndex: number): Promise<PageImageTask | null> {
  const page = doc.getPage(pageIndex);
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects) return null;
  let best: { stream: PDFRawStream; area: number } | null = null;
  for (const [, value] of xobjects.entries()) {
    const stream = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (!(stream instanceof PDFRawStream)) continue;
    if (name(stream.dict, "Subtype") !== "Image") continue;
    const area = num(stream.dict, "Width") * num(stream.dict, "Height");
    if (!best || area > best.area) best = { stream, area };
  }
  return best ? toTask(doc, best.stream) : null;
}

async function toTask(doc: PDFDocument, stream: PDFRawStream): Promise<PageImageTask | null> {
  const dict = stream.dict;
  const filters = listOf(dict.get(PDFName.of("Filter")), doc).map((f) => (f as PDFName).decodeText());
  const params = listOf(dict.get(PDFName.of("DecodeParms")), doc);
  const last = filters.at(-1);
  let bytes = stream.contents;
  if (
    filters.length === 2 &&
    filters[0] === "FlateDecode" &&
    (last === "DCTDecode" || last === "CCITTFaxDecode")
  )
    bytes = inflateAll(bytes);
  else if (filters.length > 1) return null;
  if (last === "DCTDecode") return { kind: "jpeg", bytes, owned: bytes !== stream.contents };
  if (last === "CCITTFaxDecode") {
    const parms = params.at(-1);
    return ccittTask(dict, bytes, parms instanceof PDFDict ? parms : undefined, doc);
  }
  if (last === "FlateDecode" || last === undefined) return sampleTask(dict, bytes, last, params[0], doc);
  return null; // JBIG2, JPX, LZW …: rendered by pdfjs
}

async function sampleTask(
  dict: PDFDict,
  encoded: Uint8Array,
  filter: string | undefined,
  parms: PDFObject | undefined,
  doc: PDFDocument,
): Promise<PageImageTask | null> {
  const width = num(dict, "Width");
  const height = num(dict, "Height");
  const imageMask = dict.get(PDFName.of("ImageMask")) === PDFBool.True;
  const bpc = imageMask ? 1 : num(dict, "BitsPerComponent");
  const channels = channelsOf(dict.get(PDFName.of("ColorSpace")), doc);
  if ((bpc !== 1 && bpc !== 8) || channels === null || (bpc === 1 && channels !== 1)) return null;
  // Image masks paint 1-bits by default (black ink): sample 1 = black, the inverse of DeviceGray.
  const inverted = decodeInverted(dict, doc) !== imageMask;
  if (filter !== "FlateDecode") {
    const bytes = encoded;
    return { kind: "raw", bytes, width, height, channels, bitsPerComponent: bpc, inverted, owned: false };
  }
  const resolved = parms instanceof PDFRef ? doc.context.lookup(parms) : parms;
  const p = resolved instanceof PDFDict ? resolved : undefined;
  const layout: FlateImageLayout = {
    width,
    height,
    channels,
    bitsPerComponent: bpc,
    predictor: {
      predictor: p ? num(p, "Predictor", 1) : 1,
      colors: p ? num(p, "Colors", 1) : 1,
      bitsPerComponent: p ? num(p, "BitsPerComponent", 8) : 8,
      columns: p ? num(p, "Columns", 1) : 1,
    },
    shrink: Math.max(1, Math.floor(Math.min(width, height) / MIN_SHRUNK_SIDE_PX)),
  };
  // Decided here from the dict: the worker cannot fall back to a render.
  if (!flateLayoutSupported(layout)) return null;
  // Still compressed: the worker inflates it (the pool copies the page's bytes out of the PDF's buffer).
  return { kind: "flate", bytes: encoded, inverted, ...layout, owned: false };
}

function ccittTask(
  dict: PDFDict,
  bytes: Uint8Array,
  parms: PDFDict | undefined,
  doc: PDFDocument,
): PageImageTask {
  const blackIs1 = parms?.get(PDFName.of("BlackIs1")) === PDFBool.True;
  return {
    kind: "tiff",
    owned: true,
    bytes: wrapCcittInTiff(bytes, {
      k: parms ? num(parms, "K", 0) : 0,
      columns: parms ? num(parms, "Columns", 1728) : 1728,
      rows: num(dict, "Height") || (parms ? num(parms, "Rows", 0) : 0),
      inverted: blackIs1 !== decodeInverted(dict, doc),
      encodedByteAlign: parms?.get(PDFName.of("EncodedByteAlign")) === PDFBool.True,
    }),
  };
}

function channelsOf(space: PDFObject | undefined, doc: PDFDocument): 1 | 3 | null {
  const resolved = space instanceof PDFRef ? doc.context.lookup(space) : space;
  if (resolved === undefined) return 1; // image masks carry no colour space
  const spaceName = resolved instanceof PDFName ? resolved.decodeText() : null;
  if (spaceName === "DeviceGray" || spaceName === "CalGray") return 1;
  if (spaceName === "DeviceRGB" || spaceName === "CalRGB") return 3;
  if (resolved instanceof PDFArray) {
    const family = resolved.get(0);
    if (family instanceof PDFName && family.decodeText() === "ICCBased") {
      const profile = doc.context.lookup(resolved.get(1));
      const n = profile instanceof PDFRawStream ? num(profile.dict, "N") : 0;
      return n === 1 ? 1 : n === 3 ? 3 : null;
    }
  }
  return null; // Indexed, CMYK, Lab …: rendered by pdfjs
}

function decodeInverted(dict: PDFDict, doc: PDFDocument): boolean {
  const decode = listOf(dict.get(PDFName.of("Decode")), doc);
  return (
    decode.length >= 2 &&
    (decode[0] as PDFNumber).asNumber() === 1 &&
    (decode[1] as PDFNumber).asNumber() === 0
  );
}

function listOf(value: PDFObject | undefined, doc: PDFDocument): PDFObject[] {
  const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
  if (resolved === undefined) return [];
  if (resolved instanceof PDFArray)
    return resolved.asArray().map((v) => (v instanceof PDFRef ? doc.context.lookup(v)! : v));
  return [resolved];
}

function name(dict: PDFDict, key: string): string | null {
  const value = dict.get(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : null;
}

function num(dict: PDFDict, key: string, fallback = 0): number {
  const value = dict.get(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : fallback;
}
