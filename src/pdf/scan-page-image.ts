/** Worker side of detection: decode one page image, tell blank pages, read QR codes with zxing. */
import sharp from "sharp";
import { isBlank } from "./blank-page.js";
import { decodeFlateTask, releaseImageBytes } from "./flate-stream.js";
import { type GrayImage, grayThumbnail, rawToGray, shrinkGray } from "./gray-pixels.js";
import { readJpegSize } from "./jpeg-size.js";
import { jpegScaleFor, type NativeJpegDecoder, nativeJpegDecoder } from "./native-jpeg.js";
import type { PageImageTask, PageScan } from "./page-image-task.js";
import { readQrCodes } from "./zxing-node.js";

/**
 * The first pass looks at the page shrunk by a whole factor to 400–800 px on its short side: a cover-sheet
 * module (72 mm over 41 modules) is then ≥ 3.3 px. Measured on the degraded corpus, zxing still reads every
 * sheet at 180 px (1.5 px a module), so this keeps more than twice the margin, and costs ~0.6 ms a page.
 */
const FIRST_SHORT_SIDE = 400;
/**
 * From a 3× shrink on, sharp lets libjpeg decode at 1/2, 1/4 or 1/8 scale (its shrink-on-load keeps a
 * residual reduce of ≥ 1.25×, so a 2× shrink gets none); that beats a full decode. At 2× the full decode and
 * a box shrink in JS cost less than any sharp resize. Measured (CPU a page, JPEG): 100 dpi 5.5 ms full + JS
 * vs 6.7 ms resized; 150 dpi 9.7 vs 7.8 ms; 200 dpi 15.6 vs 9.3 ms. CCITT TIFF at 300 dpi: 33 vs 17 ms.
 */
const SHRINK_ON_LOAD_FROM = 3;
/** The passes behind the first, as before: ~75 dpi across A4, and the detail pass at ~120 dpi. */
const RETRY_WIDTH = 640;
const DETAIL_WIDTH = 1000;
const THUMB_WIDTH = 160;

/**
 * Finder patterns are found at any angle, so no tryRotate (built for 1D codes). tryDownscale only adds
 * passes over smaller copies, which a 400 px image does not need (the corpus reads the same without).
 */
const FIRST_PASS = { tryRotate: false, tryDownscale: false };

type Attempt = { image: () => Promise<GrayImage>; options: Record<string, unknown> };

/** A task as the passes read it: Flate streams inflated (and shrunk) into raw samples first. */
type DecodedTask = Exclude<PageImageTask, { kind: "flate" }>;

/** No code, not known to be blank: the page stays in its document (a Flate stream without one whole row). */
const UNREADABLE: PageScan = { texts: [], blank: false, attempt: -1 };

/** `jpeg`: the native decoder for JPEG first passes (null: sharp decodes them, as where it is not built). */
export async function scanPageImage(
  input: PageImageTask,
  jpeg: NativeJpegDecoder | null = nativeJpegDecoder(),
): Promise<PageScan> {
  if (input.kind !== "flate") return scanDecoded(input, jpeg);
  // Decoded into a kept buffer (see flate-stream.ts), handed back once every pass is done with it.
  const task = await decodeFlateTask(input, true);
  if (!task) return { ...UNREADABLE };
  try {
    return await scanDecoded(task, jpeg);
  } finally {
    releaseImageBytes(task.bytes);
  }
}

async function scanDecoded(task: DecodedTask, jpeg: NativeJpegDecoder | null): Promise<PageScan> {
  const first = await decodeFirstPass(task, jpeg);
  if (isBlank(grayThumbnail(first, THUMB_WIDTH))) return { texts: [], blank: true, attempt: 0 };
  const read = await readTexts(first, FIRST_PASS);
  if (read.texts.length > 0) return { texts: read.texts, blank: false, attempt: 0 };
  // The rest only where zxing saw a symbol it could not read: not spent on every content page.
  if (!read.sawSymbol) return { texts: [], blank: false, attempt: -1 };
  return retry(task);
}

