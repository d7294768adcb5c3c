/**
 * 8-bit gray pixel buffers for QR detection, and the few cheap operations the worker needs on them: integer
 * box shrinks (from decoded gray or straight from a PDF's raw samples) and the blank test's thumbnail.
 * Plain loops over typed arrays: for the small images of a first pass they cost less than a round-trip
 * through sharp (libvips pipeline set-up, a fresh output buffer, its page faults).
 */
import type { PageImageTask } from "./page-image-task.js";

export interface GrayImage {
  /** One byte per pixel, row after row, 0 = black. */
  data: Uint8Array;
  width: number;
  height: number;
}

type RawTask = Extract<PageImageTask, { kind: "raw" }>;

/** Each output pixel the mean of a `factor`×`factor` block; a remainder of rows or columns is dropped. */
export function shrinkGray(image: GrayImage, factor: number): GrayImage {
  if (factor <= 1) return image;
  const outW = Math.max(1, Math.floor(image.width / factor));
  const outH = Math.max(1, Math.floor(image.height / factor));
  const out = new Uint8Array(outW * outH);
  if (factor === 2) halve(image, out, outW, outH);
  else shrinkBy(image, factor, out, outW, outH);
  return { data: out, width: outW, height: outH };
}

/** The common case (100–200 dpi pages), unrolled: about 2.5× faster than the general loop. */
function halve(image: GrayImage, out: Uint8Array, outW: number, outH: number): void {
  const { data, width } = image;
  for (let y = 0; y < outH; y++) {
    let a = 2 * y * width;
    let b = a + width;
    const o = y * outW;
    for (let x = 0; x < outW; x++, a += 2, b += 2)
      out[o + x] = (data[a]! + data[a + 1]! + data[b]! + data[b + 1]! + 2) >> 2;
  }
}

function shrinkBy(image: GrayImage, factor: number, out: Uint8Array, outW: number, outH: number): void {
  const { data, width } = image;
  const sums = new Uint32Array(outW);
  const area = factor * factor;
  const half = area >> 1;
  for (let oy = 0; oy < outH; oy++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (oy * factor + dy) * width;
      for (let ox = 0; ox < outW; ox++) {
        let s = 0;
        for (const end = i + factor; i < end; i++) s += data[i]!;
        sums[ox]! += s;
      }
    }
    const row = oy * outW;
    for (let ox = 0; ox < outW; ox++) out[row + ox] = ((sums[ox]! + half) / area) | 0;
  }
}

/** PDF image samples (1-bit, 8-bit gray or RGB; /Decode [1 0] honoured) → gray, box-shrunk by `factor`. */
export function rawToGray(task: RawTask, factor: number): GrayImage {
  if (task.bitsPerComponent === 1) return bitsToGray(task, Math.max(1, factor));
  let gray: GrayImage = { data: task.bytes, width: task.width, height: task.height };
  if (task.channels === 3) gray = rgbToGray(task);
  const shrunk = shrinkGray(gray, factor);
  if (!task.inverted) return shrunk;
  // Never write into the caller's samples: invert a copy unless the shrink already made one.
  const data = shrunk.data === task.bytes ? new Uint8Array(shrunk.data.length) : shrunk.data;
  for (let i = 0; i < data.length; i++) data[i] = 255 - shrunk.data[i]!;
  return { ...shrunk, data };
}

function rgbToGray(task: RawTask): GrayImage {
  const { bytes, width, height } = task;
  const data = new Uint8Array(width * height);
  // ITU-R BT.601 weights in 10-bit fixed point, as zxing-wasm converts RGBA.
  for (let i = 0, j = 0; i < data.length; i++, j += 3)
    data[i] = (bytes[j]! * 306 + bytes[j + 1]! * 601 + bytes[j + 2]! * 117 + 512) >> 10;
  return { data, width, height };
}

/** Each byte's 8 pixels as 0/1 bytes, packed little-endian into two 32-bit words (first pixel lowest). */
const BIT_WORDS = (() => {
  const words = new Uint32Array(512);
  for (let b = 0; b < 256; b++)
    for (let bit = 0; bit < 8; bit++)
      if ((b >> (7 - bit)) & 1) words[2 * b + (bit >> 2)]! |= 1 << (8 * (bit & 3));
  return words;
})();

/** 1-bit rows (padded to bytes) → the share of 1-bits in each block, as gray. */
function bitsToGray(task: RawTask, factor: number): GrayImage {
  const { bytes, width, height } = task;
  const rowBytes = Math.ceil(width / 8);
  const outW = Math.max(1, Math.floor(width / factor));
  const outH = Math.max(1, Math.floor(height / factor));
  // One row unpacked to a byte a pixel, two words a source byte (a table look-up instead of 8 shifts).
  const unpacked = new Uint32Array(rowBytes * 2);
  const pixels = new Uint8Array(unpacked.buffer);
  const counts = new Uint32Array(outW);
  const out = new Uint8Array(outW * outH);
  const area = factor * factor;
  for (let oy = 0; oy < outH; oy++) {
    counts.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (oy * factor + dy) * rowBytes;
      for (let j = 0; j < rowBytes; j++) {
        const b = bytes[row + j]! << 1;
        unpacked[2 * j] = BIT_WORDS[b]!;
        unpacked[2 * j + 1] = BIT_WORDS[b + 1]!;
      }
      for (let ox = 0, x = 0; ox < outW; ox++) {
        let s = 0;
        for (const end = x + factor; x < end; x++) s += pixels[x]!;
        counts[ox]! += s;
      }
    }
    const o = oy * outW;
    for (let ox = 0; ox < outW; ox++) {
      // Sample 1 is white (DeviceGray) unless /Decode [1 0] (or an image mask) makes it ink.
      const ones = Math.round((255 * counts[ox]!) / area);
      out[o + ox] = task.inverted ? 255 - ones : ones;
    }
  }
  return { data: out, width: outW, height: outH };
}

/**
 * Area average down to `width` columns (aspect kept): every source pixel counts once, so scanner grain
 * averages out as in a resampling filter, and a line of ink stays visible as a darker thumb pixel.
 */
export function grayThumbnail(source: GrayImage, width: number): GrayImage {
  if (source.width <= width) return source;
  // A whole-factor box shrink first (the fast loop), then the fractional rest over far fewer pixels.
  const image = shrinkGray(source, Math.floor(source.width / width));
  if (image.width <= width) return image;
  const outW = width;
  const outH = Math.max(1, Math.round((image.height * width) / image.width));
  const column = new Uint16Array(image.width);
  const perColumn = new Uint32Array(outW);
  for (let x = 0; x < image.width; x++) {
    const t = Math.min(outW - 1, Math.floor((x * outW) / image.width));
    column[x] = t;
    perColumn[t]!++;
  }
  const sums = new Uint32Array(outW);
  const out = new Uint8Array(outW * outH);
  const { data } = image;
  let y = 0;
  for (let ty = 0; ty < outH; ty++) {
    const end = ty === outH - 1 ? image.height : Math.floor(((ty + 1) * image.height) / outH);
    const rows = end - y;
    sums.fill(0);
    for (; y < end; y++) {
      const i = y * image.width;
      for (let x = 0; x < image.width; x++) sums[column[x]!]! += data[i + x]!;
    }
    const o = ty * outW;
    for (let tx = 0; tx < outW; tx++) {
      const n = perColumn[tx]! * rows;
      out[o + tx] = n ? Math.round(sums[tx]! / n) : 255;
    }
  }
  return { data: out, width: outW, height: outH };
}
