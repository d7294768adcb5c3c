/** What the administration use cases get: the repository, a password hasher and an id source. */
import type { AdminRepository } from "../../db/admin-repository.js";

export interface AdminDeps {
  repo: AdminRepository;
  /** scrypt on Node (src/web/auth/scrypt-password.ts); injected so this layer stays runtime-neutral. */
  hashPassword(password: string): Promise<string>;
  newId(): string;
}

export const LOGIN_PATTERN = /^[a-z0-9._-]{2,40}$/;
export const MIN_PASSWORD_LENGTH = 10;
