/**
 * A Flate page image decoded in the QR worker without ever holding it inflated whole: the stream is inflated
 * CHUNK_BYTES at a time into one reused buffer, and each chunk taken row by row by flate-image.ts's row decoder
 * (PNG predictors undone, RGB folded to gray, block-averaged). A 300 dpi gray A4 page (~9 MB inflated) so
 * costs its ~2 MB shrunk image and one chunk.
 *
 * Why not zlib.createInflate()'s 'data' events: node:zlib allocates a fresh chunk for every chunkSize of
 * output, so each page leaves ~9 MB of dead chunks behind until V8's next scavenge (measured on the 400-page
 * bench: no lower peak RSS than inflating on the main thread). The synchronous loop below is the one node:zlib
 * runs for inflateSync (lib/zlib.js processChunkSync), on the stream's own handle, with its output buffer kept
 * instead of replaced; where a Node lacks those internals, the 'data' events are used.
 */
import { constants, createInflate, type Inflate } from "node:zlib";
import {
  createFlateRowDecoder,
  type FlateImageLayout,
  type ImageAllocator,
  type InflatedImage,
  rawTaskOf,
} from "./flate-image.js";
import type { PageImageTask } from "./page-image-task.js";

/** Small against a page, large enough that the loop's calls into zlib stay few (~70 for a 300 dpi page). */
const CHUNK_BYTES = 128 * 1024;

/**
 * Page images are decoded into buffers kept for the next pages (as many as a worker has pages in flight):
 * allocating and freeing a ~2 MB image a page in each worker thread's malloc arena fragments it. Measured on
 * the 400-page bench (2 workers, tsx): 506–521 MB peak RSS with a fresh image a page, 379–382 MB with these.
 */
const SPARE_IMAGE_BUFFERS = 2;
const IMAGE_BUFFER_STEP = 256 * 1024;
const spareImages: ArrayBuffer[] = [];

/** A view of `length` bytes on a kept buffer, or on a new one (rounded up, so nearby sizes share buffers). */
export function acquireImageBytes(length: number): Uint8Array {
  let best = -1;
  for (let i = 0; i < spareImages.length; i++) {
    const size = spareImages[i]!.byteLength;
    if (size >= length && (best < 0 || size < spareImages[best]!.byteLength)) best = i;
  }
  const buffer =
    best >= 0
      ? spareImages.splice(best, 1)[0]!
      : new ArrayBuffer(Math.ceil(Math.max(1, length) / IMAGE_BUFFER_STEP) * IMAGE_BUFFER_STEP);
  return new Uint8Array(buffer, 0, length);
}

/** Gives a decoded image's buffer back once nothing reads it any more; beyond the spares, the smallest go. */
export function releaseImageBytes(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || spareImages.includes(buffer)) return;
  spareImages.push(buffer);
  if (spareImages.length > SPARE_IMAGE_BUFFERS) {
    spareImages.sort((a, b) => b.byteLength - a.byteLength);
    spareImages.length = SPARE_IMAGE_BUFFERS;
  }
}

/** The inflate loop's output, one per thread (the loop runs to its end without yielding). */
let chunkBuffer: Uint8Array | null = null;

type FlateTask = Extract<PageImageTask, { kind: "flate" }>;
type RawTask = Extract<PageImageTask, { kind: "raw" }>;

/** Takes the inflated bytes as they come; `done` stops the inflating (the image has all its rows). */
export interface ChunkSink {
  push(chunk: Uint8Array): void;
  readonly done: boolean;
}

/**
 * The same pixels as inflateImageSamples; a cut-off stream gives the rows it holds (Z_SYNC_FLUSH), a corrupt
 * one throws. Null when the predictor is not supported or not one row could be read.
 */
export async function inflateImageSamplesStreaming(
  data: Uint8Array,
  layout: FlateImageLayout,
  chunkBytes = CHUNK_BYTES,
  allocate?: ImageAllocator,
): Promise<InflatedImage | null> {
  const decoder = createFlateRowDecoder(layout, allocate);
  if (!decoder) return null;
  if (!inflateInChunksSync(data, decoder, chunkBytes)) await inflateInChunks(data, decoder, chunkBytes);
  return decoder.finish();
}

/**
 * A flate task as the `raw` samples the scanner reads (8-bit gray or 1-bit rows); null: no row readable.
 * `reuse`: the samples are on a kept buffer, to be handed back with releaseImageBytes when done.
 */
export async function decodeFlateTask(task: FlateTask, reuse = false): Promise<RawTask | null> {
  const image = await inflateImageSamplesStreaming(
    task.bytes,
    task,
    CHUNK_BYTES,
    reuse ? acquireImageBytes : undefined,
  );
  return image && rawTaskOf(task, image);
}

/** node:zlib's internals that inflateSync drives (lib/zlib.js, unchanged from Node 10 to 24). */
interface ZlibInternals {
  _handle?: {
    writeSync?(
      flush: number,
      input: Uint8Array,
      inOffset: number,
      inLength: number,
      output: Uint8Array,
      outOffset: number,
      outLength: number,
    ): void;
  };
  /** [avail_out, avail_in] after each write. */
  _writeState?: Uint32Array;
}

/**
 * Inflates `data` into one reused `chunkBytes` buffer, handing `sink` each filling of it. False (nothing
 * done) when this Node's zlib does not expose the handle to drive.
 */
export function inflateInChunksSync(data: Uint8Array, sink: ChunkSink, chunkBytes = CHUNK_BYTES): boolean {
  const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
  // A data error destroys the stream, which emits it again on the next tick: read from `errored` instead.
  inflate.on("error", () => {});
  const { _handle: handle, _writeState: state } = inflate as Inflate & ZlibInternals;
  if (typeof handle?.writeSync !== "function" || !(state instanceof Uint32Array)) {
    inflate.destroy();
    return false;
  }
  if (chunkBuffer?.length !== chunkBytes) chunkBuffer = new Uint8Array(chunkBytes);
  const out = chunkBuffer;
  let inOffset = 0;
  let inLength = data.byteLength;
  try {
    while (!sink.done) {
      handle.writeSync(constants.Z_SYNC_FLUSH, data, inOffset, inLength, out, 0, chunkBytes);
      if (inflate.errored) throw inflate.errored;
      const [outLeft, inLeft] = [state[0]!, state[1]!];
      if (outLeft < chunkBytes) sink.push(out.subarray(0, chunkBytes - outLeft));
      inOffset += inLength - inLeft;
      inLength = inLeft;
      // Output space left over: zlib has taken all it can (the end, or a cut-off stream).
      if (outLeft !== 0) break;
    }
  } finally {
    inflate.destroy();
  }
  return true;
}

/** The same through the stream's 'data' events (a fresh chunk each time): the fallback. */
export function inflateInChunks(data: Uint8Array, sink: ChunkSink, chunkBytes = CHUNK_BYTES): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: chunkBytes });
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    inflate.on("data", (chunk: Buffer) => {
      if (settled) return;
      try {
        sink.push(chunk);
      } catch (err) {
        inflate.destroy();
        return settle(err);
      }
      if (sink.done) {
        // Every row taken: whatever the stream holds beyond is not inflated.
        inflate.destroy();
        settle();
      }
    });
    inflate.on("end", () => settle());
    inflate.on("error", (err) => settle(err));
    inflate.end(data);
  });
}
