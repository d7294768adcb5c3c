/** API-Token erzeugen: shown once, stored only as sha256 (src/web/token-hash.ts). */
import { generateToken, hashToken } from "../../web/token-hash.js";
import type { Actor, Refusal } from "../supervisor/supervisor-deps.js";
import { refuse } from "../supervisor/supervisor-deps.js";
import { assertAdmin } from "../supervisor/team-access.js";
import type { AdminDeps } from "./admin-deps.js";

export async function createApiToken(
  deps: AdminDeps,
  actor: Actor,
  form: { login: string; label: string | null },
): Promise<{ ok: true; id: string; token: string } | Refusal> {
  assertAdmin(actor);
  const user = await deps.repo.findUser(form.login);
  if (user === null || !user.active) return refuse(`Unbekannte oder deaktivierte Kennung ${form.login}.`);
  const token = generateToken();
  const id = deps.newId();
  const label = form.label?.trim().slice(0, 80) || null;
  await deps.repo.write(
    [
      deps.repo.insertToken({
        id,
        login: form.login,
        tokenHash: hashToken(token),
        label,
        createdAt: deps.repo.now().toISOString(),
      }),
    ],
    [
      {
        actor: actor.login,
        action: "token.created",
        subjectType: "user",
        subjectId: form.login,
        data: { id, label },
      },
    ],
  );
  return { ok: true, id, token };
}
