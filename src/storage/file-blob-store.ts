/** Content-addressed blobs on the local file system: temp file, fsync, rename — a blob is whole or absent. */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import type { BlobStore, StoredBlob } from "../ingest/ports.js";

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export function createFileBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => {
    // Keys are hashes we computed; anything else never reaches the file system.
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid blob key: ${key.slice(0, 80)}`);
    return join(root, key.slice(0, 2), key);
  };

  return {
    async put(bytes: Uint8Array): Promise<StoredBlob> {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const target = pathOf(sha256);
      if (await exists(target)) return { key: sha256, sha256, size: bytes.length };
      await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      await syncDir(join(root, sha256.slice(0, 2)));
      return { key: sha256, sha256, size: bytes.length };
    },
    async get(key: string): Promise<Uint8Array | null> {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The rename is durable only once the directory entry is synced. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
