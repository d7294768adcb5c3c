/** Need-to-know for supervisor actions: supervisors act within their team, admins everywhere. */

import { inScope, ledTeams, managementScope } from "../../domain/permissions.js";
import { AppError } from "../../errors.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import type { Actor } from "./supervisor-deps.js";

export function assertSupervisor(actor: Actor): void {
  if (actor.role !== "supervisor" && actor.role !== "admin") {
    throw new AppError("forbidden", "Nur für Teamleitung und Administration.");
  }
}

export function assertAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new AppError("forbidden", "Nur für die Administration.");
}

/** Team-scoped settings (ranges, rules, absences, register): a supervisor's own team only, admins any. */
export function canManageTeam(actor: Actor, teamId: string | null): boolean {
  const teams = ledTeams(actor);
  return teams === "all" || (teamId !== null && teams.includes(teamId));
}

/**
 * Documents a supervisor may reassign and sort: the same rule as domain/permissions.ts' management scope — their
 * team's queue, their members' queues, and triage (the Poststelle's queue, which every supervisor works).
 */
export function canManageDocument(
  actor: Actor,
  doc: Pick<DocumentRecord, "queue" | "teamId" | "assignee">,
  teamOf: (login: string) => string | null,
): boolean {
  return inScope(managementScope(actor), {
    queue: doc.queue,
    assignee: doc.assignee,
    teamId: doc.teamId,
    assigneeTeamId: doc.assignee === null ? null : teamOf(doc.assignee),
  });
}
