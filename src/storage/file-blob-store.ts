/** Content-addressed blobs on the local file system: temp file, fsync, rename — a blob is whole or absent. */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { BlobStore, StoredBlob } from "../ingest/ports.js";
import { type DurableWrite, defaultDurableWrite } from "./durable-write.js";

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export interface FileBlobStoreOptions {
  /** Default: the native addon where it is built, else fs/promises. */
  writeDurably?: DurableWrite;
}

export function createFileBlobStore(root: string, options: FileBlobStoreOptions = {}): BlobStore {
  const writeDurably = options.writeDurably ?? defaultDurableWrite();
  const durablePrefixes = new Set<string>();
  const pathOf = (key: string) => {
    // Keys are hashes we computed; anything else never reaches the file system.
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid blob key: ${key.slice(0, 80)}`);
    return join(root, key.slice(0, 2), key);
  };

  return {
    async put(bytes: Uint8Array): Promise<StoredBlob> {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const target = pathOf(sha256);
      // No existence check first: the same key is the same bytes, so renaming over a blob changes nothing, and
      // re-deliveries are rare next to the stat every new blob would pay.
      const prefix = sha256.slice(0, 2);
      const dir = join(root, prefix);
      let created = durablePrefixes.has(prefix) ? undefined : await mkdir(dir, { recursive: true });
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      // The folder's entry after the rename. A new two-character folder survives a power cut only once its entry
      // in the blob root is synced too. Once per folder and process, not only when this call made it: a concurrent
      // put or a crashed earlier run may have made it and not yet synced the root.
      const dirsToSync = () =>
        durablePrefixes.has(prefix) ? [dir] : [dir, root, ...parentsToSync(root, created)];
      await writeDurably(bytes, temp, target, dirsToSync()).catch(async (err: NodeJS.ErrnoException) => {
        // A folder we made earlier was removed under us (operator clean-up): make it again.
        if (err.code !== "ENOENT" || !durablePrefixes.delete(prefix)) throw err;
        created = await mkdir(dir, { recursive: true });
        return writeDurably(bytes, temp, target, dirsToSync());
      });
      durablePrefixes.add(prefix);
      return { key: sha256, sha256, size: bytes.length };
    },
    async get(key: string): Promise<Uint8Array | null> {
      try {
        const buffer = await readFile(pathOf(key));
        // A view, not a copy: readFile's buffer is the file's own (never from Node's shared pool).
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
  };
}

/** When mkdir also made the root (or more above it), each new directory's entry is synced in its parent. */
function parentsToSync(root: string, topmostCreated: string | undefined): string[] {
  if (topmostCreated === undefined) return [];
  const top = resolve(topmostCreated);
  const parents: string[] = [];
  for (let dir = resolve(root); dir !== dirname(dir); dir = dirname(dir)) {
    if (dir.length < top.length) break;
    parents.push(dirname(dir));
    if (dir === top) break;
  }
  return parents;
}
