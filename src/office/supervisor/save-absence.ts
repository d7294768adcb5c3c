/** Abwesenheit eintragen oder ändern: checked for range, substitute and cycles; the chain is returned to show. */
import { checkAbsence } from "../../domain/absence-check.js";
import type { Absence } from "../../domain/office.js";
import { AppError } from "../../errors.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export interface AbsenceForm {
  id: number | null;
  person: string;
  from: string;
  to: string;
  substitute: string | null;
  note: string | null;
}

export async function saveAbsence(
  deps: SupervisorDeps,
  actor: Actor,
  form: AbsenceForm,
): Promise<{ ok: true; chain: string[]; finalSubstitute: string | null } | Refusal> {
  assertSupervisor(actor);
  const office = await deps.repo.loadOffice();
  const person = office.people.find((p) => p.login === form.person);
  if (person === undefined) return refuse(`Unbekannte Person: ${form.person}.`);
  if (!canManageTeam(actor, person.teamId)) {
    throw new AppError("forbidden", "Abwesenheiten nur für Personen des eigenen Teams.");
  }
  if (form.id !== null) {
    const existing = await deps.repo.getAbsence(form.id);
    if (existing === null) return refuse("Diese Abwesenheit gibt es nicht mehr.");
    const owner = office.people.find((p) => p.login === existing.login);
    if (!canManageTeam(actor, owner?.teamId ?? null)) throw new AppError("forbidden", "Nicht Ihr Team.");
  }
  const others: Absence[] = (await deps.repo.absencesExcept(form.id)).map((a) => ({
    person: a.login,
    from: a.fromDate,
    to: a.toDate,
    substitute: a.substitute,
  }));
  const input = { person: form.person, from: form.from, to: form.to, substitute: form.substitute };
  const check = checkAbsence(input, others, office.people);
  if (!check.ok) return check;
  const row = {
    id: form.id,
    login: form.person,
    fromDate: form.from,
    toDate: form.to,
    substitute: form.substitute,
    note: form.note,
  };
  await deps.repo.write(
    [deps.repo.saveAbsence(row)],
    [
      {
        actor: actor.login,
        action: form.id === null ? "absence.created" : "absence.updated",
        subjectType: "user",
        subjectId: form.person,
        data: { id: form.id, from: form.from, to: form.to, substitute: form.substitute, chain: check.chain },
      },
    ],
  );
  return { ok: true, chain: check.chain, finalSubstitute: check.finalSubstitute };
}
