/** The public JSON shape of a document (CLI `documents --json` and the API); stable, see DESIGN.md. */
import { toOfficeIso } from "../domain/office-time.js";
import type { DocumentRecord, MessageRecord } from "../ingest/ports.js";

export interface DocumentView {
  id: string;
  message: string;
  messageId: string | null;
  status: DocumentRecord["status"];
  queue: string;
  assignee: string | null;
  team: string | null;
  caseRef: string | null;
  customerNo: string | null;
  surname: string | null;
  docType: string | null;
  receivedAt: string;
  pageCount: number;
  routeReason: string;
  routeReasonEn: string;
  routeRule: string;
  routeChain: string[];
  metadataSource: DocumentRecord["metadataSource"];
  flags: string[];
  filename: string | null;
  source: string | null;
  sha256: string;
  originalSha256: string;
}

export function toDocumentView(
  doc: DocumentRecord,
  message: MessageRecord | undefined,
  timeZone: string,
): DocumentView {
  return {
    id: doc.id,
    message: doc.messageRef,
    messageId: message?.messageIdHeader ?? null,
    status: doc.status,
    queue: doc.queue,
    assignee: doc.assignee,
    team: doc.teamId,
    caseRef: doc.caseRef,
    customerNo: doc.customerNo,
    surname: doc.surname,
    docType: doc.docType,
    receivedAt: toOfficeIso(new Date(doc.receivedAt), timeZone),
    pageCount: doc.pageCount,
    routeReason: doc.routeReason,
    routeReasonEn: doc.routeReasonEn,
    routeRule: doc.routeRule,
    routeChain: doc.routeChain,
    metadataSource: doc.metadataSource,
    flags: doc.flags,
    filename: doc.filename,
    source: message?.source ?? null,
    sha256: doc.sha256,
    originalSha256: doc.originalSha256,
  };
}

export interface MessageView {
  id: string;
  messageId: string | null;
  subject: string | null;
  source: string;
  sourceKey: string;
  receivedAt: string;
  capturedAt: string;
  sha256: string;
  size: number;
  status: MessageRecord["status"];
  reason: string | null;
  /** The message's documents; over the API only those the caller may see. */
  documents: string[];
}

export function toMessageView(m: MessageRecord, documentIds: string[], timeZone: string): MessageView {
  return {
    id: m.id,
    messageId: m.messageIdHeader,
    subject: m.subject,
    source: m.source,
    sourceKey: m.sourceKey,
    receivedAt: toOfficeIso(new Date(m.receivedAt), timeZone),
    capturedAt: toOfficeIso(new Date(m.capturedAt), timeZone),
    sha256: m.sha256,
    size: m.size,
    status: m.status,
    reason: m.reason,
    documents: documentIds,
  };
}
