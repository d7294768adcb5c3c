/** Pluggable login: local passwords today, OIDC (e.g. Keycloak) later behind the same interface. */
import type { SessionUser } from "./session-user.js";

export type AuthResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "unknown-user" | "wrong-password" | "inactive" | "no-password" };

export interface Authenticator {
  authenticate(login: string, password: string): Promise<AuthResult>;
  /** Reloads a user for an existing session; null when the user is gone or deactivated. */
  findUser(login: string): Promise<SessionUser | null>;
}
