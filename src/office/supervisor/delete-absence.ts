/** Abwesenheit löschen (e.g. a holiday cancelled). */
import { AppError } from "../../errors.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export async function deleteAbsence(
  deps: SupervisorDeps,
  actor: Actor,
  id: number,
): Promise<{ ok: true } | Refusal> {
  assertSupervisor(actor);
  const existing = await deps.repo.getAbsence(id);
  if (existing === null) return refuse("Diese Abwesenheit gibt es nicht mehr.");
  const people = await deps.repo.listPeople();
  const owner = people.find((p) => p.login === existing.login);
  if (!canManageTeam(actor, owner?.teamId ?? null)) throw new AppError("forbidden", "Nicht Ihr Team.");
  await deps.repo.write(
    [deps.repo.deleteAbsence(id)],
    [
      {
        actor: actor.login,
        action: "absence.deleted",
        subjectType: "user",
        subjectId: existing.login,
        data: { id, from: existing.fromDate, to: existing.toDate, substitute: existing.substitute },
      },
    ],
  );
  return { ok: true };
}
