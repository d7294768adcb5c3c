/** Failed logins in the database (login_failures), so every process and every Worker isolate counts the same ones. */
import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { LoginFailureLog } from "../web/auth/login-throttle.js";
import type { SqliteDb } from "./database.js";
import { loginFailures } from "./schema.js";

export function createLoginFailureRepository(db: SqliteDb): LoginFailureLog {
  return {
    async failuresSince(keys, sinceMs) {
      const rows = await db
        .select({ key: loginFailures.key, atMs: loginFailures.atMs })
        .from(loginFailures)
        .where(and(inArray(loginFailures.key, keys), gt(loginFailures.atMs, sinceMs)))
        .orderBy(asc(loginFailures.atMs));
      const byKey = new Map<string, number[]>();
      for (const row of rows) {
        const times = byKey.get(row.key);
        if (times) times.push(row.atMs);
        else byKey.set(row.key, [row.atMs]);
      }
      return byKey;
    },
    async record(keys, atMs) {
      await db.insert(loginFailures).values(keys.map((key) => ({ key, atMs })));
    },
    async clear(key) {
      await db.delete(loginFailures).where(eq(loginFailures.key, key));
    },
    async prune(beforeMs) {
      await db.delete(loginFailures).where(lte(loginFailures.atMs, beforeMs));
    },
  };
}
