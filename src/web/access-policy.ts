/** Applies the need-to-know policy (domain/permissions.ts) to stored documents, gathering the facts it needs. */
import { officeDate } from "../domain/office-time.js";
import {
  canActOnDocument,
  canSeeDocument,
  type DocumentAccessFacts,
  type DocumentAction,
  inScope,
  type Viewer,
  type Visibility,
  visibilityOf,
  type WorkScope,
  workScopeOf,
} from "../domain/permissions.js";
import type { DocumentRecord, Store } from "../ingest/ports.js";

export interface AccessPolicyDeps {
  store: Pick<Store, "loadOffice">;
  hasActed(login: string, documentId: string): Promise<boolean>;
  now(): Date;
  timeZone: string;
}

type GatedDocument = Pick<DocumentRecord, "id" | "queue" | "assignee" | "teamId">;

/**
 * A viewer's view of the policy for one request. Calling it answers "may see" (open, download); `mayWork`
 * "may act on it now" (done, forward, return, correct); `visibility` is the same rule as data for queries.
 */
export interface DocumentGate {
  (doc: GatedDocument): Promise<boolean>;
  scope: WorkScope;
  visibility: Visibility;
  mayWork(doc: GatedDocument): boolean;
  mayAct(doc: GatedDocument, action: DocumentAction): Promise<boolean>;
}

/** Builds a per-request gate: the office facts are read once, handling history only when needed. */
export function createAccessPolicy(deps: AccessPolicyDeps) {
  return async function gateFor(viewer: Viewer): Promise<DocumentGate> {
    // Admins see everything: no office facts to read.
    const office = viewer.role === "admin" ? null : await deps.store.loadOffice();
    const teamOf = new Map((office?.people ?? []).map((p) => [p.login, p.teamId]));
    const scope = workScopeOf(viewer, {
      people: office?.people ?? [],
      absences: office?.absences ?? [],
      date: officeDate(deps.now(), deps.timeZone),
    });
    const factsOf = (doc: GatedDocument): DocumentAccessFacts => ({
      queue: doc.queue,
      assignee: doc.assignee,
      teamId: doc.teamId,
      assigneeTeamId: doc.assignee ? (teamOf.get(doc.assignee) ?? null) : null,
    });
    // The history lookup is a query: only asked when the scope alone does not decide.
    const handled = (doc: GatedDocument) => deps.hasActed(viewer.login, doc.id);
    const maySee = async (doc: GatedDocument) =>
      canSeeDocument(scope, factsOf(doc), false) || canSeeDocument(scope, factsOf(doc), await handled(doc));
    return Object.assign(maySee, {
      scope,
      visibility: visibilityOf(viewer, scope),
      mayWork: (doc: GatedDocument) => inScope(scope, factsOf(doc)),
      mayAct: async (doc: GatedDocument, action: DocumentAction) =>
        canActOnDocument(scope, factsOf(doc), action, false) ||
        canActOnDocument(scope, factsOf(doc), action, await handled(doc)),
    });
  };
}

export type AccessPolicy = ReturnType<typeof createAccessPolicy>;
