/** zxing-wasm's QR reader with its .wasm read from node_modules: by default it would fetch it from a CDN. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { prepareZXingModule, type ReaderOptions, type ReadResult, readBarcodes } from "zxing-wasm/reader";

let ready: Promise<unknown> | null = null;

function loadReader(): Promise<unknown> {
  if (!ready) {
    const path = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
    const wasmBinary = readFileSync(path);
    ready = prepareZXingModule({
      overrides: {
        wasmBinary: wasmBinary.buffer.slice(
          wasmBinary.byteOffset,
          wasmBinary.byteOffset + wasmBinary.byteLength,
        ),
      },
      fireImmediately: true,
    });
  }
  return ready;
}

let scratch = new Uint8ClampedArray(0);

/** One growing buffer per thread: a fresh 4-byte-per-pixel array per call keeps the GC busy. */
function rgbaBuffer(length: number): Uint8ClampedArray {
  if (scratch.length < length) scratch = new Uint8ClampedArray(length);
  return scratch.subarray(0, length);
}

export interface GrayImage {
  /** One byte per pixel, 0 = black. */
  data: Uint8Array;
  width: number;
  height: number;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads QR codes from a gray image. zxing-wasm's pixmap entry takes RGBA and converts back, so we expand.
 * Calls run one at a time: they share the scratch buffer, and zxing itself is single-threaded anyway.
 */
export function readQrCodes(image: GrayImage, options: ReaderOptions): Promise<ReadResult[]> {
  const run = queue.then(() => readNow(image, options));
  queue = run.catch(() => undefined);
  return run;
}

async function readNow(image: GrayImage, options: ReaderOptions): Promise<ReadResult[]> {
  await loadReader();
  const rgba = rgbaBuffer(image.width * image.height * 4);
  const gray = image.data;
  for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
    const v = gray[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
  }
  return readBarcodes(
    { data: rgba, width: image.width, height: image.height, colorSpace: "srgb" } as ImageData,
    {
      formats: ["QRCode"],
      ...options,
    },
  );
}
