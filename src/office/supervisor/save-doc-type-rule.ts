/** Dokumentart → Team. A supervisor may claim or release types for their own team only. */
import { AppError } from "../../errors.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export async function saveDocTypeRule(
  deps: SupervisorDeps,
  actor: Actor,
  form: { docType: string; teamId: string },
): Promise<{ ok: true } | Refusal> {
  assertSupervisor(actor);
  const docType = form.docType.trim();
  if (docType === "" || docType.length > 80)
    return refuse("Bitte eine Dokumentart (höchstens 80 Zeichen) angeben.");
  const teams = await deps.repo.listTeams();
  if (!teams.some((t) => t.id === form.teamId)) return refuse(`Unbekanntes Team: ${form.teamId}.`);
  const rules = await deps.repo.listRules();
  const current = rules.find((r) => r.docType.toLowerCase() === docType.toLowerCase());
  if (
    !canManageTeam(actor, form.teamId) ||
    (current !== undefined && !canManageTeam(actor, current.teamId))
  ) {
    throw new AppError("forbidden", "Regeln nur für das eigene Team.");
  }
  const key = current?.docType ?? docType;
  await deps.repo.write(
    [deps.repo.saveRule(key, form.teamId)],
    [
      {
        actor: actor.login,
        action: "doc-type-rule.saved",
        subjectType: "doc-type",
        subjectId: key,
        data: { teamId: form.teamId, previousTeamId: current?.teamId ?? null },
      },
    ],
  );
  return { ok: true };
}