/** The former passes, unchanged and in order, from sharp-resampled images (the first of them at 640 px). */
async function retry(task: DecodedTask): Promise<PageScan> {
  let classic: Promise<GrayImage> | null = null;
  let detail: Promise<GrayImage> | null = null;
  const resampled = () => (classic ??= decodeGray(task, RETRY_WIDTH));
  const detailed = () => (detail ??= decodeGray(task, DETAIL_WIDTH));
  const attempts: Attempt[] = [
    { image: resampled, options: { tryRotate: false } },
    { image: detailed, options: {} },
    { image: async () => resizeGray(await detailed(), 480), options: { tryDenoise: true } },
    { image: resampled, options: { binarizer: "GlobalHistogram" } },
    { image: detailed, options: { binarizer: "GlobalHistogram", tryDenoise: true } },
    { image: detailed, options: { binarizer: "FixedThreshold" } },
  ];
  for (const [index, step] of attempts.entries()) {
    const read = await readTexts(await step.image(), step.options);
    if (read.texts.length > 0) return { texts: read.texts, blank: false, attempt: index + 1 };
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

/** The whole factor that brings the short side to FIRST_SHORT_SIDE … twice that (1 for small images). */
export function firstPassFactor(width: number, height: number): number {
  return Math.max(1, Math.floor(Math.min(width, height) / FIRST_SHORT_SIDE));
}

/** Flate streams inflated in chunks, row by row, into the raw samples of their shrunk image. */
async function decoded(task: PageImageTask): Promise<DecodedTask | null> {
  return task.kind === "flate" ? decodeFlateTask(task) : task;
}

/**
 * The first pass's image: no sharp for raw samples, nor for JPEG where the native decoder is built; other
 * JPEG and TIFF decoded by sharp, shrunk there or here.
 */
export async function decodeFirstPass(
  given: PageImageTask,
  jpeg: NativeJpegDecoder | null = nativeJpegDecoder(),
): Promise<GrayImage> {
  const task = await decoded(given);
  if (!task) throw new Error("Flate-Bild ohne lesbare Zeile");
  if (task.kind === "raw") return rawToGray(task, firstPassFactor(task.width, task.height));
  if (task.kind === "jpeg" && jpeg) {
    const native = decodeNativeJpeg(task.bytes, jpeg);
    if (native) return native;
  }
  const input = () => sharp(task.bytes, { failOn: "none", sequentialRead: true });
  const size = (task.kind === "jpeg" ? readJpegSize(task.bytes) : null) ?? (await input().metadata());
  const factor = size.width && size.height ? firstPassFactor(size.width, size.height) : 1;
  if (factor >= SHRINK_ON_LOAD_FROM) {
    // Linear is enough for the small reduce left after libjpeg's scaled decode, and cheaper than Lanczos.
    // TIFF (CCITT) has no scaled decode, but libvips' streaming shrink still beats a whole 8-bit page.
    return grayFrom(input().resize({ width: Math.floor(size.width! / factor), kernel: "linear" }));
  }
  const full = await grayFrom(input());
  return shrinkGray(full, firstPassFactor(full.width, full.height));
}

/**
 * libjpeg scales in the IDCT to the largest 1/2, 1/4 or 1/8 within the first-pass factor, and a box shrink
 * does the rest: ~1 ms CPU to decode a 100 dpi page instead of ~7 ms through sharp (which must decode a 2× page
 * whole). Null where libjpeg cannot (CMYK, 12-bit): sharp decodes those.
 */
function decodeNativeJpeg(bytes: Uint8Array, jpeg: NativeJpegDecoder): GrayImage | null {
  const size = readJpegSize(bytes);
  if (!size) return null;
  try {
    const scaled = jpeg.decodeGray(bytes, jpegScaleFor(firstPassFactor(size.width, size.height)));
    return shrinkGray(scaled, firstPassFactor(scaled.width, scaled.height));
  } catch {
    return null;
  }
}

async function grayFrom(pipeline: sharp.Sharp): Promise<GrayImage> {
  const { data, info } = await pipeline.toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

async function decodeGray(task: DecodedTask, maxWidth: number): Promise<GrayImage> {
  const input =
    task.kind === "raw"
      ? sharp(expandSamples(task), {
          raw: { width: task.width, height: task.height, channels: task.channels },
        })
      : sharp(task.bytes, { failOn: "none" });
  return grayFrom(
    input.resize({ width: maxWidth, height: maxWidth * 2, fit: "inside", withoutEnlargement: true }),
  );
}

async function resizeGray(image: GrayImage, width: number): Promise<GrayImage> {
  if (image.width <= width) return image;
  // sharp widens a 1-channel raw input to sRGB unless told otherwise (toColourspace in grayFrom).
  return grayFrom(
    sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } }).resize({ width }),
  );
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
