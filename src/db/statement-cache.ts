/**
 * Keeps better-sqlite3 statements prepared. drizzle prepares every query anew (SQL text → bytecode), which
 * costs more than running the small queries of the pipeline; the same SQL text yields the same statement here.
 */
import type BetterSqlite3 from "better-sqlite3";

const MAX_STATEMENTS = 500;

export function cachePreparedStatements(sqlite: BetterSqlite3.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, BetterSqlite3.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) {
      // drizzle switches a statement to raw rows for some calls and expects objects for others.
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    if (cache.size < MAX_STATEMENTS) cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}
