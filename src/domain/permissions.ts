/** Need-to-know: who may see which document. Pure; the caller supplies the facts. */
import type { Absence, Role } from "./office.js";

export interface Viewer {
  login: string;
  role: Role;
  teamId: string | null;
}

export interface DocumentAccessFacts {
  assignee: string | null;
  teamId: string | null;
  /** The assignee's team (a supervisor sees documents of people in their team). */
  assigneeTeamId: string | null;
  /** The viewer has acted on this document before (done, forwarded, noted …). */
  handledByViewer: boolean;
}

/** Logins whose queues `login` currently substitutes for (directly), on `date` (yyyy-mm-dd). */
export function substitutingFor(login: string, absences: Absence[], date: string): string[] {
  return absences
    .filter((a) => a.substitute === login && a.from <= date && date <= a.to)
    .map((a) => a.person);
}

export function canSeeDocument(viewer: Viewer, doc: DocumentAccessFacts, substituteFor: string[]): boolean {
  if (viewer.role === "admin") return true;
  if (doc.handledByViewer) return true;
  if (viewer.role === "supervisor") {
    return viewer.teamId !== null && (doc.teamId === viewer.teamId || doc.assigneeTeamId === viewer.teamId);
  }
  if (doc.assignee === null) return false;
  return doc.assignee === viewer.login || substituteFor.includes(doc.assignee);
}
