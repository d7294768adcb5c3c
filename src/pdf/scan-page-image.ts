/** Worker side of detection: decode one page image with sharp, tell blank pages, read QR codes with zxing. */
import sharp from "sharp";
import type { PageImageTask, PageScan } from "./page-image-task.js";
import { type GrayImage, readQrCodes } from "./zxing-node.js";

/**
 * ~75 dpi across A4: a cover-sheet module (72 mm over 41 modules) is ~4 px, enough for zxing, which slows down
 * steeply with image size. The detail pass (~120 dpi) catches small or thin-stroked codes.
 */
const FIRST_WIDTH = 640;
const DETAIL_WIDTH = 1000;
const THUMB_WIDTH = 160;

type Attempt = { image: () => Promise<GrayImage>; options: Record<string, unknown> };

export async function scanPageImage(task: PageImageTask): Promise<PageScan> {
  const first = await decodeGray(task, FIRST_WIDTH);
  if (isBlank(await resizeGray(first, THUMB_WIDTH))) return { texts: [], blank: true, attempt: 0 };
  let detail: Promise<GrayImage> | null = null;
  const detailed = () => (detail ??= decodeGray(task, DETAIL_WIDTH));
  const attempts: Attempt[] = [
    // QR finder patterns are found at any angle: zxing's tryRotate (built for 1D codes) only costs here
    // (~18 → 11 ms a page). Measured on the corpus: the same sheets found; later passes keep it.
    { image: async () => first, options: { tryRotate: false } },
    // The rest only where zxing saw a symbol it could not read: not spent on every content page.
    { image: detailed, options: {} },
    { image: async () => resizeGray(await detailed(), 480), options: { tryDenoise: true } },
    { image: async () => first, options: { binarizer: "GlobalHistogram" } },
    { image: detailed, options: { binarizer: "GlobalHistogram", tryDenoise: true } },
    { image: detailed, options: { binarizer: "FixedThreshold" } },
  ];
  for (const [attempt, step] of attempts.entries()) {
    const read = await readTexts(await step.image(), step.options);
    if (read.texts.length > 0) return { texts: read.texts, blank: false, attempt };
    if (attempt === 0 && !read.sawSymbol) break;
  }
  return { texts: [], blank: false, attempt: -1 };
}

async function readTexts(
  image: GrayImage,
  extra: Record<string, unknown>,
): Promise<{ texts: string[]; sawSymbol: boolean }> {
  const results = await readQrCodes(image, {
    tryHarder: true,
    tryRotate: true,
    tryInvert: false,
    tryDownscale: true,
    returnErrors: true,
    maxNumberOfSymbols: 4,
    ...extra,
  });
  return { texts: results.filter((r) => r.isValid).map((r) => r.text), sawSymbol: results.length > 0 };
}

async function decodeGray(task: PageImageTask, maxWidth: number): Promise<GrayImage> {
  const input =
    task.kind === "raw"
      ? sharp(expandSamples(task), {
          raw: { width: task.width, height: task.height, channels: task.channels },
        })
      : sharp(task.bytes, { failOn: "none" });
  const { data, info } = await input
    .resize({ width: maxWidth, height: maxWidth * 2, fit: "inside", withoutEnlargement: true })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

async function resizeGray(image: GrayImage, width: number): Promise<GrayImage> {
  if (image.width <= width) return image;
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .resize({ width })
    // sharp widens a 1-channel raw input to sRGB unless told otherwise.
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

/** 1-bit rows → 8-bit gray; /Decode [1 0] flips black and white. */
function expandSamples(task: Extract<PageImageTask, { kind: "raw" }>): Uint8Array {
  if (task.bitsPerComponent === 8) {
    if (!task.inverted) return task.bytes;
    return task.bytes.map((v) => 255 - v);
  }
  const out = new Uint8Array(task.width * task.height);
  const rowBytes = Math.ceil(task.width / 8);
  const [zero, one] = task.inverted ? [255, 0] : [0, 255];
  for (let y = 0; y < task.height; y++) {
    for (let x = 0; x < task.width; x++) {
      const bit = (task.bytes[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
      out[y * task.width + x] = bit ? one : zero;
    }
  }
  return out;
}

/**
 * A page is blank when almost no pixel is much darker than the paper. The outer 8 % are ignored: scanner lids
 * leave shadows there. Thresholds relative to the paper level, so grey recycled paper counts as paper.
 */
export function isBlank(thumb: GrayImage): boolean {
  const { data, width, height } = thumb;
  const mx = Math.round(width * 0.08);
  const my = Math.round(height * 0.08);
  const histogram = new Uint32Array(256);
  for (let y = my; y < height - my; y++)
    for (let x = mx; x < width - mx; x++) histogram[data[y * width + x]!]!++;
  const total = (width - 2 * mx) * (height - 2 * my);
  let seen = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= total * 0.5) {
      paper = v;
      break;
    }
  }
  const inkBelow = paper * 0.72;
  let ink = 0;
  for (let v = 0; v < inkBelow; v++) ink += histogram[v]!;
  return ink / total < 0.002;
}
