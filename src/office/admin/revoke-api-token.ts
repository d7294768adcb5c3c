/** API-Token widerrufen: kept for the audit trail, refused from then on. */
import type { Actor, Refusal } from "../supervisor/supervisor-deps.js";
import { refuse } from "../supervisor/supervisor-deps.js";
import { assertAdmin } from "../supervisor/team-access.js";
import type { AdminDeps } from "./admin-deps.js";

export async function revokeApiToken(
  deps: AdminDeps,
  actor: Actor,
  id: string,
): Promise<{ ok: true } | Refusal> {
  assertAdmin(actor);
  const token = await deps.repo.findToken(id);
  if (token === null) return refuse("Dieses Token gibt es nicht.");
  if (token.revokedAt !== null) return refuse("Dieses Token ist bereits widerrufen.");
  await deps.repo.write(
    [deps.repo.revokeToken(id, deps.repo.now().toISOString())],
    [
      {
        actor: actor.login,
        action: "token.revoked",
        subjectType: "user",
        subjectId: token.login,
        data: { id },
      },
    ],
  );
  return { ok: true };
}
