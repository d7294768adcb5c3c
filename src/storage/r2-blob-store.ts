/** Content-addressed blobs in Cloudflare R2 (same port and key scheme as the file store; sha256 via Web Crypto). */
import type { BlobStore, StoredBlob } from "../ingest/ports.js";

/** The subset of the R2 bucket binding this store uses. */
export interface R2BucketLike {
  head(key: string): Promise<unknown | null>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
  put(key: string, value: Uint8Array, options?: { sha256?: string }): Promise<unknown>;
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export function createR2BlobStore(bucket: R2BucketLike, prefix = "blobs/"): BlobStore {
  const objectKey = (key: string) => {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid blob key: ${key.slice(0, 80)}`);
    // Same fan-out as the file store (ab/abcdef…), so a data export maps 1:1 between the two.
    return `${prefix}${key.slice(0, 2)}/${key}`;
  };

  return {
    async put(bytes: Uint8Array): Promise<StoredBlob> {
      const sha256 = await sha256Hex(bytes);
      const target = objectKey(sha256);
      // R2 writes are atomic and strongly consistent: an object is whole or absent, no temp key needed.
      if (!(await bucket.head(target))) await bucket.put(target, bytes, { sha256 });
      return { key: sha256, sha256, size: bytes.length };
    },
    async get(key: string): Promise<Uint8Array | null> {
      const object = await bucket.get(objectKey(key));
      return object ? new Uint8Array(await object.arrayBuffer()) : null;
    },
  };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
