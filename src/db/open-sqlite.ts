/** Opens the embedded SQLite database (better-sqlite3): WAL, busy timeout, migrations applied. */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Database, SqliteDb, Statement } from "./database.js";
import * as schema from "./schema.js";

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export function openSqlite(file: string, options: { migrate?: boolean } = {}): Database {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit is on disk before we acknowledge a mail (250, IMAP move); NORMAL could lose it on power loss.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema });
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
