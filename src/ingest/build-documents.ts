/** Turns the PDFs of one message into routed, stamped document records and their events. */
import { describeFlag, type FlagDetails } from "../domain/document-flags.js";
import type { DocumentMetadata } from "../domain/metadata.js";
import type { OfficeSnapshot } from "../domain/office.js";
import type { RejectedSheet, SplitPartFacts } from "../domain/plan-cover-sheet-split.js";
import { type RouteDecision, routeDocument } from "../domain/route-document.js";
import type { Reason } from "../domain/route-reason.js";
import { parseSubject, toSubjectMetadata } from "../domain/subject-parser.js";
import type { FoundPdf } from "./extract-pdfs.js";
import { type MergedMetadata, mergeMetadata } from "./merge-metadata.js";
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
    // Stored while the first part is stamped and stored, not before: a put is several fsyncs and thread-pool
    // round trips. Only after a good split, so a broken PDF leaves no blob behind (its mail keeps it).
    const original = deps.blobs.put(pdf.content);
    original.catch(() => undefined); // awaited in storePart: a failed put fails this attempt, which is retried
    // One part at a time: cut, stamped and stored before the next is cut, so a 400-page scan never holds
    // every part's PDF. Only the blobs are written here; the records are committed together by the caller,
    // so a failure half-way leaves orphan blobs at worst, never half a message's documents.
    let partIndex = 0;
    for await (const part of split.parts) {
      // The cover-sheet splitter says more than the port's fields; other splitters leave these out.
      const facts = part as DocumentPart & SplitPartFacts;
      const sheetMetadata = await withIssuedSurname(deps, part.metadata, facts.sheetSerial);
      const merged = mergeMetadata(sheetMetadata, subjectMeta);
      if (sheetMetadata !== part.metadata) merged.origin = withIssuedNameNote(merged.origin);
      const metadata = merged.metadata;
      const decision = decide(part, merged, facts.flagDetails ?? {}, office, input.routingDate, deps);
      const doc = await storePart(deps, { input, pdf, part, partIndex, metadata, decision, original });
      documents.push(doc);
      if (facts.rejectedSheet) events.push(rejectedSheetEvent(doc, facts.rejectedSheet));
      events.push(routedEvent(doc, decision, parsedSubject.problems, part, merged, facts.flagDetails));
      partIndex++;
    }
  }
  return { ok: true, documents, events };
}

/**
 * The QR code carries no name (anyone can read it); the record made when the sheet was issued may. Filled in
 * from there, a sheet for a new applicant without Aktenzeichen still reaches the letter range of their name.
 */
async function withIssuedSurname(
  deps: PipelineDeps,
  metadata: DocumentMetadata | null,
  serial: string | undefined,
): Promise<DocumentMetadata | null> {
  if (!metadata || metadata.surname !== null || !serial) return metadata;
  const issued = await deps.store.findIssuedCoverSheet(serial);
  return issued?.surname ? { ...metadata, surname: issued.surname } : metadata;
}

function withIssuedNameNote(origin: Reason): Reason {
  return {
    de: `${origin.de}Name aus der Ausgabe des Deckblatts. `,
    en: `${origin.en}Surname from the cover sheet's issue record. `,
  };
}

function decide(
  part: DocumentPart,
  merged: MergedMetadata,
  flagDetails: FlagDetails,
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
  const decision = routeDocument(merged.metadata, office, date, deps.routingOptions);
  const { origin } = merged;
  const hints = hintsOf(part.flags, flagDetails);
  return {
    ...decision,
    reason: {
      de: origin.de + decision.reason.de + hints.de,
      en: origin.en + decision.reason.en + hints.en,
    },
  };
}

/** The splitter's hints with their facts, so the document page shows "3 angegeben, 2 gefunden" in words. */
function hintsOf(flags: string[], details: FlagDetails): Reason {
  if (flags.length === 0) return { de: "", en: "" };
  const de = flags.map((f) => describeFlag(f, details[f], "de")).join("; ");
  const en = flags.map((f) => describeFlag(f, details[f], "en")).join("; ");
  return { de: ` Hinweise: ${de}.`, en: ` Notes: ${en}.` };
}

interface PartContext {
  input: BuildInput;
  pdf: FoundPdf;
  part: DocumentPart;
  partIndex: number;
  metadata: DocumentMetadata;
  decision: RouteDecision;
  original: Promise<{ key: string; sha256: string }>;
}

async function storePart(deps: PipelineDeps, c: PartContext): Promise<DocumentRecord> {
  const id = deps.newId();
  const receivedAt = new Date(c.input.message.receivedAt);
  const stamped = await deps.stampPdf(c.part, { receivedAt, documentId: id });
  const blob = await deps.blobs.put(stamped);
  const original = await c.original;
  const now = deps.clock.now().toISOString();
  return {
    id,
    messageRef: c.input.message.id,
    partKey: `${c.pdf.index}.${c.partIndex}`,
    filename: c.pdf.filename,
    pageCount: c.part.pages.length,
    pages: c.part.pages,
    blobKey: blob.key,
    originalBlobKey: original.key,
    sha256: blob.sha256,
    originalSha256: original.sha256,
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
  part: DocumentPart,
  merged: MergedMetadata,
  flagDetails: FlagDetails | undefined,
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
      splitNote: part.note,
      metadataSources: merged.fieldSources,
      ignoredFromSubject: merged.ignoredFromSubject,
      flags: part.flags,
      flagDetails: flagDetails ?? {},
    },
  };
}

/** A sheet that claims to be ours and does not verify: its own audit event, beside the triage routing. */
function rejectedSheetEvent(doc: DocumentRecord, sheet: RejectedSheet): NewEvent {
  return {
    actor: "pipeline",
    action: "cover-sheet.rejected",
    subjectType: "document",
    subjectId: doc.id,
    data: {
      message: doc.messageRef,
      serial: sheet.serial,
      page: sheet.page + 1,
      reason: sheet.reason,
    },
  };
}

function quoteName(name: string | null): string {
  return name ? `"${name}"` : "(ohne Namen)";
}
