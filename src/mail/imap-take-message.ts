/** Takes one mail from the inbox: capture (committed) first, then move — or a quarantined placeholder, then move. */
import type { ImapFlow } from "imapflow";
import type { CaptureInput } from "../ingest/capture-message.js";
import type { CaptureResult } from "../ingest/ports.js";
import { withDeadline } from "./imap-client.js";
import { moveMessage } from "./imap-move.js";
import { type ImapSource, imapSourceKey } from "./imap-source.js";

export interface TakeDeps {
  client: ImapFlow;
  source: ImapSource;
  uidValidity: bigint;
  processedFolder: string;
  maxMessageBytes: number;
  commandMs: number;
  capture: (input: CaptureInput) => Promise<CaptureResult>;
  /** Marks a captured placeholder as quarantined with the reason (Store.quarantineMessage). */
  quarantine: (messageId: string, reason: string) => Promise<void>;
  now: () => Date;
}

export interface MailMeta {
  uid: number;
  size: number;
  internalDate: Date;
}

export type TakeOutcome =
  | { kind: "captured" | "duplicate"; result: CaptureResult }
  | { kind: "quarantined"; result: CaptureResult; reason: string };

export async function takeMessage(deps: TakeDeps, meta: MailMeta): Promise<TakeOutcome> {
  if (meta.size > deps.maxMessageBytes) {
    const reason = `Nachricht zu groß: ${meta.size} Bytes, Grenze ${deps.maxMessageBytes} Bytes`;
    return quarantineMessage(deps, meta, reason);
  }
  const fetched = await withDeadline(
    deps.client,
    deps.commandMs,
    `FETCH ${meta.uid}`,
    deps.client.fetchOne(String(meta.uid), { uid: true, source: true }, { uid: true }),
  );
  const body = fetched ? fetched.source : undefined;
  if (!body) throw new Error(`IMAP: UID ${meta.uid} nicht lesbar (FETCH ohne Inhalt)`);
  const result = await deps.capture(captureInput(deps, meta, new Uint8Array(body), {}));
  await withDeadline(
    deps.client,
    deps.commandMs,
    `MOVE ${meta.uid}`,
    moveMessage(deps.client, meta.uid, deps.processedFolder),
  );
  return { kind: result.created ? "captured" : "duplicate", result };
}

/**
 * Design choice: a mail that cannot be taken whole is kept as its header block only (a small, honest record:
 * sender, subject, Message-ID, Received chain), quarantined with the reason, and moved out of the inbox so it
 * never blocks the mails after it. The full original stays in the processed folder on the mail server.
 */
export async function quarantineMessage(
  deps: TakeDeps,
  meta: MailMeta,
  reason: string,
): Promise<TakeOutcome> {
  const raw = await readHeaderBlock(deps, meta.uid);
  const result = await deps.capture(
    captureInput(deps, meta, raw, { quarantined: reason, originalSize: meta.size, headersOnly: true }),
  );
  if (result.message.status === "pending") await deps.quarantine(result.message.id, reason);
  await withDeadline(
    deps.client,
    deps.commandMs,
    `MOVE ${meta.uid}`,
    moveMessage(deps.client, meta.uid, deps.processedFolder),
  );
  return { kind: "quarantined", result, reason };
}

async function readHeaderBlock(deps: TakeDeps, uid: number): Promise<Uint8Array> {
  try {
    const fetched = await withDeadline(
      deps.client,
      deps.commandMs,
      `FETCH HEADER ${uid}`,
      deps.client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true }),
    );
    const headers = fetched ? fetched.headers : undefined;
    if (headers && headers.length > 0) return new Uint8Array(headers);
  } catch (err) {
    if (!deps.client.usable) throw err;
  }
  // Not even the header is readable: keep a synthetic one that names where the mail was.
  const note = `X-Postkorb-Placeholder: ${deps.source.label} UID ${uid} (Kopfzeilen nicht lesbar)\r\n\r\n`;
  return new TextEncoder().encode(note);
}

function captureInput(
  deps: TakeDeps,
  meta: MailMeta,
  raw: Uint8Array,
  extra: Record<string, unknown>,
): CaptureInput {
  return {
    raw,
    source: "imap",
    sourceKey: imapSourceKey(deps.source, deps.uidValidity, meta.uid),
    // § 130 BGB: received when it reached the office's mail server — INTERNALDATE, not our poll time.
    receivedAt: meta.internalDate,
    context: {
      pollTime: deps.now().toISOString(),
      uid: meta.uid,
      uidValidity: String(deps.uidValidity),
      mailbox: deps.source.label,
      ...extra,
    },
  };
}
