import QRCode from "qrcode";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readBarcodes } from "zxing-wasm/reader";
import { grayThumbnail, rawToGray, shrinkGray } from "../../../src/pdf/gray-pixels.js";
import { readJpegSize } from "../../../src/pdf/jpeg-size.js";
import { nativeJpegDecoder } from "../../../src/pdf/native-jpeg.js";
import type { PageImageTask } from "../../../src/pdf/page-image-task.js";
import { decodeFirstPass, firstPassFactor, scanPageImage } from "../../../src/pdf/scan-page-image.js";
import { readQrCodes } from "../../../src/pdf/zxing-node.js";

const SHEET_TEXT = "PK1*CS0001XQ*50-1234/2026*100234*ANT*2026-11-20*sig0123456789abcdef";

/** A4 at `dpi`, white, with a 72 mm QR code (the cover sheet's size) at the top left; 8-bit gray samples. */
async function a4Page(
  dpi: number,
  withQr: boolean,
  ink = false,
): Promise<{ data: Buffer; width: number; height: number }> {
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((297 / 25.4) * dpi);
  const layers: sharp.OverlayOptions[] = [];
  const side = Math.round((72 / 25.4) * dpi);
  if (withQr) {
    const symbol = await QRCode.toBuffer(SHEET_TEXT, { errorCorrectionLevel: "M", margin: 4, width: side });
    layers.push({ input: symbol, left: Math.round(width * 0.1), top: Math.round(height * 0.1) });
  }
  if (ink) {
    // A few lines of "text": a page that is not blank, without any code.
    const bar = await sharp({
      create: { width: Math.round(width * 0.6), height: 3, channels: 3, background: "#222" },
    })
      .png()
      .toBuffer();
    for (let i = 0; i < 12; i++)
      layers.push({ input: bar, left: Math.round(width * 0.2), top: Math.round(height * (0.3 + i * 0.03)) });
  }
  const { data, info } = await sharp({ create: { width, height, channels: 3, background: "#fff" } })
    .composite(layers)
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function jpegTask(page: { data: Buffer; width: number; height: number }): Promise<PageImageTask> {
  const bytes = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .toColourspace("b-w")
    .jpeg({ quality: 65 })
    .toBuffer();
  return { kind: "jpeg", bytes: new Uint8Array(bytes) };
}

/** Threshold to 1-bit rows, sample 1 = white (DeviceGray), padded to whole bytes. */
function oneBitTask(page: { data: Buffer; width: number; height: number }): PageImageTask {
  const rowBytes = Math.ceil(page.width / 8);
  const bytes = new Uint8Array(rowBytes * page.height);
  for (let y = 0; y < page.height; y++)
    for (let x = 0; x < page.width; x++)
      if (page.data[y * page.width + x]! >= 128) bytes[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  return {
    kind: "raw",
    bytes,
    width: page.width,
    height: page.height,
    channels: 1,
    bitsPerComponent: 1,
    inverted: false,
  };
}

describe("the first pass's pixels", () => {
  it("box-shrinks by whole factors, dropping a remainder of rows and columns", () => {
    const image = {
      data: Uint8Array.from([0, 100, 200, 9, 50, 150, 250, 9, 7, 7, 7, 7]),
      width: 4,
      height: 3,
    };
    expect(shrinkGray(image, 2)).toEqual({ data: Uint8Array.from([75, 117]), width: 2, height: 1 });
    const nine = { data: Uint8Array.from([0, 0, 90, 0, 0, 90, 90, 90, 90]), width: 3, height: 3 };
    expect(shrinkGray(nine, 3).data).toEqual(Uint8Array.from([50]));
    expect(shrinkGray(image, 1)).toBe(image);
  });

  it("turns 1-bit samples into the share of white in each block, honouring /Decode [1 0]", () => {
    // Two rows of 8 pixels, 1111 0000 over 1100 0000: the 2×2 blocks hold 4, 2, 0 and 0 white pixels.
    const task = {
      kind: "raw" as const,
      bytes: Uint8Array.from([0b11110000, 0b11000000]),
      width: 8,
      height: 2,
      channels: 1 as const,
      bitsPerComponent: 1 as const,
      inverted: false,
    };
    expect(rawToGray(task, 2).data).toEqual(Uint8Array.from([255, 128, 0, 0]));
    expect(rawToGray({ ...task, inverted: true }, 2).data).toEqual(Uint8Array.from([0, 127, 255, 255]));
    expect(rawToGray(task, 1).data).toEqual(
      Uint8Array.from([255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0]),
    );
  });

  it("inverts 8-bit samples into a copy, never into the PDF's own bytes", () => {
    const bytes = Uint8Array.from([0, 255, 10, 20]);
    const task = {
      kind: "raw" as const,
      bytes,
      width: 2,
      height: 2,
      channels: 1 as const,
      bitsPerComponent: 8 as const,
      inverted: true,
    };
    expect(rawToGray(task, 1).data).toEqual(Uint8Array.from([255, 0, 245, 235]));
    expect(bytes).toEqual(Uint8Array.from([0, 255, 10, 20]));
  });

  it("converts RGB samples with the BT.601 weights", () => {
    const task = {
      kind: "raw" as const,
      bytes: Uint8Array.from([255, 0, 0, 0, 255, 0]),
      width: 2,
      height: 1,
      channels: 3 as const,
      bitsPerComponent: 8 as const,
      inverted: false,
    };
    expect(rawToGray(task, 1).data).toEqual(Uint8Array.from([76, 150]));
  });

  it("averages every pixel into the thumbnail, so a thin line still darkens it", () => {
    const data = new Uint8Array(640 * 200).fill(250);
    data.fill(0, 640 * 100, 640 * 101); // one black row
    const thumb = grayThumbnail({ data, width: 640, height: 200 }, 160);
    expect(thumb.width).toBe(160);
    expect(thumb.height).toBe(50);
    expect(Math.min(...thumb.data)).toBeLessThan(200);
    expect(Math.max(...thumb.data)).toBe(250);
  });

  it("shrinks any page to 400–800 px on its short side, portrait or landscape", () => {
    expect(firstPassFactor(827, 1169)).toBe(2);
    expect(firstPassFactor(1754, 1240)).toBe(3);
    expect(firstPassFactor(4961, 7016)).toBe(12);
    expect(firstPassFactor(300, 400)).toBe(1);
  });

  it("reads a JPEG's size from its frame header", async () => {
    const jpeg = await sharp({ create: { width: 33, height: 17, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    expect(readJpegSize(jpeg)).toEqual({ width: 33, height: 17 });
    expect(readJpegSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(readJpegSize(jpeg.subarray(0, 20))).toBeNull();
  });
});

describe("reading QR codes from gray pixels", () => {
  it("reads the same text as zxing-wasm's own RGBA entry", async () => {
    const page = await a4Page(100, true);
    const image = { data: new Uint8Array(page.data), width: page.width, height: page.height };
    const reads = await readQrCodes(image, { tryRotate: false });
    expect(reads).toEqual([{ text: SHEET_TEXT, isValid: true }]);
    const rgba = new Uint8ClampedArray(image.data.length * 4);
    for (let i = 0; i < image.data.length; i++) rgba.fill(image.data[i]!, 4 * i, 4 * i + 3);
    const imageData = {
      data: rgba,
      width: image.width,
      height: image.height,
      colorSpace: "srgb",
    } as ImageData;
    const theirs = await readBarcodes(imageData, { formats: ["QRCode"], tryRotate: false });
    expect(theirs.map((r) => ({ text: r.text, isValid: r.isValid }))).toEqual(reads);
  });
});

/** JPEG first passes through the native libjpeg decoder, and through sharp as where it is not built. */
const decoders = [
  ["native libjpeg", nativeJpegDecoder()],
  ["sharp", null],
] as const;

describe("scanning a page image for cover-sheet codes", () => {
  it("has the native JPEG decoder built (scripts/build-native.mjs, run by npm ci)", () => {
    expect(
      nativeJpegDecoder(),
      "dist/native/jpeg-gray.node missing: see README, native JPEG decoder",
    ).not.toBeNull();
  });

  describe.each(decoders)("JPEG decoded by %s", (_name, jpeg) => {
    it.each([100, 150, 200, 300])(
      "finds the sheet's code on a %i dpi page in the first pass",
      async (dpi) => {
        const task = await jpegTask(await a4Page(dpi, true));
        expect(await scanPageImage(task, jpeg)).toEqual({ texts: [SHEET_TEXT], blank: false, attempt: 0 });
      },
    );

    it.each([100, 150, 300])("decodes a %i dpi page to the first pass's size, 400–800 px", async (dpi) => {
      const image = await decodeFirstPass(await jpegTask(await a4Page(dpi, false)), jpeg);
      expect(image.width).toBeGreaterThanOrEqual(400);
      expect(image.width).toBeLessThan(800);
      expect(image.data.length).toBe(image.width * image.height);
    });

    it("tells a blank page from a page with text", async () => {
      expect(await scanPageImage(await jpegTask(await a4Page(150, false)), jpeg)).toMatchObject({
        blank: true,
      });
      expect(await scanPageImage(await jpegTask(await a4Page(100, false, true)), jpeg)).toEqual({
        texts: [],
        blank: false,
        attempt: -1,
      });
    });
  });

  it("finds the sheet's code on a 1-bit page", async () => {
    const task = oneBitTask(await a4Page(200, true));
    expect((await scanPageImage(task)).texts).toEqual([SHEET_TEXT]);
  });

  it("tells a blank page, and leaves a page with text but no code without texts", async () => {
    expect(await scanPageImage(await jpegTask(await a4Page(150, false)))).toMatchObject({
      blank: true,
      texts: [],
    });
    expect(await scanPageImage(await jpegTask(await a4Page(150, false, true)))).toEqual({
      texts: [],
      blank: false,
      attempt: -1,
    });
  });
});
