/** Zurück an Clearing: the document is wrong here and goes back to the triage queue, with a reason. */

import { formatOfficeDateTime } from "../../domain/office-time.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import { TRIAGE_QUEUE } from "../../ingest/queue-name.js";
import {
  type ActionActor,
  type ActionResult,
  ALREADY_DONE,
  cleanText,
  type DocumentActionDeps,
  refuse,
} from "./action-deps.js";

export async function returnToTriage(
  deps: DocumentActionDeps,
  actor: ActionActor,
  doc: DocumentRecord,
  input: { reason: unknown },
): Promise<ActionResult> {
  const reason = cleanText(input.reason, 500);
  if (reason === null) return refuse("Bitte einen Grund für die Rückgabe an das Clearing angeben.");
  if (doc.status !== "open") return refuse(ALREADY_DONE);
  const now = deps.repo.now();
  const at = now.toISOString();
  const when = formatOfficeDateTime(now, deps.timeZone);
  const change = {
    queue: TRIAGE_QUEUE,
    assignee: null,
    teamId: null,
    routeRule: "returned",
    routeReason: `Von ${actor.login} am ${when} an das Clearing zurückgegeben: ${reason}`,
    routeReasonEn: `Returned to triage by ${actor.login} on ${at}: ${reason}`,
    routeChain: [],
  };
  await deps.repo.write(
    [deps.repo.updateOpenDocument(doc.id, change, at)],
    [
      {
        actor: actor.login,
        action: "document.returned",
        subjectType: "document",
        subjectId: doc.id,
        data: { from: doc.queue, assignee: doc.assignee, reason },
      },
    ],
  );
  return { ok: true, document: { ...doc, ...change, updatedAt: at } };
}
