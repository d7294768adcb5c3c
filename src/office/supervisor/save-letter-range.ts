/** Buchstabenbereich anlegen oder ändern; gaps and overlaps are shown by the page, not refused here. */
import { normaliseLetters } from "../../domain/letter-key.js";
import { resolveRoutingOptions } from "../../domain/routing-options.js";
import { AppError } from "../../errors.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export interface LetterRangeForm {
  id: number | null;
  teamId: string;
  from: string;
  to: string;
  assignee: string;
}

export async function saveLetterRange(
  deps: SupervisorDeps,
  actor: Actor,
  form: LetterRangeForm,
): Promise<{ ok: true } | Refusal> {
  assertSupervisor(actor);
  if (!canManageTeam(actor, form.teamId)) throw new AppError("forbidden", "Nur Bereiche des eigenen Teams.");
  if (form.id !== null) {
    const existing = await deps.repo.getLetterRange(form.id);
    if (existing === null) return refuse("Diesen Bereich gibt es nicht mehr.");
    if (!canManageTeam(actor, existing.teamId)) throw new AppError("forbidden", "Nicht Ihr Team.");
  }
  const variant = resolveRoutingOptions(deps.routingOptions).umlautVariant;
  const from = form.from.trim().toUpperCase();
  const to = form.to.trim().toUpperCase();
  const foldedFrom = normaliseLetters(from, variant);
  const foldedTo = normaliseLetters(to, variant);
  if (foldedFrom === "" || foldedTo === "") return refuse("Von und Bis brauchen Buchstaben A–Z.");
  if (foldedFrom.slice(0, foldedTo.length) > foldedTo) return refuse("„Von“ liegt hinter „Bis“.");
  const person = (await deps.repo.listPeople()).find((p) => p.login === form.assignee);
  if (person === undefined || !person.active)
    return refuse(`Unbekannte oder deaktivierte Person: ${form.assignee}.`);
  if (person.teamId !== form.teamId) return refuse(`${person.displayName} gehört nicht zu diesem Team.`);
  const row = { id: form.id, teamId: form.teamId, fromKey: from, toKey: to, assignee: form.assignee };
  await deps.repo.write(
    [deps.repo.saveLetterRange(row)],
    [
      {
        actor: actor.login,
        action: "letter-range.saved",
        subjectType: "team",
        subjectId: form.teamId,
        data: row,
      },
    ],
  );
  return { ok: true };
}
