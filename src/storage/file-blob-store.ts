/** Content-addressed blobs on the local file system: temp file, fsync, rename — a blob is whole or absent. */
import type { BlobStore, StoredBlob } from "../ingest/ports.js";
import { blobPath } from "./blob-file-ops.js";
import { type BlobFileThread, sharedBlobFileThread } from "./blob-file-thread.js";

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** The file work runs on the blob I/O thread (blob-file-thread.ts); `thread` is for tests. */
export function createFileBlobStore(
  root: string,
  thread: BlobFileThread = sharedBlobFileThread(),
): BlobStore {
  return {
    put(bytes: Uint8Array): Promise<StoredBlob> {
      return thread.put(root, bytes);
    },
    get(key: string): Promise<Uint8Array | null> {
      // Keys are hashes we computed; anything else never reaches the file system.
      if (!KEY_PATTERN.test(key)) return Promise.reject(new Error(`invalid blob key: ${key.slice(0, 80)}`));
      return thread.get(blobPath(root, key));
    },
  };
}
