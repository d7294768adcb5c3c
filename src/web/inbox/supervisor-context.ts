/** Builds the supervisor and admin use-case deps from the page deps, once per app. */
import { createAdminRepository } from "../../db/admin-repository.js";
import { createAuditQueries } from "../../db/audit-queries.js";
import { createOfficeRepository } from "../../db/office-repository.js";
import { createTeamOverviewQueries, type TeamOverviewQueries } from "../../db/team-overview-queries.js";
import { ledTeams } from "../../domain/permissions.js";
import { newId } from "../../ingest/new-id.js";
import type { AdminDeps } from "../../office/admin/admin-deps.js";
import type { Actor, SupervisorDeps } from "../../office/supervisor/supervisor-deps.js";
import { type SessionUser, toViewer } from "../auth/session-user.js";
import type { PageDeps } from "./inbox-deps.js";

export interface SupervisorPageDeps {
  office: SupervisorDeps;
  overview: TeamOverviewQueries;
  audit: ReturnType<typeof createAuditQueries>;
  timeZone: string;
  now(): Date;
}

export function buildSupervisorPageDeps(deps: PageDeps): SupervisorPageDeps {
  const { database, clock, settings } = deps.inbox;
  const now = () => clock.now();
  return {
    office: {
      repo: createOfficeRepository(database, now),
      timeZone: deps.timeZone,
      routingOptions: settings.routingOptions,
    },
    overview: createTeamOverviewQueries(database.db),
    audit: createAuditQueries(database.db),
    timeZone: deps.timeZone,
    now,
  };
}

export function buildAdminDeps(
  deps: PageDeps,
  hashPassword: (password: string) => Promise<string>,
): AdminDeps {
  const { database, clock } = deps.inbox;
  return {
    repo: createAdminRepository(database, () => clock.now()),
    hashPassword,
    newId: () => newId(clock.now().getTime()),
  };
}

export function toActor(user: SessionUser): Actor {
  return { login: user.login, role: user.role, teamId: user.teamId };
}

/**
 * Stands for "no team" where the pages expect a team id: team ids are lower-case letters, digits and dashes,
 * so this one matches no team, no member and no document.
 */
export const NO_TEAM = "(kein Team)";

/**
 * The team a Teamleitung page shows (domain/permissions.ts' `ledTeams`): a supervisor's own team, every team
 * for admins (null), and none for a supervisor without a team (NO_TEAM): they work the triage queue only.
 */
export function scopeOf(user: SessionUser): string | null {
  const teams = ledTeams(toViewer(user));
  if (teams === "all") return null;
  return teams[0] ?? NO_TEAM;
}
