/** Passwort setzen (scrypt); all sessions of that person end, so an old session cannot outlive a reset. */
import type { Actor, Refusal } from "../supervisor/supervisor-deps.js";
import { refuse } from "../supervisor/supervisor-deps.js";
import { assertAdmin } from "../supervisor/team-access.js";
import { type AdminDeps, MIN_PASSWORD_LENGTH } from "./admin-deps.js";

export async function setUserPassword(
  deps: AdminDeps,
  actor: Actor,
  login: string,
  password: string,
): Promise<{ ok: true } | Refusal> {
  assertAdmin(actor);
  if ((await deps.repo.findUser(login)) === null) return refuse(`Unbekannte Kennung ${login}.`);
  if (password.length < MIN_PASSWORD_LENGTH)
    return refuse(`Das Passwort braucht mindestens ${MIN_PASSWORD_LENGTH} Zeichen.`);
  const passwordHash = await deps.hashPassword(password);
  await deps.repo.write(
    [deps.repo.updateUser(login, { passwordHash }), deps.repo.endSessions(login)],
    [{ actor: actor.login, action: "user.password-set", subjectType: "user", subjectId: login, data: {} }],
  );
  return { ok: true };
}
