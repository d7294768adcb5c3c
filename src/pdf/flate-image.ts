/**
 * FlateDecode image samples: inflated, PNG predictors undone (ISO 32000-1 §7.4.4.4, RFC 2083 §6) and shrunk
 * by block averages row by row, so a 300 dpi gray A4 page (~9 MB inflated) is kept as a ~2 MB image. The row
 * decoder takes the inflated bytes in chunks of any size: flate-stream.ts feeds it from a streaming inflate
 * (QR workers, the whole page never inflated at once); inflateImageSamples from one inflateSync (Workers).
 */
import { inflateSync } from "node:zlib";
import type { PageImageTask } from "./page-image-task.js";

type FlateTask = Extract<PageImageTask, { kind: "flate" }>;
type RawTask = Extract<PageImageTask, { kind: "raw" }>;

export interface PredictorParams {
  predictor: number;
  colors: number;
  bitsPerComponent: number;
  columns: number;
}

export interface FlateImageLayout {
  width: number;
  height: number;
  channels: 1 | 3;
  bitsPerComponent: 1 | 8;
  predictor: PredictorParams;
  /** Keep one pixel per n × n block, their average (8-bit samples only; 1-bit rows are kept as they are). */
  shrink: number;
}

/** 8-bit images come back gray (RGB folded in, ITU-R BT.601), 1-bit ones as they are. */
export interface InflatedImage {
  bytes: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** The inflated stream; a cut-off stream gives what it holds (Z_SYNC_FLUSH), as scanners sometimes write. */
export function inflateAll(data: Uint8Array, expectedLength = 0): Uint8Array {
  // One output buffer of the expected size: zlib's default 16 kB chunks would be joined into a second copy.
  const chunkSize = Math.max(64 * 1024, expectedLength + 1024);
  const buffer = inflateSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH */, chunkSize });
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Null when the predictor is not supported (TIFF predictor 2) or not one row could be read. */
export function inflateImageSamples(data: Uint8Array, layout: FlateImageLayout): InflatedImage | null {
  const decoder = createFlateRowDecoder(layout);
  if (!decoder) return null;
  decoder.push(inflateAll(data, decoder.stride * layout.height));
  return decoder.finish();
}

/** A flate task decoded at once (the Workers' inline scanner: one page at a time, no threads). */
export function inflateFlateTask(task: FlateTask): RawTask | null {
  const image = inflateImageSamples(task.bytes, task);
  return image && rawTaskOf(task, image);
}

/** The decoded samples as the `raw` task the scanners read: 8-bit gray (RGB folded in) or 1-bit rows. */
export function rawTaskOf(task: FlateTask, image: InflatedImage): RawTask {
  return {
    kind: "raw",
    ...image,
    bitsPerComponent: task.bitsPerComponent,
    inverted: task.inverted,
    owned: true,
  };
}

/**
 * Whether the samples can be decoded here: PNG predictors or none (TIFF predictor 2 is rare in scans and
 * rendered instead), and rows at least as long as the image's. Decided from the dict, before any inflating.
 */
export function flateLayoutSupported(layout: FlateImageLayout): boolean {
  const p = layout.predictor;
  if (p.predictor > 1 && p.predictor < 10) return false; // TIFF predictor 2: rare in scans; rendered instead
  return p.predictor < 10 || Math.ceil((p.colors * p.bitsPerComponent * p.columns) / 8) >= rowBytesOf(layout);
}

/**
 * Inflated bytes in, in chunks of any size (a row may span several): each row is un-predicted and handed to
 * the shrinking sink as soon as it is complete, so only the output image, one row and the row above are held.
 */
export interface FlateRowDecoder {
  /** Bytes per row in the inflated stream (the PNG filter byte included). */
  readonly stride: number;
  /** All rows of the image were taken: anything more in the stream is ignored. */
  readonly done: boolean;
  push(chunk: Uint8Array): void;
  /** The image of the rows taken; null when not one row was complete. */
  finish(): InflatedImage | null;
}

/** Where the output image goes: a fresh array, or one the caller reuses (its contents need not be zero). */
export type ImageAllocator = (length: number) => Uint8Array;

/** Null when the predictor is not supported (TIFF predictor 2) or its rows are shorter than the image's. */
export function createFlateRowDecoder(
  layout: FlateImageLayout,
  allocate: ImageAllocator = (length) => new Uint8Array(length),
): FlateRowDecoder | null {
  if (!flateLayoutSupported(layout)) return null;
  const p = layout.predictor;
  const sink = createRowSink(layout, allocate);
  const png = p.predictor >= 10;
  const rowBytes = png ? Math.ceil((p.colors * p.bitsPerComponent * p.columns) / 8) : sink.rowBytes;
  const stride = png ? rowBytes + 1 : rowBytes;
  const bpp = Math.max(1, Math.ceil((p.colors * p.bitsPerComponent) / 8));
  const height = layout.height;
  let previous = new Uint8Array(png ? rowBytes : 0);
  let current = new Uint8Array(png ? rowBytes : 0);
  // A row cut by a chunk boundary is gathered here.
  const carry = new Uint8Array(stride);
  let carried = 0;
  let rows = 0;
  const takeRow = (input: Uint8Array) => {
    if (png) {
      undoPngFilter(input, previous, current, bpp);
      sink.take(current);
      [previous, current] = [current, previous];
    } else sink.take(input.subarray(0, rowBytes));
    rows++;
  };
  return {
    stride,
    get done() {
      return rows >= height;
    },
    push(chunk) {
      let i = 0;
      if (rows >= height) return;
      if (carried > 0) {
        i = Math.min(stride - carried, chunk.length);
        carry.set(chunk.subarray(0, i), carried);
        carried += i;
        if (carried < stride) return;
        takeRow(carry);
        carried = 0;
      }
      for (; chunk.length - i >= stride && rows < height; i += stride) takeRow(chunk.subarray(i, i + stride));
      if (rows < height && i < chunk.length) {
        carry.set(chunk.subarray(i), 0);
        carried = chunk.length - i;
      }
    },
    finish: () => (rows === 0 ? null : sink.result()),
  };
}

