/** Aktenregister: one case added or edited by hand; a new assignee opens a new period in the case history. */
import { AppError } from "../../errors.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps, today } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export interface RegisterForm {
  caseRef: string;
  customerNo: string | null;
  surname: string | null;
  assignee: string;
}

export async function saveRegisterEntry(
  deps: SupervisorDeps,
  actor: Actor,
  form: RegisterForm,
): Promise<{ ok: true } | Refusal> {
  assertSupervisor(actor);
  const caseRef = form.caseRef.trim();
  if (caseRef === "" || caseRef.length > 60)
    return refuse("Bitte ein Aktenzeichen (höchstens 60 Zeichen) angeben.");
  const people = await deps.repo.listPeople();
  const person = people.find((p) => p.login === form.assignee);
  if (person === undefined || !person.active)
    return refuse(`Unbekannte oder deaktivierte Person: ${form.assignee}.`);
  const [before] = await deps.repo.registerEntries([caseRef]);
  const previousTeam = before ? (people.find((p) => p.login === before.assignee)?.teamId ?? null) : null;
  if (!canManageTeam(actor, person.teamId) || (before !== undefined && !canManageTeam(actor, previousTeam))) {
    throw new AppError("forbidden", "Akten nur für das eigene Team.");
  }
  const at = deps.repo.now().toISOString();
  const entry = { caseRef, customerNo: form.customerNo, surname: form.surname, assignee: form.assignee };
  const day = today(deps);
  const handOver =
    before?.assignee === form.assignee
      ? []
      : deps.repo.handOverCase(
          {
            caseRef,
            assignee: form.assignee,
            fromDate: day,
            closeOn: day,
            changedBy: actor.login,
            reason: "Aktenregister bearbeitet",
          },
          at,
        );
  await deps.repo.write(
    [deps.repo.upsertRegister(entry, at), ...handOver],
    [
      {
        actor: actor.login,
        action: before === undefined ? "case.registered" : "case.updated",
        subjectType: "case",
        subjectId: caseRef,
        data: { ...entry, previousAssignee: before?.assignee ?? null },
      },
    ],
  );
  return { ok: true };
}
