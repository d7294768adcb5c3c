/** A worker_threads pool, sized to the cores, that scans page images for QR codes. */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PageImageTask, PageScan } from "./page-image-task.js";
import type { WorkerReply, WorkerRequest } from "./qr-worker.js";

export interface QrWorkerPool {
  scan(task: PageImageTask): Promise<PageScan>;
  close(): Promise<void>;
  readonly size: number;
}

/**
 * A worker's garbage is page-sized buffers that die young: a small young generation collects them after a
 * few pages instead of a few dozen (measured on the 400-page bench: ~13 MB less peak RSS, same pages/s).
 */
const WORKER_YOUNG_GENERATION_MB = 2;

/** Two tasks per worker: one decodes (sharp, off-thread in libuv) while the other runs zxing. */
const IN_FLIGHT_PER_WORKER = 2;

interface Slot {
  worker: Worker;
  busy: number;
}

interface Pending {
  resolve(scan: PageScan): void;
  reject(err: Error): void;
  slot?: Slot;
}

export function createQrWorkerPool(size = availableParallelism()): QrWorkerPool {
  const slots: Slot[] = [];
  const pending = new Map<number, Pending>();
  const queue: { request: WorkerRequest; transfer: ArrayBuffer[]; pending: Pending }[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    // Compiled (dist/), the worker runs qr-worker.js itself; from the .ts sources its entry registers tsx first.
    const entry = import.meta.url.endsWith(".ts") ? "./qr-worker-entry.mjs" : "./qr-worker.js";
    const worker = new Worker(new URL(entry, import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, busy: 0 };
    worker.on("message", (reply: WorkerReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      slot.busy--;
      if (slot.busy === 0) worker.unref();
      if (reply.ok) waiting?.resolve(reply.scan);
      else waiting?.reject(new Error(`QR-Erkennung fehlgeschlagen: ${reply.error}`));
      dispatch();
    });
    worker.on("error", (err) => failSlot(slot, err));
    worker.unref();
    return slot;
  }

  function failSlot(slot: Slot, err: Error): void {
    // The worker's in-flight tasks are lost with it: fail them all, and replace the worker.
    for (const [id, waiting] of pending) {
      if (waiting.slot !== slot) continue;
      pending.delete(id);
      waiting.reject(err);
    }
    const index = slots.indexOf(slot);
    if (index >= 0 && !closed) slots[index] = spawn();
    dispatch();
  }

  function dispatch(): void {
    while (queue.length > 0) {
      if (slots.length < size) slots.push(spawn());
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      if (slot.busy >= IN_FLIGHT_PER_WORKER) return;
      const next = queue.shift()!;
      slot.busy++;
      slot.worker.ref();
      pending.set(next.request.id, { ...next.pending, slot });
      slot.worker.postMessage(next.request, next.transfer);
    }
  }

  return {
    size,
    scan(task) {
      if (closed) return Promise.reject(new Error("QR worker pool is closed"));
      return new Promise<PageScan>((resolve, reject) => {
        const message = postable({ id: nextId++, task });
        queue.push({ ...message, pending: { resolve, reject } });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
}

/**
 * A JPEG or uncompressed image is a view into the whole PDF's buffer (pdf-lib slices without copying), and
 * postMessage clones a view's entire ArrayBuffer: every page would copy the whole scan into the worker. So a
 * view is copied out (the page only) and the copy moved. Bytes made for the task (`owned`) that fill their
 * buffer are moved as they are; any other buffer is cloned, so the caller's data is never detached.
 */
export function postable(request: WorkerRequest): { request: WorkerRequest; transfer: ArrayBuffer[] } {
  const bytes = request.task.bytes;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
    return { request, transfer: request.task.owned ? [bytes.buffer as ArrayBuffer] : [] };
  // Not bytes.slice(): on a Node Buffer that is another view, and moving it would detach the caller's PDF.
  const own = new Uint8Array(bytes);
  return { request: { ...request, task: { ...request.task, bytes: own } }, transfer: [own.buffer] };
}

/**
 * Starts the pool's workers and has each scan a small noise image, so module loading and zxing's WebAssembly
 * compile are done before the first page arrives: measured in the SMTP bench, the first 16 mails of a burst
 * otherwise wait ~0.7 s longer for them (p99 863 → 334 ms). One task a worker: dispatch() spawns a new worker
 * while fewer than `size` run, and hands it the task.
 */
export function warmUpQrWorkers(pool: QrWorkerPool): Promise<PageScan[]> {
  return Promise.all(Array.from({ length: pool.size }, (_, index) => pool.scan(noisePage(index))));
}

const NOISE_SIDE = 128;

/** Not blank and without a QR code, so zxing runs its whole first pass. Deterministic, owned by the task. */
function noisePage(seed: number): PageImageTask {
  const bytes = new Uint8Array(NOISE_SIDE * NOISE_SIDE);
  let state = seed + 1;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  const size = { width: NOISE_SIDE, height: NOISE_SIDE };
  return { kind: "raw", bytes, ...size, channels: 1, bitsPerComponent: 8, inverted: false, owned: true };
}

let shared: QrWorkerPool | null = null;

/** One pool per process, created on first use; idle workers do not keep the process alive. */
export function sharedQrWorkerPool(): QrWorkerPool {
  shared ??= createQrWorkerPool();
  return shared;
}