/** One row: `input` is the filter byte and the filtered bytes; `prev` is the row above (zeros for the first). */
function undoPngFilter(input: Uint8Array, prev: Uint8Array, out: Uint8Array, bpp: number): void {
  const filter = input[0]!;
  const n = out.length;
  // One loop per filter type: a switch per byte costs as much as the arithmetic.
  if (filter === 0) out.set(input.subarray(1, n + 1));
  else if (filter === 1) {
    for (let i = 0; i < n; i++) out[i] = (input[i + 1]! + (i >= bpp ? out[i - bpp]! : 0)) & 0xff;
  } else if (filter === 2) {
    for (let i = 0; i < n; i++) out[i] = (input[i + 1]! + prev[i]!) & 0xff;
  } else if (filter === 3) {
    for (let i = 0; i < n; i++)
      out[i] = (input[i + 1]! + (((i >= bpp ? out[i - bpp]! : 0) + prev[i]!) >> 1)) & 0xff;
  } else if (filter === 4) {
    for (let i = 0; i < n; i++) {
      const left = i >= bpp ? out[i - bpp]! : 0;
      const up = prev[i]!;
      const upLeft = i >= bpp ? prev[i - bpp]! : 0;
      out[i] = (input[i + 1]! + paeth(left, up, upLeft)) & 0xff;
    }
  } else out.set(input.subarray(1, n + 1)); // unknown filter: taken as None
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}

interface RowSink {
  rowBytes: number;
  take(row: Uint8Array): void;
  result(): InflatedImage | null;
}

/** Bytes of one image row (no filter byte). */
function rowBytesOf(layout: FlateImageLayout): number {
  return layout.bitsPerComponent === 1 ? Math.ceil(layout.width / 8) : layout.width * layout.channels;
}

/** Image rows → the output image: copied, or folded to gray and block-averaged. */
function createRowSink(layout: FlateImageLayout, allocate: ImageAllocator): RowSink {
  const { width, height, channels } = layout;
  if (layout.bitsPerComponent === 1 || (channels === 1 && layout.shrink <= 1)) {
    // Kept as they are: 1-bit rows, and gray rows not to be shrunk.
    const rowBytes = layout.bitsPerComponent === 1 ? Math.ceil(width / 8) : width;
    const out = allocate(rowBytes * height);
    let rows = 0;
    return {
      rowBytes,
      take(row) {
        out.set(row.subarray(0, rowBytes), rows++ * rowBytes);
      },
      result: () => ({ bytes: out.subarray(0, rows * rowBytes), width, height: rows, channels: 1 }),
    };
  }
  const n = Math.max(1, Math.floor(layout.shrink));
  const outW = Math.ceil(width / n);
  const out = allocate(outW * Math.ceil(height / n));
  const sums = new Uint32Array(outW);
  let rows = 0;
  const flush = () => {
    const band = Math.ceil(rows / n) - 1;
    const bandRows = rows - band * n;
    for (let x = 0; x < outW; x++)
      out[band * outW + x] = Math.round(sums[x]! / (Math.min(n, width - x * n) * bandRows));
    sums.fill(0);
  };
  return {
    rowBytes: width * channels,
    take(row) {
      addRow(sums, row, width, channels, n);
      rows++;
      if (rows % n === 0) flush();
    },
    result() {
      if (rows % n !== 0) flush();
      const h = Math.ceil(rows / n);
      return { bytes: out.subarray(0, h * outW), width: outW, height: h, channels: 1 };
    },
  };
}

/** Adds one row's gray values into the column sums of its n-wide blocks. */
function addRow(sums: Uint32Array, row: Uint8Array, width: number, channels: 1 | 3, n: number): void {
  if (channels === 1 && n === 2) {
    const pairs = width >> 1;
    for (let j = 0; j < pairs; j++) sums[j]! += row[2 * j]! + row[2 * j + 1]!;
    if (width & 1) sums[pairs]! += row[width - 1]!;
  } else if (channels === 1) {
    for (let x = 0, j = 0; x < width; j++) for (let k = 0; k < n && x < width; k++, x++) sums[j]! += row[x]!;
  } else {
    for (let x = 0, j = 0, i = 0; x < width; j++)
      for (let k = 0; k < n && x < width; k++, x++, i += 3)
        sums[j]! += (row[i]! * 306 + row[i + 1]! * 601 + row[i + 2]! * 117 + 512) >> 10;
  }
}
