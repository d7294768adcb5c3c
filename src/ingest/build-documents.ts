/** Turns the PDFs of one message into routed, stamped document records and their events. */
import type { DocumentMetadata } from "../domain/metadata.js";
import type { OfficeSnapshot } from "../domain/office.js";
import { type RouteDecision, routeDocument } from "../domain/route-document.js";
import { parseSubject, toSubjectMetadata } from "../domain/subject-parser.js";
import type { FoundPdf } from "./extract-pdfs.js";
import type { DocumentPart, DocumentRecord, MessageRecord, NewEvent } from "./ports.js";
import type { PipelineDeps } from "./process-message.js";
import { queueOf } from "./queue-name.js";

interface BuildInput {
  message: MessageRecord;
  subject: string | null;
  pdfs: FoundPdf[];
  routingDate: string;
}

type BuildResult =
  | { ok: true; documents: DocumentRecord[]; events: NewEvent[] }
  | { ok: false; reason: string };

export async function buildDocuments(deps: PipelineDeps, input: BuildInput): Promise<BuildResult> {
  const parsedSubject = parseSubject(input.subject ?? "", deps.subjectOptions);
  const subjectMeta = toSubjectMetadata(parsedSubject);
  const office = await deps.store.loadOffice();
  const documents: DocumentRecord[] = [];
  const events: NewEvent[] = [];
  for (const pdf of input.pdfs) {
    const split = await deps.splitPdf(pdf.content);
    if (!split.ok)
      return { ok: false, reason: `PDF ${quoteName(pdf.filename)} unbrauchbar: ${split.reason}` };
    const original = await deps.blobs.put(pdf.content);
    for (const [partIndex, part] of split.parts.entries()) {
      const metadata = part.metadata ?? subjectMeta;
      const decision = decide(part, metadata, office, input.routingDate, deps);
      const doc = await storePart(deps, { input, pdf, part, partIndex, metadata, decision, original });
      documents.push(doc);
      events.push(routedEvent(doc, decision, parsedSubject.problems, part.note));
    }
  }
  return { ok: true, documents, events };
}

function decide(
  part: DocumentPart,
  metadata: DocumentMetadata,
  office: OfficeSnapshot,
  date: string,
  deps: PipelineDeps,
): RouteDecision {
  if (part.forceTriage) {
    return {
      kind: "triage",
      assignee: null,
      teamId: null,
      rule: "triage",
      chain: [],
      reason: { de: part.forceTriage, en: part.forceTriage },
    };
  }
  const decision = routeDocument(metadata, office, date, deps.routingOptions);
  const origin =
    metadata.source === "cover-sheet"
      ? {
          de: "Angaben aus dem Deckblatt (vor Betreff). ",
          en: "Metadata from the cover sheet (over subject). ",
        }
      : metadata.source === "subject"
        ? { de: "Angaben aus dem Betreff. ", en: "Metadata from the subject line. " }
        : { de: "", en: "" };
  return { ...decision, reason: { de: origin.de + decision.reason.de, en: origin.en + decision.reason.en } };
}

interface PartContext {
  input: BuildInput;
  pdf: FoundPdf;
  part: DocumentPart;
  partIndex: number;
  metadata: DocumentMetadata;
  decision: RouteDecision;
  original: { key: string; sha256: string };
}

async function storePart(deps: PipelineDeps, c: PartContext): Promise<DocumentRecord> {
  const id = deps.newId();
  const receivedAt = new Date(c.input.message.receivedAt);
  const stamped = await deps.stampPdf(c.part.bytes, { receivedAt, documentId: id });
  const blob = await deps.blobs.put(stamped);
  const now = deps.clock.now().toISOString();
  return {
    id,
    messageRef: c.input.message.id,
    partKey: `${c.pdf.index}.${c.partIndex}`,
    filename: c.pdf.filename,
    pageCount: c.part.pages.length,
    pages: c.part.pages,
    blobKey: blob.key,
    originalBlobKey: c.original.key,
    sha256: blob.sha256,
    originalSha256: c.original.sha256,
    caseRef: c.metadata.caseRef,
    customerNo: c.metadata.customerNo,
    surname: c.metadata.surname,
    docType: c.metadata.docType,
    metadataSource: c.metadata.source,
    flags: c.part.flags,
    queue: queueOf(c.decision),
    assignee: c.decision.assignee,
    teamId: c.decision.teamId,
    status: "open",
    routeRule: c.decision.rule,
    routeReason: c.decision.reason.de,
    routeReasonEn: c.decision.reason.en,
    routeChain: c.decision.chain,
    receivedAt: c.input.message.receivedAt,
    createdAt: now,
    updatedAt: now,
    doneAt: null,
  };
}

function routedEvent(
  doc: DocumentRecord,
  d: RouteDecision,
  problems: string[],
  note: string | null,
): NewEvent {
  return {
    actor: "router",
    action: "document.routed",
    subjectType: "document",
    subjectId: doc.id,
    data: {
      message: doc.messageRef,
      queue: doc.queue,
      assignee: d.assignee,
      team: d.teamId,
      rule: d.rule,
      chain: d.chain,
      reason: d.reason.de,
      subjectProblems: problems,
      splitNote: note,
    },
  };
}

function quoteName(name: string | null): string {
  return name ? `"${name}"` : "(ohne Namen)";
}
