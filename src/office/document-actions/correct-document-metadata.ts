/** Metadaten korrigieren: fixes Aktenzeichen, Kundennummer, Name or Dokumentart and routes the document anew. */
import { canonicalDocType, defaultDocTypes } from "../../domain/doc-types.js";
import { officeDate } from "../../domain/office-time.js";
import { routeDocument } from "../../domain/route-document.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import { queueOf } from "../../ingest/queue-name.js";
import {
  type ActionActor,
  type ActionResult,
  ALREADY_DONE,
  cleanText,
  type DocumentActionDeps,
  refuse,
} from "./action-deps.js";

export interface MetadataInput {
  caseRef: unknown;
  customerNo: unknown;
  surname: unknown;
  docType: unknown;
}

type Fields = Pick<DocumentRecord, "caseRef" | "customerNo" | "surname" | "docType">;

function readFields(input: MetadataInput, docTypes: Readonly<Record<string, string[]>>): Fields | string {
  const docTypeText = cleanText(input.docType, 100);
  const docType = docTypeText === null ? null : canonicalDocType(docTypeText, docTypes);
  if (docTypeText !== null && docType === null) return `Unbekannte Dokumentart: ${docTypeText}.`;
  return {
    caseRef: cleanText(input.caseRef, 40),
    customerNo: cleanText(input.customerNo, 40),
    surname: cleanText(input.surname, 100),
    docType,
  };
}

export async function correctDocumentMetadata(
  deps: DocumentActionDeps,
  actor: ActionActor,
  doc: DocumentRecord,
  input: MetadataInput,
): Promise<ActionResult> {
  if (doc.status !== "open") return refuse(ALREADY_DONE);
  const fields = readFields(input, deps.docTypes ?? defaultDocTypes);
  if (typeof fields === "string") return refuse(fields);
  const before: Fields = {
    caseRef: doc.caseRef,
    customerNo: doc.customerNo,
    surname: doc.surname,
    docType: doc.docType,
  };
  if (Object.entries(fields).every(([k, v]) => before[k as keyof Fields] === v))
    return refuse("Es wurde nichts geändert.");
  const now = deps.repo.now();
  const decision = routeDocument(
    { ...fields, source: doc.metadataSource },
    await deps.repo.loadOffice(),
    officeDate(now, deps.timeZone),
    deps.routingOptions,
  );
  const at = now.toISOString();
  const change = {
    ...fields,
    queue: queueOf(decision),
    assignee: decision.assignee,
    teamId: decision.teamId,
    routeRule: decision.rule,
    routeReason: `Metadaten korrigiert von ${actor.login}. ${decision.reason.de}`,
    routeReasonEn: `Metadata corrected by ${actor.login}. ${decision.reason.en}`,
    routeChain: decision.chain,
  };
  await deps.repo.write(
    [deps.repo.updateOpenDocument(doc.id, change, at)],
    [
      {
        actor: actor.login,
        action: "document.corrected",
        subjectType: "document",
        subjectId: doc.id,
        data: {
          before,
          after: fields,
          from: doc.queue,
          to: change.queue,
          rule: decision.rule,
          reason: decision.reason.de,
        },
      },
    ],
  );
  return { ok: true, document: { ...doc, ...change, updatedAt: at } };
}
