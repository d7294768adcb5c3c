/**
 * Hands the bytes of a just-captured mail to the pipeline in memory, so processing does not read back from the blob
 * store what capture wrote a moment earlier. Capture still writes (and fsyncs) first; memory only saves the read.
 * Blobs are content-addressed and never change, so a handed-off copy cannot be stale. Each copy is taken once;
 * beyond the byte budget the oldest are dropped and read from the store as before.
 */
import type { BlobStore } from "../ingest/ports.js";

export interface BlobHandOff {
  /** For capture: puts remember their bytes. */
  capture: BlobStore;
  /** For the pipeline: gets take a remembered copy if there is one. */
  process: BlobStore;
  /** Bytes held right now (for tests and diagnostics). */
  heldBytes(): number;
}

export interface BlobHandOffLimits {
  maxBytes: number;
  maxEntryBytes: number;
}

const DEFAULT_LIMITS: BlobHandOffLimits = { maxBytes: 64 * 1024 * 1024, maxEntryBytes: 8 * 1024 * 1024 };

export function createBlobHandOff(inner: BlobStore, limits: BlobHandOffLimits = DEFAULT_LIMITS): BlobHandOff {
  const held = new Map<string, Uint8Array>();
  let heldBytes = 0;

  const remember = (key: string, bytes: Uint8Array) => {
    if (bytes.byteLength > limits.maxEntryBytes || held.has(key)) return;
    held.set(key, bytes);
    heldBytes += bytes.byteLength;
    for (const [oldest, oldBytes] of held) {
      if (heldBytes <= limits.maxBytes) break;
      held.delete(oldest);
      heldBytes -= oldBytes.byteLength;
    }
  };
  const take = (key: string): Uint8Array | undefined => {
    const bytes = held.get(key);
    if (bytes === undefined) return undefined;
    held.delete(key);
    heldBytes -= bytes.byteLength;
    return bytes;
  };

  return {
    capture: {
      async put(bytes) {
        const stored = await inner.put(bytes);
        remember(stored.key, bytes);
        return stored;
      },
      get: (key) => inner.get(key),
    },
    process: {
      put: (bytes) => inner.put(bytes),
      async get(key) {
        return take(key) ?? inner.get(key);
      },
    },
    heldBytes: () => heldBytes,
  };
}
