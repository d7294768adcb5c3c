/** Opens the embedded SQLite database under Bun (bun:sqlite): same file, pragmas and migrations as on Node. */
/// <reference types="bun-types" />
import { Database as BunSqlite } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import { packageRoot } from "../package-root.js";
import type { Database, SqliteDb, Statement } from "./database.js";
import * as schema from "./schema.js";

// The same drizzle/ folder and __drizzle_migrations table as open-sqlite.ts, so a data directory moves
// between Node and Bun unchanged (not imported from there: that module loads better-sqlite3).
const MIGRATIONS_DIR = join(packageRoot(), "drizzle");

export function openBunSqlite(file: string, options: { migrate?: boolean } = {}): Database {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BunSqlite(file, { create: true });
  sqlite.exec("PRAGMA journal_mode = WAL");
  sqlite.exec("PRAGMA busy_timeout = 5000");
  // FULL: a commit is on disk before a mail is acknowledged (250, IMAP move). Node gets the same with NORMAL plus
  // an fsync of the WAL off the event loop (src/db/wal-sync.ts).
  sqlite.exec("PRAGMA synchronous = FULL");
  sqlite.exec("PRAGMA foreign_keys = ON");
  const db = drizzle({ client: sqlite, schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return {
    db: db as unknown as SqliteDb,
    atomic: async (statements: Statement[]) => {
      sqlite
        .transaction(() => {
          for (const s of statements) (s as unknown as { run(): unknown }).run();
        })
        .immediate();
    },
    close: () => sqlite.close(),
  };
}
