/** The Database handle over Cloudflare D1 (drizzle's d1 driver); atomic steps run as one D1 batch. */
import { drizzle } from "drizzle-orm/d1";
import type { Database, SqliteDb, Statement } from "./database.js";
import * as schema from "./schema.js";

/** The D1 binding as drizzle takes it; typed loosely so no Workers type package is needed to compile. */
export type D1Binding = Parameters<typeof drizzle>[0];

export function openD1(binding: D1Binding): Database {
  const db = drizzle(binding, { schema });
  return {
    db: db as unknown as SqliteDb,
    // D1 has no interactive transactions; a batch is applied as one implicit transaction (all or nothing).
    atomic: async (statements: Statement[]) => {
      const [first, ...rest] = statements;
      if (first) await db.batch([first, ...rest]);
    },
    // The binding belongs to the runtime; there is nothing to close.
    close: () => {},
  };
}
