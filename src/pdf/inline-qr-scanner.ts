/**
 * The cover-sheet splitter's scanner port for Workers: no threads and no sharp, so each page image is read
 * in the isolate with zxing-wasm. JPEG pages go in as they are (zxing decodes them); raw samples are
 * expanded to RGBA; CCITT (TIFF) pages cannot be decoded here and count as pages without a code.
 */
import type { PageImageTask, PageScan } from "./page-image-task.js";
import type { QrWorkerPool } from "./qr-worker-pool.js";
import { type QrInput, readQrInWorker } from "./zxing-workers.js";

export function createInlineQrScanner(): QrWorkerPool {
  return {
    size: 1,
    async scan(task: PageImageTask): Promise<PageScan> {
      const input = toQrInput(task);
      if (!input) return { texts: [], blank: false, attempt: -1 };
      const results = await readQrInWorker(input);
      const texts = results.filter((r) => r.isValid).map((r) => r.text);
      return { texts, blank: false, attempt: texts.length ? 0 : -1 };
    },
    async close() {},
  };
}

function toQrInput(task: PageImageTask): QrInput | null {
  if (task.kind === "jpeg") return task.bytes;
  if (task.kind === "tiff") return null;
  const { width, height, channels, bitsPerComponent, inverted, bytes } = task;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  const rowBytes = bitsPerComponent === 1 ? Math.ceil(width / 8) : width * channels;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (bitsPerComponent === 1) {
        const bit = (bytes[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        // DeviceGray 1-bit: 0 is black unless /Decode [1 0] inverts it.
        const v = (bit === 1) !== inverted ? 255 : 0;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = v;
      } else {
        const i = y * rowBytes + x * channels;
        const pick = (c: number) => (inverted ? 255 - bytes[i + c]! : bytes[i + c]!);
        rgba[o] = pick(0);
        rgba[o + 1] = pick(channels === 3 ? 1 : 0);
        rgba[o + 2] = pick(channels === 3 ? 2 : 0);
      }
    }
  }
  return { data: rgba, width, height };
}
