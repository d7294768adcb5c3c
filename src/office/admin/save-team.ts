/** Team anlegen oder umbenennen; the queue mode decides how the team queue is handed out. */
import type { Actor, Refusal } from "../supervisor/supervisor-deps.js";
import { refuse } from "../supervisor/supervisor-deps.js";
import { assertAdmin } from "../supervisor/team-access.js";
import type { AdminDeps } from "./admin-deps.js";

export async function saveTeam(
  deps: AdminDeps,
  actor: Actor,
  form: { id: string; name: string; queueMode: "shared" | "fewest-open" },
): Promise<{ ok: true } | Refusal> {
  assertAdmin(actor);
  if (!/^[a-z0-9-]{2,40}$/.test(form.id))
    return refuse("Team-Kürzel: 2–40 Kleinbuchstaben, Ziffern oder Bindestrich.");
  const name = form.name.trim();
  if (name === "") return refuse("Bitte einen Teamnamen angeben.");
  if (form.queueMode !== "shared" && form.queueMode !== "fewest-open")
    return refuse("Unbekannte Verteilungsart.");
  const existed = (await deps.repo.listTeams()).some((t) => t.id === form.id);
  await deps.repo.write(
    [deps.repo.saveTeam({ id: form.id, name, queueMode: form.queueMode })],
    [
      {
        actor: actor.login,
        action: existed ? "team.updated" : "team.created",
        subjectType: "team",
        subjectId: form.id,
        data: { name, queueMode: form.queueMode },
      },
    ],
  );
  return { ok: true };
}
