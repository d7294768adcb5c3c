/**
 * Writes gray scan images into PDF pages the way scanners do: DCT, Flate with PNG predictors, CCITT G4.
 * For sample scans (demo, terminal simulator, test corpus); the ingest path only reads such pages.
 */
import { deflateSync } from "node:zlib";
import {
  concatTransformationMatrix,
  drawObject,
  type PDFDict,
  PDFDocument,
  PDFName,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
} from "pdf-lib";
import sharp from "sharp";

export const A4_PT: [number, number] = [595.28, 841.89];

/** An 8-bit gray raster, row-major, one byte per pixel. */
export interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

export type Encoding = "jpeg" | "flate-gray" | "flate-1bit" | "ccitt-g4";

export async function addImagePage(
  doc: PDFDocument,
  image: Gray,
  encoding: Encoding,
  quality = 75,
): Promise<void> {
  const ref = await imageRef(doc, image, encoding, quality);
  const page = doc.addPage(image.width > image.height ? [A4_PT[1], A4_PT[0]] : A4_PT);
  const { width, height } = page.getSize();
  const name = page.node.newXObject("Scan", ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width, 0, 0, height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}

async function imageRef(doc: PDFDocument, image: Gray, encoding: Encoding, quality: number): Promise<PDFRef> {
  const raw = { raw: { width: image.width, height: image.height, channels: 1 as const } };
  if (encoding === "jpeg") {
    const jpeg = await sharp(image.data, raw).toColourspace("b-w").jpeg({ quality }).toBuffer();
    return (await doc.embedJpg(jpeg)).ref;
  }
  const dict = (extra: Record<string, unknown>) =>
    doc.context.obj({
      Type: "XObject",
      Subtype: "Image",
      Width: image.width,
      Height: image.height,
      ...extra,
    });
  if (encoding === "flate-gray") {
    const rows = pngFilterUp(image.data, image.width, image.height);
    const parms = { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: image.width };
    return register(
      doc,
      deflateSync(rows),
      dict({ ColorSpace: "DeviceGray", BitsPerComponent: 8, Filter: "FlateDecode", DecodeParms: parms }),
    );
  }
  if (encoding === "flate-1bit") {
    const packed = packBits(image);
    const rowBytes = Math.ceil(image.width / 8);
    const rows = pngFilterUp(packed, rowBytes, image.height);
    const parms = { Predictor: 15, Colors: 1, BitsPerComponent: 1, Columns: image.width };
    return register(
      doc,
      deflateSync(rows),
      dict({ ColorSpace: "DeviceGray", BitsPerComponent: 1, Filter: "FlateDecode", DecodeParms: parms }),
    );
  }
  const g4 = await encodeG4(image);
  const parms = { K: -1, Columns: g4.width, Rows: g4.height, BlackIs1: g4.blackIs1 };
  return register(
    doc,
    g4.data,
    doc.context.obj({
      Type: "XObject",
      Subtype: "Image",
      Width: g4.width,
      Height: g4.height,
      ColorSpace: "DeviceGray",
      BitsPerComponent: 1,
      Filter: "CCITTFaxDecode",
      DecodeParms: parms,
    }),
  );
}

function register(doc: PDFDocument, data: Uint8Array, dict: PDFDict): PDFRef {
  dict.set(PDFName.of("Length"), doc.context.obj(data.length));
  return doc.context.register(doc.context.stream(data, dict as never));
}

/** PNG filter type 2 (Up) on every row: what many scanners' Flate writers use. */
function pngFilterUp(data: Uint8Array, rowBytes: number, rows: number): Uint8Array {
  const out = new Uint8Array(rows * (rowBytes + 1));
  for (let r = 0; r < rows; r++) {
    out[r * (rowBytes + 1)] = 2;
    for (let i = 0; i < rowBytes; i++) {
      const up = r > 0 ? data[(r - 1) * rowBytes + i]! : 0;
      out[r * (rowBytes + 1) + 1 + i] = (data[r * rowBytes + i]! - up) & 0xff;
    }
  }
  return out;
}

/** DeviceGray 1-bit: 1 = white. */
function packBits(image: Gray): Uint8Array {
  const rowBytes = Math.ceil(image.width / 8);
  const out = new Uint8Array(rowBytes * image.height);
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++)
      if (image.data[y * image.width + x]! >= 128) out[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  return out;
}

/**
 * CCITT G4 via libvips' TIFF writer: one tile as large as the (16-padded) image gives one G4 stream, which is
 * what a PDF CCITTFaxDecode image holds.
 */
async function encodeG4(
  image: Gray,
): Promise<{ data: Uint8Array; width: number; height: number; blackIs1: boolean }> {
  const width = Math.ceil(image.width / 16) * 16;
  const height = Math.ceil(image.height / 16) * 16;
  const tiff = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .extend({ right: width - image.width, bottom: height - image.height, background: "#ffffff" })
    .threshold(128)
    .toColourspace("b-w")
    .tiff({ compression: "ccittfax4", bitdepth: 1, tile: true, tileWidth: width, tileHeight: height })
    .toBuffer();
  const tags = readTiffTags(tiff);
  const offset = tags.get(324) ?? tags.get(273)!;
  const count = tags.get(325) ?? tags.get(279)!;
  // libvips writes MinIsBlack (1): the fax runs then code black as "white", i.e. PDF /BlackIs1 true.
  const blackIs1 = tags.get(262) === 1;
  return { data: new Uint8Array(tiff.subarray(offset, offset + count)), width, height, blackIs1 };
}

function readTiffTags(tiff: Buffer): Map<number, number> {
  const le = tiff[0] === 0x49;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.length);
  const ifd = view.getUint32(4, le);
  const tags = new Map<number, number>();
  for (let i = 0; i < view.getUint16(ifd, le); i++) {
    const at = ifd + 2 + i * 12;
    const type = view.getUint16(at + 2, le);
    tags.set(view.getUint16(at, le), type === 3 ? view.getUint16(at + 8, le) : view.getUint32(at + 8, le));
  }
  return tags;
}

export async function newScanDocument(title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  doc.setCreator("Kundenterminal Scan2Mail");
  return doc;
}
