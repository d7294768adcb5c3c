/** Capture: raw bytes → blob + messages row in one committed step. Callers acknowledge only after it returns. */
import type { BlobStore, CaptureResult, Clock, MessageRecord, Store } from "./ports.js";
import { readHeaders } from "./read-headers.js";

export interface CaptureInput {
  raw: Uint8Array;
  source: "smtp" | "imap" | "eml" | "email-routing";
  /** Unique per delivery channel; defaults to `<source>:<sha256>` (same bytes from the same channel = same mail). */
  sourceKey?: string;
  /** The mail server's receipt time (INTERNALDATE, end of DATA), never the poll time. */
  receivedAt: Date;
  /** Extra facts kept in the capture event (poll time, envelope, …). */
  context?: Record<string, unknown>;
}

export interface CaptureDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  newId: () => string;
}

export async function captureMessage(deps: CaptureDeps, input: CaptureInput): Promise<CaptureResult> {
  const blob = await deps.blobs.put(input.raw);
  const headers = readHeaders(input.raw);
  const id = deps.newId();
  const record: MessageRecord = {
    id,
    source: input.source,
    sourceKey: input.sourceKey ?? `${input.source}:${blob.sha256}`,
    messageIdHeader: headers.messageId,
    sha256: blob.sha256,
    size: blob.size,
    subject: headers.subject,
    sender: headers.from,
    receivedAt: input.receivedAt.toISOString(),
    receivedChain: headers.received.length ? headers.received : null,
    capturedAt: deps.clock.now().toISOString(),
    blobKey: blob.key,
    status: "pending",
    reason: null,
    attempts: 0,
    processedAt: null,
  };
  return deps.store.captureMessage(record, {
    actor: `ingest:${input.source}`,
    action: "message.captured",
    subjectType: "message",
    subjectId: id,
    data: {
      sourceKey: record.sourceKey,
      sha256: blob.sha256,
      size: blob.size,
      receivedAt: record.receivedAt,
      ...input.context,
    },
  });
}
