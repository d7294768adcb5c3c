/** Opens the embedded SQLite database (better-sqlite3): WAL, busy timeout, migrations applied. */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { packageRoot } from "../package-root.js";
import type { Database, SqliteDb, Statement } from "./database.js";
import * as schema from "./schema.js";
import { cachePreparedStatements } from "./statement-cache.js";
import { createWalSync } from "./wal-sync.js";

export const MIGRATIONS_DIR = join(packageRoot(), "drizzle");

export function openSqlite(file: string, options: { migrate?: boolean } = {}): Database {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  const wal = sqlite.pragma("journal_mode = WAL", { simple: true }) === "wal";
  sqlite.pragma("busy_timeout = 5000");
  // A commit is on disk before we acknowledge a mail (250, IMAP move). In WAL mode the fsync runs off the event
  // loop (walSync) after each atomic write; without WAL, SQLite syncs itself (FULL).
  sqlite.pragma(wal ? "synchronous = NORMAL" : "synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  cachePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  const walSync = wal ? createWalSync(file) : null;
  return {
    db: db as unknown as SqliteDb,
    atomic: async (statements: Statement[]) => {
      sqlite
        .transaction(() => {
          for (const s of statements) (s as unknown as { run(): unknown }).run();
        })
        .immediate();
      await walSync?.sync();
    },
    close: () => {
      sqlite.close();
      void walSync?.close();
    },
  };
}
