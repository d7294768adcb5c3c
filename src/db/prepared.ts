/**
 * A query prepared on first use and kept: drizzle builds a query's SQL anew on every call, which for the
 * pipeline's per-mail reads costs more than running them (a select of every message column: ~76 µs built,
 * ~17 µs prepared, measured with better-sqlite3). Works alike on better-sqlite3, bun:sqlite and D1.
 */
export function preparedOnce<T>(prepare: () => T): () => T {
  let prepared: T | undefined;
  return () => {
    prepared ??= prepare();
    return prepared;
  };
}
