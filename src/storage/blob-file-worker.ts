/** Worker thread: blob writes and reads with synchronous file calls, one message per blob (blob-file-ops.ts). */
import * as fs from "node:fs";
import { parentPort } from "node:worker_threads";
import type { StoredBlob } from "../ingest/ports.js";
import { putBlobFile, readBlobFile } from "./blob-file-ops.js";

export type BlobFileRequest =
  | { id: number; op: "put"; root: string; bytes: Uint8Array }
  | { id: number; op: "get"; path: string };

export type BlobFileReply =
  | { id: number; ok: true; blob?: StoredBlob; bytes?: Uint8Array | null }
  | { id: number; ok: false; message: string; code?: string };

const port = parentPort;
if (!port) throw new Error("blob-file-worker.ts must run in a worker thread");

/** Folders whose entry in their root this thread has synced (see putBlobFile). */
const durableDirs = new Set<string>();

port.on("message", (request: BlobFileRequest) => {
  try {
    if (request.op === "put") {
      port.postMessage({
        id: request.id,
        ok: true,
        blob: putBlobFile(fs, request.root, request.bytes, durableDirs),
      });
      return;
    }
    const bytes = readBlobFile(fs, request.path);
    const whole = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    // A small file's buffer may be a slice of Node's shared pool, which must not be moved: copy that one.
    const own = bytes && (whole ? bytes : new Uint8Array(bytes));
    port.postMessage({ id: request.id, ok: true, bytes: own }, own ? [own.buffer as ArrayBuffer] : []);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    port.postMessage({ id: request.id, ok: false, message: e.message ?? String(err), code: e.code });
  }
});
