/** Capacity-aware team queue: the present caseworker of a team with the fewest open documents. */

import type { OfficeSnapshot, Team } from "./office.js";
import { isAbsentOn } from "./substitute-chain.js";

export interface FewestOpenPick {
  login: string;
  open: number;
}

/** Present = active caseworker of `team`, not absent on `date`. Ties go to the alphabetically first login. */
export function pickFewestOpen(team: Team, office: OfficeSnapshot, date: string): FewestOpenPick | null {
  const candidates = office.people
    .filter((p) => p.teamId === team.id && p.active && p.role === "caseworker")
    .filter((p) => !isAbsentOn(p.login, office.absences, date))
    .map((p) => ({ login: p.login, open: office.openCounts[p.login] ?? 0 }));
  candidates.sort((a, b) => a.open - b.open || (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
  return candidates[0] ?? null;
}
