import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { type GrayImage, shrinkGray } from "../../../src/pdf/gray-pixels.js";
import { jpegScaleFor, nativeJpegDecoder } from "../../../src/pdf/native-jpeg.js";
import { decodeFirstPass } from "../../../src/pdf/scan-page-image.js";

const decoder = nativeJpegDecoder();

/** A gradient with a dark block: enough structure that a wrong scale, offset or channel shows. */
async function testImage(width: number, height: number, channels: 1 | 3): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) {
        const dark = x > width / 4 && x < width / 2 && y > height / 4 && y < height / 2;
        pixels[(y * width + x) * channels + c] = dark ? 20 : 60 + Math.round((150 * x) / width) + c * 15;
      }
  return pixels;
}

async function jpegOf(width: number, height: number, channels: 1 | 3, colourspace?: string) {
  let image = sharp(await testImage(width, height, channels), { raw: { width, height, channels } });
  if (channels === 1) image = image.toColourspace("b-w");
  if (colourspace) image = image.toColourspace(colourspace);
  return new Uint8Array(await image.jpeg({ quality: 90 }).toBuffer());
}

async function sharpGray(jpeg: Uint8Array): Promise<GrayImage> {
  const { data, info } = await sharp(jpeg).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** Mean absolute difference over the pixels both images have (a scaled decode may round a size up). */
function meanDifference(a: GrayImage, b: GrayImage): number {
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  let sum = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) sum += Math.abs(a.data[y * a.width + x]! - b.data[y * b.width + x]!);
  return sum / (width * height);
}

describe.runIf(decoder)("the native JPEG decoder", () => {
  const jpeg = decoder!;

  it("decodes a gray JPEG as sharp does, at full and at 1/2 scale", async () => {
    const bytes = await jpegOf(827, 1169, 1);
    const reference = await sharpGray(bytes);
    const full = jpeg.decodeGray(bytes, 1);
    expect([full.width, full.height]).toEqual([827, 1169]);
    expect(meanDifference(full, reference)).toBeLessThan(1);
    const half = jpeg.decodeGray(bytes, 2);
    expect([half.width, half.height]).toEqual([414, 585]);
    expect(meanDifference(half, shrinkGray(reference, 2))).toBeLessThan(2);
  });

  it("decodes a colour JPEG (4:2:0) to its luma", async () => {
    const bytes = await jpegOf(640, 480, 3);
    const quarter = jpeg.decodeGray(bytes, 4);
    expect([quarter.width, quarter.height]).toEqual([160, 120]);
    expect(meanDifference(quarter, shrinkGray(await sharpGray(bytes), 4))).toBeLessThan(3);
  });

  it("says what it cannot decode, and the first pass falls back to sharp for it", async () => {
    const cmyk = await jpegOf(900, 1200, 3, "cmyk");
    expect(() => jpeg.decodeGray(cmyk, 2)).toThrow(/^JPEG: /);
    const image = await decodeFirstPass({ kind: "jpeg", bytes: cmyk }, jpeg);
    expect([image.width, image.height]).toEqual([450, 600]);
    expect(() => jpeg.decodeGray(Uint8Array.from([1, 2, 3]), 1)).toThrow(/^JPEG: Not a JPEG file/);
    expect(() => jpeg.decodeGray(new Uint8Array(0), 1)).toThrow(/^JPEG: /);
  });

  it("decodes a truncated JPEG as far as its data goes, like sharp with failOn none", async () => {
    const bytes = await jpegOf(400, 400, 1);
    const image = jpeg.decodeGray(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 1);
    expect([image.width, image.height]).toEqual([400, 400]);
  });

  it("hands its pixels to V8's heap, so the garbage collector frees them in time", async () => {
    // A full 100 dpi page is ~1 MB of pixels: malloc'd outside V8's sight, 1,500 of them grew RSS by 1.4 GB.
    const bytes = await jpegOf(827, 1169, 1);
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 1500; i++) jpeg.decodeGray(bytes, 1);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it("refuses arguments of the wrong kind", () => {
    expect(() => jpeg.decodeGray("x" as unknown as Uint8Array, 1)).toThrow(TypeError);
    expect(() => jpeg.decodeGray(new Uint8Array(4), 3 as 1)).toThrow(RangeError);
  });
});

describe("the IDCT scale for a first-pass factor", () => {
  it("takes the largest power of two within the factor, at most 8", () => {
    expect([1, 2, 3, 4, 5, 7, 8, 12].map(jpegScaleFor)).toEqual([1, 2, 2, 4, 4, 4, 8, 8]);
  });
});
