/** Vertretung entry checks: a valid date range, a substitute who exists, no cycle; the resulting chain shown. */

import type { Absence, Person } from "./office.js";
import { resolveSubstitute } from "./substitute-chain.js";

export interface AbsenceInput {
  person: string;
  from: string;
  to: string;
  substitute: string | null;
}

export type AbsenceCheck =
  | { ok: true; absence: Absence; chain: string[]; finalSubstitute: string | null }
  | { ok: false; reason: string };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The day after an ISO date (absences are inclusive, so a chain may change on to + 1). */
export function nextDay(isoDay: string): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The chain can only change where some absence starts or ends, so checking the new range's first day and
 * every boundary inside it finds every cycle without walking each day.
 */
function criticalDays(input: AbsenceInput, others: readonly Absence[]): string[] {
  const days = new Set([input.from]);
  for (const a of others) {
    for (const day of [a.from.slice(0, 10), nextDay(a.to.slice(0, 10))]) {
      if (input.from <= day && day <= input.to) days.add(day);
    }
  }
  return [...days].sort();
}

function checkFields(input: AbsenceInput, people: readonly Person[]): string | null {
  if (!isRealDate(input.from) || !isRealDate(input.to)) return "Bitte Datum als TT.MM.JJJJ angeben.";
  if (input.from > input.to) return "Das Ende der Abwesenheit liegt vor ihrem Beginn.";
  const person = people.find((p) => p.login === input.person);
  if (person === undefined) return `Unbekannte Person: ${input.person}.`;
  if (input.substitute === null) return null;
  if (input.substitute === input.person) return "Niemand kann sich selbst vertreten.";
  const substitute = people.find((p) => p.login === input.substitute);
  if (substitute === undefined) return `Unbekannte Vertretung: ${input.substitute}.`;
  if (!substitute.active) return `${substitute.displayName} ist deaktiviert und kann nicht vertreten.`;
  return null;
}

/**
 * Checks a new or edited absence against the others (`others` must not contain the edited one). Refuses a
 * range in which the substitute chain would lead back to a person already in it.
 */
export function checkAbsence(
  input: AbsenceInput,
  others: readonly Absence[],
  people: readonly Person[],
): AbsenceCheck {
  const problem = checkFields(input, people);
  if (problem !== null) return { ok: false, reason: problem };
  const absence: Absence = { ...input };
  const all = [...others, absence];
  for (const day of criticalDays(input, others)) {
    const resolution = resolveSubstitute(input.person, all, day);
    if (resolution.problem === "cycle") {
      const shown = resolution.chain.join(" → ");
      return {
        ok: false,
        reason: `Vertretungskreis am ${germanDate(day)}: ${shown}. Bitte andere Vertretung wählen.`,
      };
    }
  }
  const first = resolveSubstitute(input.person, all, input.from);
  return { ok: true, absence, chain: first.chain, finalSubstitute: first.login };
}

function germanDate(isoDay: string): string {
  const [y, m, d] = isoDay.split("-");
  return `${d}.${m}.${y}`;
}
