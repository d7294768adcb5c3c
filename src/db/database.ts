/** The database handle every repository takes: a drizzle SQLite database plus an atomic-batch runner. */
import type { BatchItem } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.js";

export type SqliteDb = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

export type Statement = BatchItem<"sqlite">;

/**
 * Runs statements all-or-nothing. better-sqlite3 / bun:sqlite: one IMMEDIATE transaction; D1: db.batch().
 * Statements are built up front because D1 cannot read inside a transaction.
 */
export type AtomicRunner = (statements: Statement[]) => Promise<void>;

export interface Database {
  db: SqliteDb;
  atomic: AtomicRunner;
  close(): void;
}

export function isUniqueViolation(err: unknown, index?: string): boolean {
  const text = collectMessages(err);
  return /UNIQUE constraint failed/i.test(text) && (index === undefined || text.includes(index));
}

function collectMessages(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" | ");
}
