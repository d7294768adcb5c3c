/** Applies the need-to-know rule to a stored document, gathering the facts the pure rule needs. */
import { officeDate } from "../domain/office-time.js";
import { canSeeDocument, substitutingFor, type Viewer } from "../domain/permissions.js";
import type { DocumentRecord, Store } from "../ingest/ports.js";

export interface AccessPolicyDeps {
  store: Pick<Store, "loadOffice">;
  hasActed(login: string, documentId: string): Promise<boolean>;
  now(): Date;
  timeZone: string;
}

export type DocumentGate = (doc: DocumentRecord) => Promise<boolean>;

/** Builds a per-request gate: the office facts are read once, handling history only when needed. */
export function createAccessPolicy(deps: AccessPolicyDeps) {
  return async function gateFor(viewer: Viewer): Promise<DocumentGate> {
    if (viewer.role === "admin") return async () => true;
    const office = await deps.store.loadOffice();
    const teamOf = new Map(office.people.map((p) => [p.login, p.teamId]));
    const substituteFor = substitutingFor(
      viewer.login,
      office.absences,
      officeDate(deps.now(), deps.timeZone),
    );
    return async (doc) => {
      const facts = {
        assignee: doc.assignee,
        teamId: doc.teamId,
        assigneeTeamId: doc.assignee ? (teamOf.get(doc.assignee) ?? null) : null,
        handledByViewer: false,
      };
      if (canSeeDocument(viewer, facts, substituteFor)) return true;
      const handled = await deps.hasActed(viewer.login, doc.id);
      return canSeeDocument(viewer, { ...facts, handledByViewer: handled }, substituteFor);
    };
  };
}

export type AccessPolicy = ReturnType<typeof createAccessPolicy>;
