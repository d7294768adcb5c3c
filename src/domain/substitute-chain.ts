/** Vertretung: who stands in for an absent person on a given day, following substitutes of substitutes. */

import type { Absence } from "./office.js";

export type SubstituteProblem = "cycle" | "no-substitute";

export interface SubstituteResolution {
  /** The person who takes the document, or null when the chain fails. */
  login: string | null;
  /** Logins followed, starting with the original person; [] when the original person is present. */
  chain: string[];
  problem: SubstituteProblem | null;
}

/** Absences are inclusive ISO date ranges; ISO dates compare correctly as strings. */
export function coversDate(absence: Absence, date: string): boolean {
  return absence.from.slice(0, 10) <= date && date <= absence.to.slice(0, 10);
}

/** The absence of `login` on `date`; one that names a substitute wins over one that does not. */
export function findAbsence(login: string, absences: readonly Absence[], date: string): Absence | null {
  const current = absences.filter((a) => a.person === login && coversDate(a, date));
  return current.find((a) => substituteOf(a) !== null) ?? current[0] ?? null;
}

export function isAbsentOn(login: string, absences: readonly Absence[], date: string): boolean {
  return findAbsence(login, absences, date) !== null;
}

function substituteOf(absence: Absence): string | null {
  const login = absence.substitute?.trim() ?? "";
  return login.length > 0 ? login : null;
}

/**
 * Follows the substitute chain from `login`. `isUnavailable` marks people who count as absent without a
 * substitute whatever the absences say (inactive or unknown logins).
 */
export function resolveSubstitute(
  login: string,
  absences: readonly Absence[],
  date: string,
  isUnavailable: (login: string) => boolean = () => false,
): SubstituteResolution {
  const chain: string[] = [];
  let current = login;
  for (;;) {
    const unavailable = isUnavailable(current);
    const absence = unavailable ? null : findAbsence(current, absences, date);
    if (!unavailable && absence === null) {
      return { login: current, chain: chain.length === 0 ? [] : [...chain, current], problem: null };
    }
    chain.push(current);
    const next = absence === null ? null : substituteOf(absence);
    if (next === null) return { login: null, chain, problem: "no-substitute" };
    if (chain.includes(next)) return { login: null, chain: [...chain, next], problem: "cycle" };
    current = next;
  }
}
