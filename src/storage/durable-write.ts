/**
 * The file-system half of a blob put: create `temp` exclusively, write, fsync, close, rename it to `target`,
 * then fsync each directory in `dirs` (so the rename, and any new folder, survives a power cut). Fails with
 * Node's fs error shape (`code`, `syscall`, `path`); a failed write leaves no temp file behind.
 */

import { open, rename, unlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";

export type DurableWrite = (bytes: Uint8Array, temp: string, target: string, dirs: string[]) => Promise<void>;

/** The same sequence through fs/promises: eight thread-pool round trips instead of one. */
export const writeDurablyWithFsPromises: DurableWrite = async (bytes, temp, target, dirs) => {
  const handle = await open(temp, "wx");
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  for (const dir of dirs) await fsyncPath(dir);
};

/** fsync of a file or directory opened read-only (a directory: its entries, e.g. after a rename). */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const NATIVE_DURABLE_WRITE_PATH = "dist/native/durable-write.node";

let loaded: DurableWrite | null | undefined;

/**
 * The native addon (src/storage/native/durable-write.c, built by scripts/build-native.mjs at install): the
 * whole sequence as one thread-pool task. On two cores every round trip's wake-up of a pool thread took the
 * event loop's core for a while; three puts a mail cost ~2.6 ms of its time. Null when it is not built.
 */
export function nativeDurableWrite(): DurableWrite | null {
  if (loaded !== undefined) return loaded;
  try {
    const addon = createRequire(import.meta.url)(join(packageRoot(), NATIVE_DURABLE_WRITE_PATH)) as {
      writeDurably: DurableWrite;
    };
    loaded = addon.writeDurably;
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The fastest implementation this process has. */
export function defaultDurableWrite(): DurableWrite {
  return nativeDurableWrite() ?? writeDurablyWithFsPromises;
}
