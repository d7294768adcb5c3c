/**
 * The cover-sheet splitter's scanner port for Workers: no threads and no sharp, so each page image is read
 * in the isolate with zxing-wasm, one page at a time. JPEG pages go in as they are (zxing decodes them);
 * raw samples (Flate streams inflated here first, at once) are shrunk (nearest neighbour) to at most
 * MAX_SIDE_PX on the long side before the RGBA copy zxing needs, so a 300 dpi page costs ~8 MB instead of
 * ~35 MB; CCITT (TIFF) pages cannot be decoded here and count as pages without a code. Blank pages are told
 * for raw samples (cheap: the pixels are at hand).
 */

import { isBlank } from "./blank-page.js";
import { inflateFlateTask } from "./flate-image.js";
import type { PageImageTask, PageScan } from "./page-image-task.js";
import type { QrWorkerPool } from "./qr-worker-pool.js";
import { type QrInput, readQrInWorker } from "./zxing-workers.js";

/** ~145 dpi across A4: a cover-sheet module (72 mm / 41 modules) is ~10 px, and zxing's time stays low. */
export const MAX_SIDE_PX = 1700;
/** The blank test's thumbnail, as on Node (scan-page-image.ts). */
const THUMB_WIDTH = 160;

/** Options as the Node worker's first attempt (scan-page-image.ts); at most four sheets fit on a page. */
const FIRST_ATTEMPT = {
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  returnErrors: true,
  maxNumberOfSymbols: 4,
} as const;
/** Only where zxing saw a symbol it could not read: not spent on every content page. */
const RETRIES = [
  { binarizer: "GlobalHistogram" },
  { binarizer: "GlobalHistogram", tryDenoise: true },
] as const;

export function createInlineQrScanner(): QrWorkerPool {
  // One page at a time, whatever the splitter asks for: zxing is single-threaded in the isolate anyway,
  // and only one page's pixels are held at once.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    size: 1,
    scan(task: PageImageTask): Promise<PageScan> {
      const run = queue.then(() => scanNow(task));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {},
  };
}

async function scanNow(given: PageImageTask): Promise<PageScan> {
  // Flate streams inflated here at once (no threads to stream into): one page's samples at a time.
  const task = given.kind === "flate" ? inflateFlateTask(given) : given;
  if (!task || task.kind === "tiff") return { texts: [], blank: false, attempt: -1 };
  let input: QrInput = task.bytes;
  if (task.kind === "raw") {
    const gray = shrinkToGray(task, MAX_SIDE_PX);
    if (isBlank(boxThumbnail(gray, THUMB_WIDTH))) return { texts: [], blank: true, attempt: 0 };
    input = grayToRgba(gray);
  }
  const attempts = [FIRST_ATTEMPT, ...RETRIES.map((extra) => ({ ...FIRST_ATTEMPT, ...extra }))];
  for (const [attempt, options] of attempts.entries()) {
    const results = await readQrInWorker(input, options);
    const texts = results.filter((r) => r.isValid).map((r) => r.text);
    if (texts.length > 0) return { texts, blank: false, attempt };
    if (results.length === 0) break;
  }
  return { texts: [], blank: false, attempt: -1 };
}

export interface GrayPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Raw samples → 8-bit gray (0 = black), sampled nearest-neighbour down to `maxSide` on the long side. */
export function shrinkToGray(task: Extract<PageImageTask, { kind: "raw" }>, maxSide: number): GrayPixels {
  const { width, height, channels, bitsPerComponent, inverted, bytes } = task;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const outW = Math.max(1, Math.round(width * scale));
  const outH = Math.max(1, Math.round(height * scale));
  const out = new Uint8Array(outW * outH);
  const rowBytes = bitsPerComponent === 1 ? Math.ceil(width / 8) : width * channels;
  // Source column of each output column, computed once instead of per pixel.
  const sourceX = new Uint32Array(outW);
  for (let x = 0; x < outW; x++) sourceX[x] = Math.min(width - 1, Math.floor(((x + 0.5) * width) / outW));
  for (let y = 0; y < outH; y++) {
    const row = Math.min(height - 1, Math.floor(((y + 0.5) * height) / outH)) * rowBytes;
    const o = y * outW;
    for (let x = 0; x < outW; x++) {
      const sx = sourceX[x]!;
      let v: number;
      if (bitsPerComponent === 1) {
        // DeviceGray 1-bit: 0 is black unless /Decode [1 0] inverts it.
        const bit = (bytes[row + (sx >> 3)]! >> (7 - (sx & 7))) & 1;
        v = bit === 1 ? 255 : 0;
      } else if (channels === 3) {
        const i = row + sx * 3;
        v = (bytes[i]! * 306 + bytes[i + 1]! * 601 + bytes[i + 2]! * 117 + 512) >> 10;
      } else {
        v = bytes[row + sx]!;
      }
      out[o + x] = inverted ? 255 - v : v;
    }
  }
  return { data: out, width: outW, height: outH };
}

/** Block average down to `width` (aspect kept): scanner grain averages out as in sharp's resize on Node. */
export function boxThumbnail(image: GrayPixels, width: number): GrayPixels {
  if (image.width <= width) return image;
  const outW = width;
  const outH = Math.max(1, Math.round((image.height * width) / image.width));
  const sums = new Uint32Array(outW * outH);
  const counts = new Uint32Array(outW * outH);
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(outH - 1, Math.floor((y * outH) / image.height)) * outW;
    for (let x = 0; x < image.width; x++) {
      const t = ty + Math.min(outW - 1, Math.floor((x * outW) / image.width));
      sums[t]! += image.data[y * image.width + x]!;
      counts[t]!++;
    }
  }
  const data = new Uint8Array(outW * outH);
  for (let i = 0; i < data.length; i++) data[i] = counts[i] ? Math.round(sums[i]! / counts[i]!) : 255;
  return { data, width: outW, height: outH };
}

function grayToRgba(gray: GrayPixels): QrInput {
  const rgba = new Uint8ClampedArray(gray.width * gray.height * 4);
  for (let i = 0, j = 0; i < gray.data.length; i++, j += 4) {
    const v = gray.data[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  return { data: rgba, width: gray.width, height: gray.height };
}
