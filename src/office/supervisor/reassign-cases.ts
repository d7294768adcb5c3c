/**
 * Aktenumverteilung: moves cases (listed, or all of a person's cases in a letter range) to another person from
 * an effective date; the register changes so future documents follow the new owner, the case history gets a
 * new period, and optionally the open documents of those cases move along.
 */
import type { RegisterRow } from "../../db/office-repository.js";
import { letterKey } from "../../domain/letter-key.js";
import { isInLetterRange } from "../../domain/match-letter-range.js";
import { formatIsoDateGerman } from "../../domain/office-time.js";
import { resolveRoutingOptions } from "../../domain/routing-options.js";
import { AppError } from "../../errors.js";
import type { NewEvent } from "../../ingest/ports.js";
import { reassignedEvent } from "./reassign-documents.js";
import {
  type Actor,
  cleanReason,
  type Refusal,
  refuse,
  type SupervisorDeps,
  today,
} from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export interface ReassignCasesInput {
  fromAssignee: string;
  toAssignee: string;
  caseRefs: string[];
  /** Also every case of `fromAssignee` whose surname files into this range (e.g. "A"–"K"). */
  letterRange: { from: string; to: string } | null;
  effectiveDate: string;
  takeOpenDocuments: boolean;
  reason: string;
}

export interface ReassignCasesResult {
  ok: true;
  cases: string[];
  documents: string[];
}

export async function reassignCases(
  deps: SupervisorDeps,
  actor: Actor,
  input: ReassignCasesInput,
): Promise<ReassignCasesResult | Refusal> {
  assertSupervisor(actor);
  const problem = await checkPeople(deps, actor, input);
  if (problem !== null) return refuse(problem);
  const reason = cleanReason(input.reason);
  if (reason === null) return refuse("Bitte einen Grund für die Umverteilung angeben.");
  const day = today(deps);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveDate)) return refuse("Bitte einen Stichtag angeben.");
  // The case history (case_assignments) has dated periods, but routing reads only the register's current owner
  // (case_register.assignee via loadOffice), and need-to-know, the register pages and this use case read it too.
  // A future date would need the owner chosen by the document's receivedAt in all of them, plus a deferred move
  // of the open documents; until then a move takes effect now, and the message says what to do instead.
  if (input.effectiveDate > day)
    return refuse(
      `Der Stichtag ${formatIsoDateGerman(input.effectiveDate)} liegt in der Zukunft. Eine Aktenumverteilung gilt ` +
        "sofort für alle neu eingehenden Dokumente; ein späterer Stichtag kann noch nicht vorgemerkt werden. " +
        "Bitte tragen Sie die Umverteilung am Stichtag selbst ein (oder wählen Sie heute oder ein früheres Datum).",
    );
  const selected = await selectCases(deps, input);
  if (typeof selected === "string") return refuse(selected);
  const docs = input.takeOpenDocuments
    ? await deps.repo.openDocumentsOfCases(
        selected.map((c) => c.caseRef),
        selected.flatMap((c) => (c.customerNo ? [c.customerNo] : [])),
        input.fromAssignee,
      )
    : [];
  const at = deps.repo.now().toISOString();
  const closeOn = previousDay(input.effectiveDate);
  const statements = selected.flatMap((c) => [
    deps.repo.upsertRegister({ ...c, assignee: input.toAssignee }, at),
    ...deps.repo.handOverCase(
      {
        caseRef: c.caseRef,
        assignee: input.toAssignee,
        fromDate: input.effectiveDate,
        closeOn,
        changedBy: actor.login,
        reason,
      },
      at,
    ),
  ]);
  const label = `${input.toAssignee} (Aktenumverteilung ab ${formatIsoDateGerman(input.effectiveDate)})`;
  const moves = docs.map((d) => ({
    id: d.id,
    assignee: input.toAssignee,
    queue: input.toAssignee,
    teamId: d.teamId,
    routeReason: `Akte ${d.caseRef ?? d.customerNo ?? ""} von ${input.fromAssignee} an ${label} übergeben: ${reason}`,
    routeReasonEn: `Case moved from ${input.fromAssignee} to ${input.toAssignee} from ${input.effectiveDate}: ${reason}`,
  }));
  const events: NewEvent[] = [
    ...selected.map((c) =>
      caseEvent(
        actor.login,
        c,
        input,
        reason,
        docs.filter((d) => sameCase(d, c)).map((d) => d.id),
      ),
    ),
    ...docs.map((d, i) => reassignedEvent(actor.login, d, moves[i]!, reason)),
  ];
  await deps.repo.write([...statements, ...moves.map((m) => deps.repo.moveDocument(m, at))], events);
  return { ok: true, cases: selected.map((c) => c.caseRef), documents: docs.map((d) => d.id) };
}

