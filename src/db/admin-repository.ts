/** The administration's repository: users, teams, API tokens and scan terminals (reads + change statements). */
import { asc, eq } from "drizzle-orm";
import type { NewEvent } from "../ingest/ports.js";
import type { Database, Statement } from "./database.js";
import { createEventWriter } from "./event-log.js";
import { apiTokens, sessions, teams, terminals, users } from "./schema.js";

export type TeamRow = typeof teams.$inferSelect;
export type TerminalRow = typeof terminals.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type AdminUserRow = typeof users.$inferSelect;

export function createAdminRepository(database: Database, clock: () => Date) {
  const { db } = database;
  const writeWithEvents = createEventWriter(database, clock);
  return {
    write: (statements: Statement[], events: NewEvent[]) => writeWithEvents(statements, events),
    now: clock,

    listUsers: () => db.select().from(users).orderBy(asc(users.login)),
    async findUser(login: string): Promise<AdminUserRow | null> {
      return (await db.select().from(users).where(eq(users.login, login)).limit(1))[0] ?? null;
    },
    insertUser: (row: typeof users.$inferInsert): Statement => db.insert(users).values(row),
    updateUser: (login: string, set: Partial<typeof users.$inferInsert>): Statement =>
      db.update(users).set(set).where(eq(users.login, login)),
    /** Ends every session of a person (deactivated, role changed, new password). */
    endSessions: (login: string): Statement => db.delete(sessions).where(eq(sessions.login, login)),

    listTeams: () => db.select().from(teams).orderBy(asc(teams.name)),
    saveTeam: (row: TeamRow): Statement =>
      db
        .insert(teams)
        .values(row)
        .onConflictDoUpdate({ target: teams.id, set: { name: row.name, queueMode: row.queueMode } }),

    listTokens: () => db.select().from(apiTokens).orderBy(asc(apiTokens.login), asc(apiTokens.createdAt)),
    async findToken(id: string): Promise<ApiTokenRow | null> {
      return (await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1))[0] ?? null;
    },
    insertToken: (row: typeof apiTokens.$inferInsert): Statement => db.insert(apiTokens).values(row),
    revokeToken: (id: string, at: string): Statement =>
      db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id)),

    listTerminals: () => db.select().from(terminals).orderBy(asc(terminals.name)),
    async findTerminal(id: string): Promise<TerminalRow | null> {
      return (await db.select().from(terminals).where(eq(terminals.id, id)).limit(1))[0] ?? null;
    },
    saveTerminal: (row: Omit<TerminalRow, "lastSeenAt">): Statement =>
      db
        .insert(terminals)
        .values(row)
        .onConflictDoUpdate({
          target: terminals.id,
          set: { name: row.name, sender: row.sender, openingHours: row.openingHours },
        }),
    deleteTerminal: (id: string): Statement => db.delete(terminals).where(eq(terminals.id, id)),
  };
}

export type AdminRepository = ReturnType<typeof createAdminRepository>;
