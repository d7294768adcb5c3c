/** The ports the pipeline talks to. Adapters (db/, storage/, mail/, pdf/) implement them per runtime. */
import type { DocumentMetadata } from "../domain/metadata.js";
import type { OfficeSnapshot } from "../domain/office.js";
import type { Visibility } from "../domain/permissions.js";

export interface StoredBlob {
  key: string;
  sha256: string;
  size: number;
}

/** Content-addressed blob store (key = sha256 hex). Writing the same bytes twice is a no-op. */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<StoredBlob>;
  get(key: string): Promise<Uint8Array | null>;
}

export type MessageStatus = "pending" | "processed" | "quarantined";

export interface MessageRecord {
  id: string;
  source: string;
  sourceKey: string;
  messageIdHeader: string | null;
  sha256: string;
  size: number;
  subject: string | null;
  sender: string | null;
  receivedAt: string;
  receivedChain: string[] | null;
  capturedAt: string;
  blobKey: string;
  status: MessageStatus;
  reason: string | null;
  attempts: number;
  processedAt: string | null;
}

export interface NewEvent {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export interface DocumentRecord {
  id: string;
  messageRef: string;
  partKey: string;
  filename: string | null;
  pageCount: number;
  pages: number[];
  blobKey: string;
  originalBlobKey: string;
  sha256: string;
  originalSha256: string;
  caseRef: string | null;
  customerNo: string | null;
  surname: string | null;
  docType: string | null;
  metadataSource: DocumentMetadata["source"];
  flags: string[];
  queue: string;
  assignee: string | null;
  teamId: string | null;
  status: "open" | "done";
  routeRule: string;
  routeReason: string;
  routeReasonEn: string;
  routeChain: string[];
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

export type CaptureResult =
  | { created: true; message: MessageRecord }
  | { created: false; message: MessageRecord; duplicateBy: "source-key" | "message-id-and-hash" };

export interface DocumentFilter {
  queue?: string;
  assignee?: string;
  team?: string;
  status?: "open" | "done";
  messageRef?: string;
  /** Need-to-know inside the query, so limit/offset page over what the viewer may see; absent = everything. */
  visibleTo?: Visibility;
  limit?: number;
  offset?: number;
}

/** Repository port. Promise-returning because D1 is async; better-sqlite3 is the first implementation. */
export interface Store {
  captureMessage(message: MessageRecord, event: NewEvent): Promise<CaptureResult>;
  getMessage(id: string): Promise<MessageRecord | null>;
  getMessagesByIds(ids: string[]): Promise<MessageRecord[]>;
  listMessages(filter?: { status?: MessageStatus; limit?: number }): Promise<MessageRecord[]>;
  /** Messages captured but not yet processed, oldest first (resumed on start). */
  listPendingMessageIds(): Promise<string[]>;
  recordAttempt(id: string): Promise<number>;
  /** Atomically: documents inserted, message marked processed (decoded subject kept), events appended. */
  completeMessage(
    id: string,
    outcome: { subject: string | null; documents: DocumentRecord[]; events: NewEvent[] },
  ): Promise<void>;
  quarantineMessage(
    id: string,
    outcome: { subject: string | null; reason: string; event: NewEvent },
  ): Promise<void>;
  requeueMessage(id: string, event: NewEvent): Promise<void>;

  getDocument(id: string): Promise<DocumentRecord | null>;
  listDocuments(filter?: DocumentFilter): Promise<DocumentRecord[]>;
  listDocumentsOfMessage(messageRef: string): Promise<DocumentRecord[]>;

  loadOffice(): Promise<OfficeSnapshot>;
  /** What was recorded when a cover sheet was issued, beyond its QR code (which carries no name). */
  findIssuedCoverSheet(serial: string): Promise<{ serial: string; surname: string | null } | null>;
  appendEvents(events: NewEvent[]): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface MailAttachment {
  filename: string | null;
  contentType: string;
  content: Uint8Array;
}

export interface ParsedMail {
  subject: string | null;
  messageId: string | null;
  from: string | null;
  date: Date | null;
  /** Received: headers, top (newest) first. */
  received: string[];
  attachments: MailAttachment[];
}

/** MIME parsing port (mailparser on Node/Bun, postal-mime on Workers). Throws on unreadable input. */
export type MailParser = (raw: Uint8Array) => Promise<ParsedMail>;

export type PdfCheck = { ok: true; pageCount: number } | { ok: false; reason: string };

/** A document's PDF, written when asked: a cut part of a long scan is megabytes, and the stamper needs none. */
export interface PartPdf {
  /** The bytes (the same each call); may be the input PDF itself (one document for the whole scan). */
  pdf(): Promise<Uint8Array>;
}

/** One document cut out of a PDF; `metadata` is set when a cover sheet supplied it. */
export interface DocumentPart extends PartPdf {
  pages: number[];
  metadata: DocumentMetadata | null;
  flags: string[];
  /** Human-readable note on what the splitter saw (e.g. cover sheet serial, invalid sheet). */
  note: string | null;
  /** Set when the part must go to triage regardless of metadata (e.g. a forged cover sheet). */
  forceTriage: string | null;
}

/**
 * A usable PDF's parts, handed over one at a time: each part's PDF is cut when the caller takes it, so a
 * long scan never holds every part's bytes at once (the caller stamps and stores one, then takes the next).
 * Iterate once.
 */
export type SplitResult = { ok: true; parts: AsyncIterable<DocumentPart> } | { ok: false; reason: string };

/** Image attachments (JPEG, PNG, TIFF) → one PDF, so they go through the same cover-sheet detection. */
export type ImageToPdf = (
  image: Uint8Array,
) => Promise<{ ok: true; pdf: Uint8Array } | { ok: false; reason: string }>;

/** The seam where cover-sheet detection plugs in. The default keeps one document per PDF. */
export type PdfSplitter = (pdf: Uint8Array) => Promise<SplitResult>;

/**
 * Receipt stamp (Eingangsstempel) on a document's first page; returns new bytes, never edits the input. Given
 * a part, it may draw on the splitter's own parse of it instead of writing and parsing the part's PDF.
 */
export type PdfStamper = (
  pdf: Uint8Array | PartPdf,
  stamp: { receivedAt: Date; documentId: string },
) => Promise<Uint8Array>;
