/**
 * zxing-wasm's QR reader fed 8-bit gray straight into its pixmap entry, with its .wasm read from
 * node_modules (by default it would fetch it from a CDN).
 *
 * zxing-cpp works on luminance. zxing-wasm's readBarcodes takes only RGBA for raw pixels and converts it back
 * to gray in JS before the same pixmap call: for a gray page that was two full passes over four bytes a
 * pixel (~4 ms at 640 × 905, more than zxing's own search). So the gray bytes go into wasm memory as they are.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  binarizers,
  characterSets,
  defaultReaderOptions,
  eanAddOnSymbols,
  encodeFormats,
  prepareZXingModule,
  type ReaderOptions,
  textModes,
  type ZXingReaderOptions,
  type ZXingReadResult,
} from "zxing-wasm/reader";
import type { GrayImage } from "./gray-pixels.js";

export type { GrayImage } from "./gray-pixels.js";

/** What the scanner needs of a zxing result. */
export interface QrRead {
  text: string;
  /** False for a symbol that was located but could not be decoded (returnErrors). */
  isValid: boolean;
}

/** The reader module's entry points used here (zxing-wasm marks them internal, but ships their types). */
interface ReaderModule {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  readBarcodesFromPixmap(
    pointer: number,
    width: number,
    height: number,
    options: ZXingReaderOptions,
  ): { size(): number; get(i: number): ZXingReadResult | undefined; delete?(): void };
}

let ready: Promise<ReaderModule> | null = null;

function loadReader(): Promise<ReaderModule> {
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
    }) as unknown as Promise<ReaderModule>;
  }
  return ready;
}

/** The library's own option encoding (zxing-wasm 3.x readerOptionsToZXingReaderOptions), from its exports. */
export function toZXingOptions(options: ReaderOptions): ZXingReaderOptions {
  const o = { ...defaultReaderOptions, ...options };
  return {
    ...o,
    formats: encodeFormats(o.formats),
    binarizer: binarizers.indexOf(o.binarizer),
    eanAddOnSymbol: eanAddOnSymbols.indexOf(o.eanAddOnSymbol),
    textMode: textModes.indexOf(o.textMode),
    characterSet: characterSets.indexOf(o.characterSet),
    tryCode39ExtendedMode: o.tryCode39ExtendedMode ?? true,
  };
}

/** One wasm buffer per thread, grown as needed: the pixels are copied in, read, and overwritten next time. */
let buffer = { pointer: 0, size: 0 };

function wasmBuffer(reader: ReaderModule, size: number): number {
  if (buffer.size < size) {
    if (buffer.pointer) reader._free(buffer.pointer);
    const pointer = reader._malloc(size);
    if (!pointer) throw new Error(`zxing: ${size} bytes of wasm memory not available`);
    buffer = { pointer, size };
  }
  return buffer.pointer;
}

/** QR codes in a gray image (format forced to QR). Synchronous once the module is loaded. */
export async function readQrCodes(image: GrayImage, options: ReaderOptions): Promise<QrRead[]> {
  const reader = await loadReader();
  const { data, width, height } = image;
  if (data.length < width * height) throw new Error("zxing: fewer pixels than width × height");
  const pointer = wasmBuffer(reader, width * height);
  // HEAPU8 is re-read after the malloc: growing wasm memory replaces the view.
  reader.HEAPU8.set(data.subarray(0, width * height), pointer);
  const found = reader.readBarcodesFromPixmap(
    pointer,
    width,
    height,
    toZXingOptions({ ...options, formats: ["QRCode"] }),
  );
  try {
    const reads: QrRead[] = [];
    for (let i = 0; i < found.size(); i++) {
      const r = found.get(i);
      if (r) reads.push({ text: r.text, isValid: r.isValid });
    }
    return reads;
  } finally {
    found.delete?.();
  }
}
