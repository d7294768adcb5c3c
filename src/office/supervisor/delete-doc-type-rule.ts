/** Regel Dokumentart → Team löschen: documents of that type then go to triage unless a register hit decides. */
import { AppError } from "../../errors.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export async function deleteDocTypeRule(
  deps: SupervisorDeps,
  actor: Actor,
  docType: string,
): Promise<{ ok: true } | Refusal> {
  assertSupervisor(actor);
  const current = (await deps.repo.listRules()).find((r) => r.docType === docType);
  if (current === undefined) return refuse("Diese Regel gibt es nicht mehr.");
  if (!canManageTeam(actor, current.teamId))
    throw new AppError("forbidden", "Regeln nur für das eigene Team.");
  await deps.repo.write(
    [deps.repo.deleteRule(docType)],
    [
      {
        actor: actor.login,
        action: "doc-type-rule.deleted",
        subjectType: "doc-type",
        subjectId: docType,
        data: { teamId: current.teamId },
      },
    ],
  );
  return { ok: true };
}
