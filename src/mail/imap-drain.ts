/**
 * Drains a mailbox in UID order; each mail is isolated. A failed mail waits for its back-off (one try per step),
 * a mail to blame is quarantined after a bounded number of tries, a captured mail whose MOVE fails is parked.
 */
import type { Logger } from "../log.js";
import type { BackoffOptions } from "./imap-backoff.js";
import { imapErrorText, withDeadline } from "./imap-client.js";
import { moveMessage } from "./imap-move.js";
import type { MailRetry, RetrySchedule } from "./imap-retry-schedule.js";
import { imapSourceKey } from "./imap-source.js";
import { type MailMeta, type TakeDeps, type TakeOutcome, takeMessage } from "./imap-take-message.js";

/** One connection's budget of failed MOVEs: once spent, parked mails wait for a fresh connection. */
export interface MoveSession {
  failures: number;
  maxFailures: number;
  lastError: string | null;
}

export interface DrainDeps extends TakeDeps {
  log: Logger;
  schedule: RetrySchedule;
  /** Back-off between tries of a mail that failed before it was captured. */
  retryBackoff: BackoffOptions;
  /** Back-off between MOVEs of a captured mail the server would not move. */
  moveBackoff: BackoffOptions;
  moves: MoveSession;
  clock: () => number;
  isStopped: () => boolean;
  /** Captured (or quarantined, or found as a duplicate): the store has it, processing may start. */
  onTaken: (outcome: TakeOutcome) => void;
  onBacklog: (count: number) => void;
  onMailError: (err: unknown) => void;
  /** A captured mail could not be moved and waits; or (null) every parked mail has left the inbox. */
  onParked: (uid: number, retry: MailRetry | null) => void;
}

export interface DrainResult {
  taken: number;
  /** Mails that failed this time and will be tried again after their back-off. */
  failed: number;
  /** Captured mails still in the inbox because their MOVE failed. */
  parked: number;
}

export function movesSuspended(moves: MoveSession): boolean {
  return moves.failures >= moves.maxFailures;
}

const META_BATCH = 200;

export async function drainMailbox(deps: DrainDeps): Promise<DrainResult> {
  const found = await withDeadline(
    deps.client,
    deps.commandMs,
    "SEARCH",
    deps.client.search({ deleted: false }, { uid: true }),
  );
  const uids = (found || []).sort((a, b) => a - b);
  const result: DrainResult = { taken: 0, failed: 0, parked: 0 };
  let left = uids.length;
  deps.onBacklog(left);
  for (let i = 0; i < uids.length && !deps.isStopped(); i += META_BATCH) {
    for (const meta of await fetchMetas(deps, uids.slice(i, i + META_BATCH))) {
      if (deps.isStopped()) break;
      const step = await takeIsolated(deps, meta);
      if (step === "taken") result.taken++;
      else if (step === "failed") result.failed++;
      else if (step === "parked") result.parked++;
      deps.onBacklog(--left);
    }
  }
  if (!deps.isStopped()) {
    // What failed or waited and has left the inbox meanwhile (moved by someone else) is forgotten.
    const present = new Set(uids.map((uid) => imapSourceKey(deps.source, deps.uidValidity, uid)));
    deps.schedule.retain(`${deps.source.keyPrefix}:`, present);
    deps.journal.retain(`${deps.source.keyPrefix}:`, present);
  }
  return result;
}

async function fetchMetas(deps: DrainDeps, uids: number[]): Promise<MailMeta[]> {
  const rows = await withDeadline(
    deps.client,
    deps.commandMs,
    "FETCH meta",
    deps.client.fetchAll(uids.join(","), { uid: true, size: true, internalDate: true }, { uid: true }),
  );
  return rows
    .map((r) => ({ uid: r.uid, size: r.size ?? 0, internalDate: toDate(r.internalDate) }))
    .sort((a, b) => a.uid - b.uid);
}

function toDate(value: Date | string | undefined): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string") return new Date(value);
  throw new Error("IMAP: INTERNALDATE fehlt");
}

type Step = "taken" | "failed" | "parked" | "waiting" | "gone";

/** One mail; connection loss is rethrown (the poller reconnects), every other failure stays with this mail. */
async function takeIsolated(deps: DrainDeps, meta: MailMeta): Promise<Step> {
  const key = imapSourceKey(deps.source, deps.uidValidity, meta.uid);
  const waiting = deps.schedule.get(key);
  if (waiting && waiting.notBefore > deps.clock()) return waiting.moveOnly ? "parked" : "waiting";
  if (waiting?.moveOnly) return movesSuspended(deps.moves) ? "parked" : moveTaken(deps, meta, key);
  let taken: Awaited<ReturnType<typeof takeMessage>>;
  try {
    taken = await takeMessage(deps, meta);
  } catch (err) {
    deps.onMailError(err);
    if (!deps.client.usable) {
      deps.log.warn({ uid: meta.uid, err: imapErrorText(err) }, "imap connection lost with a mail in hand");
      throw err;
    }
    const retry = deps.schedule.failed(key, {
      moveOnly: false,
      error: imapErrorText(err),
      backoff: deps.retryBackoff,
    });
    const record = deps.journal.get(key);
    deps.log.warn(
      {
        uid: meta.uid,
        faults: record?.faults ?? 0,
        interruptions: record?.interruptions ?? 0,
        retryInMs: retry.notBefore - deps.clock(),
        err: retry.lastError,
      },
      "imap mail failed",
    );
    return "failed";
  }
  if (taken.kind === "gone") {
    deps.schedule.clear(key);
    deps.log.info({ uid: meta.uid }, "imap mail left the inbox before it was fetched");
    return "gone";
  }
  deps.onTaken(taken);
  // This connection has seen enough refused MOVEs; the mail waits for the retry on a fresh one.
  if (movesSuspended(deps.moves)) return park(deps, meta.uid, key, deps.moves.lastError ?? "MOVE ausgesetzt");
  return moveTaken(deps, meta, key);
}

async function moveTaken(deps: DrainDeps, meta: MailMeta, key: string): Promise<Step> {
  const wasParked = deps.schedule.get(key)?.moveOnly === true;
  try {
    await withDeadline(
      deps.client,
      deps.commandMs,
      `MOVE ${meta.uid}`,
      moveMessage(deps.client, meta.uid, deps.processedFolder),
    );
  } catch (err) {
    // Connection loss: reconnect; the capture is found as a duplicate (or the MOVE retried) next time.
    if (!deps.client.usable) throw err;
    deps.moves.failures++;
    deps.moves.lastError = imapErrorText(err);
    return park(deps, meta.uid, key, deps.moves.lastError);
  }
  deps.schedule.clear(key);
  if (wasParked) {
    deps.log.info({ uid: meta.uid, folder: deps.processedFolder }, "imap parked mail moved");
    if (deps.schedule.parked().length === 0) deps.onParked(meta.uid, null);
  }
  return "taken";
}

/** Captured, not moved: the mail is safe; its MOVE is retried after the back-off, logged once per step. */
function park(deps: DrainDeps, uid: number, key: string, error: string): Step {
  const retry = deps.schedule.failed(key, { moveOnly: true, error, backoff: deps.moveBackoff });
  deps.log.warn(
    {
      uid,
      folder: deps.processedFolder,
      moveFailures: retry.failures,
      retryInMs: retry.notBefore - deps.clock(),
      err: error,
    },
    "imap mail captured but not moved",
  );
  deps.onParked(uid, retry);
  return "parked";
}
