/** Need-to-know for supervisor actions: supervisors act within their team, admins everywhere. */

import { AppError } from "../../errors.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import { TRIAGE_QUEUE } from "../../ingest/queue-name.js";
import type { Actor } from "./supervisor-deps.js";

export function assertSupervisor(actor: Actor): void {
  if (actor.role !== "supervisor" && actor.role !== "admin") {
    throw new AppError("forbidden", "Nur für Teamleitung und Administration.");
  }
}

export function assertAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new AppError("forbidden", "Nur für die Administration.");
}

export function canManageTeam(actor: Actor, teamId: string | null): boolean {
  return (
    actor.role === "admin" || (actor.role === "supervisor" && teamId !== null && teamId === actor.teamId)
  );
}

/** Triage belongs to nobody yet, so every supervisor may sort it; otherwise the document's or owner's team. */
export function canManageDocument(
  actor: Actor,
  doc: Pick<DocumentRecord, "queue" | "teamId" | "assignee">,
  teamOf: (login: string) => string | null,
): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "supervisor") return false;
  if (doc.queue === TRIAGE_QUEUE) return true;
  return (
    canManageTeam(actor, doc.teamId) || (doc.assignee !== null && canManageTeam(actor, teamOf(doc.assignee)))
  );
}
