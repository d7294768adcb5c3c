/** Notiz: a free-text note on a document, kept in `notes` and in the audit trail. */
import type { DocumentRecord } from "../../ingest/ports.js";
import {
  type ActionActor,
  type ActionResult,
  cleanText,
  type DocumentActionDeps,
  refuse,
} from "./action-deps.js";

export async function addDocumentNote(
  deps: DocumentActionDeps,
  actor: ActionActor,
  doc: DocumentRecord,
  input: { text: unknown },
): Promise<ActionResult> {
  const text = cleanText(input.text);
  if (text === null) return refuse("Bitte einen Text für die Notiz eingeben.");
  const at = deps.repo.now().toISOString();
  await deps.repo.write(
    [deps.repo.insertNote(doc.id, actor.login, text, at)],
    [
      {
        actor: actor.login,
        action: "document.noted",
        subjectType: "document",
        subjectId: doc.id,
        data: { text },
      },
    ],
  );
  return { ok: true, document: doc };
}
