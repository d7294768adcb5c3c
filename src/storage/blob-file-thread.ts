/**
 * The blob I/O thread, seen from the main thread: each put or get is one message to a worker that does the file
 * calls synchronously (blob-file-worker.ts), so the event loop neither blocks on fsync nor pays a thread-pool
 * round trip per call. One thread per process, started on first use; idle, it does not keep the process alive.
 */
import { Worker } from "node:worker_threads";
import type { StoredBlob } from "../ingest/ports.js";
import type { BlobFileReply, BlobFileRequest } from "./blob-file-worker.js";

export interface BlobFileThread {
  put(root: string, bytes: Uint8Array): Promise<StoredBlob>;
  get(path: string): Promise<Uint8Array | null>;
}

/** The worker only ever holds the blob in hand; a small young generation is plenty. */
const WORKER_YOUNG_GENERATION_MB = 4;

/** A request before it is numbered (Omit over each member of the union). */
type Request = BlobFileRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

interface Pending {
  resolve(reply: Extract<BlobFileReply, { ok: true }>): void;
  reject(err: Error): void;
}

export function createBlobFileThread(): BlobFileThread {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function start(): Worker {
    // Compiled (dist/), the worker runs blob-file-worker.js itself; from the .ts sources its entry registers tsx.
    const entry = import.meta.url.endsWith(".ts") ? "./blob-file-worker-entry.mjs" : "./blob-file-worker.js";
    const started = new Worker(new URL(entry, import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    started.on("message", (reply: BlobFileReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.ok) waiting?.resolve(reply);
      else waiting?.reject(Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {}));
    });
    const fail = (err: Error) => {
      // The requests in hand are lost with the thread; the next request starts a new one.
      if (worker === started) worker = null;
      for (const waiting of pending.values()) waiting.reject(err);
      pending.clear();
    };
    started.on("error", fail);
    started.on("exit", (code) => fail(new Error(`Blob-Thread beendet (Code ${code})`)));
    started.unref();
    return started;
  }

  function send(request: Request, transfer: ArrayBuffer[] = []) {
    return new Promise<Extract<BlobFileReply, { ok: true }>>((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  return {
    async put(root, bytes) {
      // A copy of the caller's bytes, moved to the thread: the caller's buffer (often a view into a larger one,
      // which a clone would copy whole) stays theirs.
      const own = new Uint8Array(bytes);
      const reply = await send({ op: "put", root, bytes: own }, [own.buffer]);
      return reply.blob!;
    },
    async get(path) {
      return (await send({ op: "get", path })).bytes ?? null;
    },
  };
}

let shared: BlobFileThread | null = null;

export function sharedBlobFileThread(): BlobFileThread {
  shared ??= createBlobFileThread();
  return shared;
}
