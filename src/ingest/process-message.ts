/** Process: stored raw mail → documents with metadata and route, written in one atomic step. */
import { officeDate } from "../domain/office-time.js";
import type { RoutingOptions } from "../domain/route-document.js";
import type { SubjectParserOptions } from "../domain/subject-parser.js";
import { buildDocuments } from "./build-documents.js";
import { type ExtractResult, extractPdfs } from "./extract-pdfs.js";
import type {
  BlobStore,
  Clock,
  ImageToPdf,
  MailParser,
  ParsedMail,
  PdfSplitter,
  PdfStamper,
  Store,
} from "./ports.js";

export interface PipelineDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  parseMail: MailParser;
  splitPdf: PdfSplitter;
  stampPdf: PdfStamper;
  /** Absent: image attachments are not documents (they are named in the quarantine reason). */
  imageToPdf?: ImageToPdf;
  newId: () => string;
  timeZone: string;
  subjectOptions: Partial<SubjectParserOptions>;
  routingOptions: Partial<RoutingOptions>;
}

export type ProcessOutcome =
  | { status: "processed"; documents: string[] }
  | { status: "quarantined"; reason: string }
  | { status: "skipped"; reason: string };

/** Expected failures become a quarantine with a reason; unexpected ones throw (the processor retries). */
export async function processMessage(deps: PipelineDeps, messageId: string): Promise<ProcessOutcome> {
  const message = await deps.store.getMessage(messageId);
  if (!message) return { status: "skipped", reason: "unknown message" };
  if (message.status !== "pending") return { status: "skipped", reason: `already ${message.status}` };

  const raw = await deps.blobs.get(message.blobKey);
  if (!raw) throw new Error(`blob ${message.blobKey} of message ${messageId} is missing`);

  const quarantine = async (reason: string, subject: string | null): Promise<ProcessOutcome> => {
    await deps.store.quarantineMessage(messageId, {
      subject,
      reason,
      event: {
        actor: "pipeline",
        action: "message.quarantined",
        subjectType: "message",
        subjectId: messageId,
        data: { reason },
      },
    });
    return { status: "quarantined", reason };
  };

  let mail: ParsedMail;
  try {
    mail = await deps.parseMail(raw);
  } catch (err) {
    return quarantine(`E-Mail nicht lesbar: ${errorText(err)}`, message.subject);
  }
  // A nested message that does not parse or an image the converter chokes on fails the same way every time:
  // quarantine now with the reason instead of retrying it.
  let extracted: ExtractResult;
  try {
    extracted = await extractPdfs(mail, deps.parseMail, deps.imageToPdf);
  } catch (err) {
    return quarantine(`Anlage nicht lesbar: ${errorText(err)}`, mail.subject);
  }
  const { pdfs, others } = extracted;
  if (pdfs.length === 0) {
    const seen = others.length ? ` (Anlagen: ${others.join(", ")})` : " (keine Anlagen)";
    return quarantine(`Keine PDF-Anlage gefunden${seen}`, mail.subject);
  }

  const built = await buildDocuments(deps, {
    message,
    subject: mail.subject,
    pdfs,
    routingDate: officeDate(deps.clock.now(), deps.timeZone),
  });
  if (!built.ok) return quarantine(built.reason, mail.subject);

  await deps.store.completeMessage(messageId, {
    subject: mail.subject,
    documents: built.documents,
    events: built.events,
  });
  return { status: "processed", documents: built.documents.map((d) => d.id) };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
