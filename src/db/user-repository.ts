/** Users and API tokens (tokens are stored as sha256 hashes, never in clear). */
import { and, eq, isNull } from "drizzle-orm";
import type { Role } from "../domain/office.js";
import type { SqliteDb } from "./database.js";
import { apiTokens, users } from "./schema.js";

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  login: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  email?: string | null;
  passwordHash?: string | null;
}

export function createUserRepository(db: SqliteDb, clock: () => Date = () => new Date()) {
  return {
    async upsertUser(u: NewUser): Promise<void> {
      const values = {
        login: u.login,
        displayName: u.displayName,
        role: u.role,
        teamId: u.teamId,
        email: u.email ?? null,
        passwordHash: u.passwordHash ?? null,
        createdAt: clock().toISOString(),
      };
      const { createdAt: _keep, ...update } = values;
      if (u.passwordHash === undefined) delete (update as Partial<typeof update>).passwordHash;
      await db.insert(users).values(values).onConflictDoUpdate({ target: users.login, set: update });
    },
    async findUser(login: string): Promise<UserRow | null> {
      const rows = await db.select().from(users).where(eq(users.login, login)).limit(1);
      return rows[0] ?? null;
    },
    async listUsers(): Promise<UserRow[]> {
      return db.select().from(users).orderBy(users.login);
    },
    async addApiToken(t: {
      id: string;
      login: string;
      tokenHash: string;
      label: string | null;
    }): Promise<void> {
      await db.insert(apiTokens).values({ ...t, createdAt: clock().toISOString() });
    },
    async findUserByTokenHash(tokenHash: string): Promise<UserRow | null> {
      const rows = await db
        .select({ user: users })
        .from(apiTokens)
        .innerJoin(users, eq(users.login, apiTokens.login))
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.active, true)))
        .limit(1);
      return rows[0]?.user ?? null;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
