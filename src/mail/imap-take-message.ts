/**
 * Takes one mail from the inbox into the store: capture (committed) of the whole mail — or, for a mail that
 * cannot be taken whole, of a quarantined placeholder. Moving it out of the inbox is the caller's next step.
 */
import type { ImapFlow } from "imapflow";
import type { CaptureInput } from "../ingest/capture-message.js";
import type { CaptureResult } from "../ingest/ports.js";
import { imapErrorText, withDeadline } from "./imap-client.js";
import { type ImapSource, imapSourceKey } from "./imap-source.js";
import type { TakeJournal, TakeRecord } from "./imap-take-journal.js";

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
  journal: TakeJournal;
  /** Faults (the mail's own failures) before it is quarantined. */
  maxAttempts: number;
  /** Interruptions (connection or process died with the mail in hand) before it is quarantined. */
  maxInterruptions: number;
}

export interface MailMeta {
  uid: number;
  size: number;
  internalDate: Date;
}

export type TakeOutcome =
  | { kind: "captured" | "duplicate"; result: CaptureResult }
  | { kind: "quarantined"; result: CaptureResult; reason: string };

/** The UID left the mailbox between SEARCH and FETCH (another client moved or deleted it): nothing to take. */
export type Taken = TakeOutcome | { kind: "gone" };

/** Our side failed (store, disk), not the mail: retried later, never counted against the mail. */
export class CaptureFailedError extends Error {
  override name = "CaptureFailedError";
}

export async function takeMessage(deps: TakeDeps, meta: MailMeta): Promise<Taken> {
  const key = imapSourceKey(deps.source, deps.uidValidity, meta.uid);
  const record = deps.journal.get(key);
  const reason = quarantineReason(deps, meta, record);
  deps.journal.begin(key);
  try {
    const taken = reason
      ? await quarantineMessage(deps, meta, reason, {
          // A mail whose FETCH kept killing the connection or the process is not fetched again, not even its header.
          readHeader: (record?.interruptions ?? 0) < deps.maxInterruptions,
        })
      : await captureWhole(deps, meta);
    deps.journal.end(key, { kind: "done" });
    return taken;
  } catch (err) {
    const error = imapErrorText(err);
    if (err instanceof CaptureFailedError) deps.journal.end(key, { kind: "released" });
    else if (deps.client.usable) deps.journal.end(key, { kind: "fault", error });
    else deps.journal.end(key, { kind: "interrupted", error });
    throw err;
  }
}

/**
 * A mail that must be taken on its own, not in a batch: one to quarantine (oversize), or one with a record (it
 * failed, or was in hand when a connection or Postkorb died): alone, a failure or a death is its own to count.
 */
export function takesAlone(deps: TakeDeps, meta: MailMeta): boolean {
  return (
    meta.size > deps.maxMessageBytes ||
    deps.journal.get(imapSourceKey(deps.source, deps.uidValidity, meta.uid)) !== undefined
  );
}

function quarantineReason(deps: TakeDeps, meta: MailMeta, record: TakeRecord | undefined): string | null {
  if (meta.size > deps.maxMessageBytes)
    return `Nachricht zu groß: ${meta.size} Bytes, Grenze ${deps.maxMessageBytes} Bytes`;
  if (!record) return null;
  if (record.faults >= deps.maxAttempts) return `Abruf ${record.faults}× fehlgeschlagen: ${record.lastError}`;
  if (record.interruptions >= deps.maxInterruptions)
    return `Abruf ${record.interruptions}× abgebrochen (Verbindung oder Postkorb beendet): ${record.lastError}`;
  return null;
}

async function captureWhole(deps: TakeDeps, meta: MailMeta): Promise<Taken> {
  const fetched = await withDeadline(
    deps.client,
    deps.commandMs,
    `FETCH ${meta.uid}`,
    deps.client.fetchOne(String(meta.uid), { uid: true, source: true }, { uid: true }),
  );
  const body = fetched ? fetched.source : undefined;
  if (!body) {
    if (!(await stillThere(deps, meta.uid))) return { kind: "gone" };
    throw new Error(`IMAP: UID ${meta.uid} nicht lesbar (FETCH ohne Inhalt)`);
  }
  return captureFetched(deps, meta, new Uint8Array(body));
}

/** Captures a mail whose whole body is in hand; a failure of our store throws CaptureFailedError. */
export async function captureFetched(deps: TakeDeps, meta: MailMeta, body: Uint8Array): Promise<TakeOutcome> {
  const result = await capture(deps, captureInput(deps, meta, body, {}));
  return { kind: result.created ? "captured" : "duplicate", result };
}

/**
 * Design choice: a mail that cannot be taken whole is kept as its header block only (a small, honest record:
 * sender, subject, Message-ID, Received chain), quarantined with the reason, and moved out of the inbox so it
 * never blocks the mails after it. The full original stays in the processed folder on the mail server.
 */
async function quarantineMessage(
  deps: TakeDeps,
  meta: MailMeta,
  reason: string,
  how: { readHeader: boolean },
): Promise<Taken> {
  const raw = how.readHeader ? await readHeaderBlock(deps, meta.uid) : placeholderHeader(deps, meta.uid);
  const result = await capture(
    deps,
    captureInput(deps, meta, raw, { quarantined: reason, originalSize: meta.size, headersOnly: true }),
  );
  // A duplicate is either our own placeholder from an earlier try (quarantine it, in case that try died before
  // doing so) or the whole mail, captured by a try that died before the move: that one is innocent.
  const placeholder = result.created || result.message.size < meta.size;
  if (!placeholder) return { kind: "duplicate", result };
  if (result.message.status === "pending") {
    try {
      await deps.quarantine(result.message.id, reason);
    } catch (err) {
      throw new CaptureFailedError(`Quarantäne nicht gespeichert: ${imapErrorText(err)}`);
    }
  }
  return { kind: "quarantined", result, reason };
}

async function capture(deps: TakeDeps, input: CaptureInput): Promise<CaptureResult> {
  try {
    return await deps.capture(input);
  } catch (err) {
    throw new CaptureFailedError(`Erfassung fehlgeschlagen: ${imapErrorText(err)}`);
  }
}

async function stillThere(deps: TakeDeps, uid: number): Promise<boolean> {
  const found = await withDeadline(
    deps.client,
    deps.commandMs,
    `SEARCH UID ${uid}`,
    deps.client.search({ uid: String(uid) }, { uid: true }),
  );
  return Array.isArray(found) && found.includes(uid);
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
  return placeholderHeader(deps, uid);
}

/** Not even the header is readable (or may not be read): a synthetic one that names where the mail was. */
function placeholderHeader(deps: TakeDeps, uid: number): Uint8Array {
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
