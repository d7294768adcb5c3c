/**
 * A query prepared on first use and kept: drizzle builds a query's SQL anew on every call, which for the
 * pipeline's per-mail reads costs more than running them (a select of every message column: ~76 µs built,
 * ~17 µs prepared, measured with better-sqlite3). Kept on better-sqlite3 (which resets a statement after
 * every run) and D1; under Bun prepared anew each call, as drizzle does unprepared. A kept bun:sqlite
 * statement is not reset after `all()`, and SQLite may then hold its read transaction open: the full suite
 * saw the office revision stay stale under Bun while another process changed it.
 */
const keepStatements = typeof (globalThis as { Bun?: unknown }).Bun === "undefined";

export function preparedOnce<T>(prepare: () => T): () => T {
  if (!keepStatements) return prepare;
  let prepared: T | undefined;
  return () => {
    prepared ??= prepare();
    return prepared;
  };
}
