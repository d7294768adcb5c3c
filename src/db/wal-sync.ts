/**
 * Makes WAL commits durable without blocking the event loop. SQLite runs with synchronous=NORMAL (a commit only
 * write()s its frames to the -wal file); this fsyncs that file on the libuv thread pool before a write is
 * reported done. One fsync covers every commit written before it started, so commits that arrive while one is
 * running share the next one (group fsync).
 */
import { type FileHandle, open } from "node:fs/promises";
import { dirname } from "node:path";
import { fsyncPath } from "../storage/durable-write.js";

export interface WalSync {
  /** Resolves once everything committed before the call is on disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export function createWalSync(databaseFile: string): WalSync {
  let handle: Promise<FileHandle> | null = null;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  /** SQLite keeps the -wal file (same inode) while a connection is open; it is deleted only on the last close. */
  function walHandle(): Promise<FileHandle> {
    if (!handle) {
      handle = (async () => {
        const wal = await open(`${databaseFile}-wal`, "r");
        // The -wal file's own directory entry: SQLite in NORMAL mode syncs it only at the first checkpoint.
        await fsyncPath(dirname(databaseFile));
        return wal;
      })();
      // A failed open is tried again at the next sync.
      handle.catch(() => {
        handle = null;
      });
    }
    return handle;
  }

  function sync(): Promise<void> {
    if (!running) {
      running = walHandle()
        .then((h) => h.sync())
        .finally(() => {
          running = null;
        });
      return running;
    }
    // The running fsync may have started before this caller's commit: it needs one that starts after.
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return sync();
      });
    return next;
  }

  return {
    sync,
    async close() {
      await running?.catch(() => undefined);
      await next?.catch(() => undefined);
      const h = await handle?.catch(() => null);
      await h?.close();
      handle = null;
    },
  };
}
