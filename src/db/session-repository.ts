/** Web sessions: only the sha256 of the cookie value is stored, with the session's CSRF token. */
import { eq, lt } from "drizzle-orm";
import type { SqliteDb } from "./database.js";
import { sessions } from "./schema.js";

export type SessionRow = typeof sessions.$inferSelect;

export function createSessionRepository(db: SqliteDb) {
  return {
    async createSession(row: SessionRow): Promise<void> {
      await db.insert(sessions).values(row);
    },
    async findSession(idHash: string): Promise<SessionRow | null> {
      const rows = await db.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1);
      return rows[0] ?? null;
    },
    async touchSession(idHash: string, at: string): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
    },
    async deleteSession(idHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },
    /** Removes sessions idle since before `before` (ISO); returns nothing, it is housekeeping. */
    async deleteIdleSessions(before: string): Promise<void> {
      await db.delete(sessions).where(lt(sessions.lastSeenAt, before));
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
