/** Local users with scrypt password hashes (`postkorb user add`). */
import type { UserRow } from "../../db/user-repository.js";
import type { Authenticator, AuthResult } from "./authenticator.js";
import { hashPassword, verifyPassword } from "./scrypt-password.js";
import type { SessionUser } from "./session-user.js";

export interface LocalUserLookup {
  findUser(login: string): Promise<UserRow | null>;
}

function toSessionUser(row: UserRow): SessionUser {
  return { login: row.login, role: row.role, teamId: row.teamId, displayName: row.displayName };
}

export function createLocalAuthenticator(users: LocalUserLookup): Authenticator {
  // Unknown logins still cost one scrypt run, so response time does not reveal which logins exist.
  const dummyHash = hashPassword("postkorb-timing-equaliser");
  return {
    async authenticate(login, password): Promise<AuthResult> {
      const row = await users.findUser(login);
      if (!row?.passwordHash) {
        await verifyPassword(password, await dummyHash);
        return { ok: false, reason: row ? "no-password" : "unknown-user" };
      }
      const matches = await verifyPassword(password, row.passwordHash);
      if (!matches) return { ok: false, reason: "wrong-password" };
      if (!row.active) return { ok: false, reason: "inactive" };
      return { ok: true, user: toSessionUser(row) };
    },
    async findUser(login) {
      const row = await users.findUser(login);
      return row?.active ? toSessionUser(row) : null;
    },
  };
}