async function checkPeople(
  deps: SupervisorDeps,
  actor: Actor,
  input: ReassignCasesInput,
): Promise<string | null> {
  const people = await deps.repo.listPeople();
  const from = people.find((p) => p.login === input.fromAssignee);
  const to = people.find((p) => p.login === input.toAssignee);
  if (from === undefined) return `Unbekannte Person: ${input.fromAssignee}.`;
  if (to === undefined || !to.active) return `Unbekannte oder deaktivierte Person: ${input.toAssignee}.`;
  if (from.login === to.login) return "Bisherige und neue Sachbearbeitung sind dieselbe Person.";
  if (!canManageTeam(actor, from.teamId) || !canManageTeam(actor, to.teamId)) {
    throw new AppError("forbidden", "Akten können nur innerhalb des eigenen Teams umverteilt werden.");
  }
  return null;
}

async function selectCases(deps: SupervisorDeps, input: ReassignCasesInput): Promise<RegisterRow[] | string> {
  const refs = [...new Set(input.caseRefs.map((r) => r.trim()).filter((r) => r.length > 0))];
  const listed = await deps.repo.registerEntries(refs);
  const missing = refs.filter((r) => !listed.some((e) => e.caseRef === r));
  if (missing.length > 0) return `Nicht im Aktenregister: ${missing.join(", ")}.`;
  const foreign = listed.filter((e) => e.assignee !== input.fromAssignee);
  if (foreign.length > 0)
    return `Nicht bei ${input.fromAssignee}: ${foreign.map((e) => e.caseRef).join(", ")}.`;
  const byRange =
    input.letterRange === null ? [] : await casesInRange(deps, input.fromAssignee, input.letterRange);
  const all = [...listed, ...byRange.filter((e) => !refs.includes(e.caseRef))];
  return all.length === 0 ? "Keine passenden Akten gefunden." : all;
}

async function casesInRange(
  deps: SupervisorDeps,
  assignee: string,
  range: { from: string; to: string },
): Promise<RegisterRow[]> {
  const options = resolveRoutingOptions(deps.routingOptions);
  const asRange = { teamId: "", from: range.from, to: range.to, assignee };
  const own = await deps.repo.registerOf(assignee);
  return own.filter(
    (e) =>
      e.surname !== null && isInLetterRange(letterKey(e.surname, options), asRange, options.umlautVariant),
  );
}

function sameCase(doc: { caseRef: string | null; customerNo: string | null }, c: RegisterRow): boolean {
  return doc.caseRef === c.caseRef || (c.customerNo !== null && doc.customerNo === c.customerNo);
}

function caseEvent(
  actor: string,
  c: RegisterRow,
  input: ReassignCasesInput,
  reason: string,
  documents: string[],
): NewEvent {
  return {
    actor,
    action: "case.reassigned",
    subjectType: "case",
    subjectId: c.caseRef,
    data: { from: c.assignee, to: input.toAssignee, effectiveDate: input.effectiveDate, reason, documents },
  };
}

function previousDay(isoDay: string): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
