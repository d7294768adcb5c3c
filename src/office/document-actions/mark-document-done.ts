/** Erledigt: the caseworker has dealt with the document; it leaves every open queue. */
import type { DocumentRecord } from "../../ingest/ports.js";
import {
  type ActionActor,
  type ActionResult,
  ALREADY_DONE,
  type DocumentActionDeps,
  refuse,
} from "./action-deps.js";

export async function markDocumentDone(
  deps: DocumentActionDeps,
  actor: ActionActor,
  doc: DocumentRecord,
): Promise<ActionResult> {
  if (doc.status !== "open") return refuse(ALREADY_DONE);
  const at = deps.repo.now().toISOString();
  await deps.repo.write(
    [deps.repo.updateOpenDocument(doc.id, { status: "done", doneAt: at }, at)],
    [
      {
        actor: actor.login,
        action: "document.done",
        subjectType: "document",
        subjectId: doc.id,
        data: { queue: doc.queue, assignee: doc.assignee },
      },
    ],
  );
  return { ok: true, document: { ...doc, status: "done", doneAt: at, updatedAt: at } };
}
