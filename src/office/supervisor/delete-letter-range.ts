/** Buchstabenbereich löschen. */
import { AppError } from "../../errors.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export async function deleteLetterRange(
  deps: SupervisorDeps,
  actor: Actor,
  id: number,
): Promise<{ ok: true } | Refusal> {
  assertSupervisor(actor);
  const existing = await deps.repo.getLetterRange(id);
  if (existing === null) return refuse("Diesen Bereich gibt es nicht mehr.");
  if (!canManageTeam(actor, existing.teamId)) throw new AppError("forbidden", "Nicht Ihr Team.");
  await deps.repo.write(
    [deps.repo.deleteLetterRange(id)],
    [
      {
        actor: actor.login,
        action: "letter-range.deleted",
        subjectType: "team",
        subjectId: existing.teamId,
        data: existing,
      },
    ],
  );
  return { ok: true };
}
