/** The queue name stored on a document: a login for a personal queue, `team:<id>`, or `triage`. */
import type { RouteDecision } from "../domain/route-document.js";

export const TRIAGE_QUEUE = "triage";

export function queueOf(decision: Pick<RouteDecision, "kind" | "assignee" | "teamId">): string {
  if (decision.kind === "person" && decision.assignee) return decision.assignee;
  if (decision.kind === "team" && decision.teamId) return `team:${decision.teamId}`;
  return TRIAGE_QUEUE;
}
