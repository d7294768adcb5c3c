/**
 * The optional native JPEG decoder (src/pdf/native/jpeg-gray.c, built by scripts/build-native.mjs at
 * install): libjpeg-turbo decoding straight to gray, scaled in the IDCT. Loaded once per thread; null when it
 * was not built or does not load, and callers then decode with sharp.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import type { GrayImage } from "./gray-pixels.js";

export type JpegScale = 1 | 2 | 4 | 8;

export interface NativeJpegDecoder {
  /** Throws on what libjpeg cannot decode to gray (CMYK, 12-bit, not a JPEG); corrupt data decodes as far as it goes. */
  decodeGray(jpeg: Uint8Array, scaleDenominator: JpegScale): GrayImage;
}

export const NATIVE_JPEG_PATH = "dist/native/jpeg-gray.node";

let loaded: NativeJpegDecoder | null | undefined;

export function nativeJpegDecoder(): NativeJpegDecoder | null {
  if (loaded !== undefined) return loaded;
  try {
    loaded = createRequire(import.meta.url)(join(packageRoot(), NATIVE_JPEG_PATH)) as NativeJpegDecoder;
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The largest IDCT scale that keeps at least `factor`'s share of the pixels: the rest is a box shrink. */
export function jpegScaleFor(factor: number): JpegScale {
  return factor >= 8 ? 8 : factor >= 4 ? 4 : factor >= 2 ? 2 : 1;
}
