/**
 * Drains a mailbox in UID order; each mail is isolated. A failed mail waits for its back-off (one try per step),
 * a mail to blame is quarantined after a bounded number of tries, a captured mail whose MOVE fails is parked.
 * Runs of ordinary mails are taken in batches (one FETCH, captures side by side, one UID MOVE once all of them are
 * committed); a mail with a history (a failure, a death in hand), an oversize one, one that waits or one the batch
 * could not settle is taken alone, as before.
 */
import type { Logger } from "../log.js";
import type { BackoffOptions } from "./imap-backoff.js";
import { imapErrorText, withDeadline } from "./imap-client.js";
import { moveMessage, moveMessages, uidSet } from "./imap-move.js";
import type { MailRetry, RetrySchedule } from "./imap-retry-schedule.js";
import { imapSourceKey } from "./imap-source.js";
import { type BatchLimits, takeBatch } from "./imap-take-batch.js";
import {
  type MailMeta,
  type TakeDeps,
  type TakeOutcome,
  takeMessage,
  takesAlone,
} from "./imap-take-message.js";

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
  /** Most mails and bytes taken in one FETCH / one MOVE. */
  batch: BatchLimits;
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
  const tally = (step: Step) => {
    if (step === "taken") result.taken++;
    else if (step === "failed") result.failed++;
    else if (step === "parked") result.parked++;
    deps.onBacklog(--left);
  };
  for (let i = 0; i < uids.length && !deps.isStopped(); i += META_BATCH) {
    let batch: MailMeta[] = [];
    let bytes = 0;
    const flush = async () => {
      const metas = batch;
      batch = [];
      bytes = 0;
      if (metas.length === 0 || deps.isStopped()) return;
      if (metas.length === 1) tally(await takeIsolated(deps, metas[0]!));
      else for (const step of await takeTogether(deps, metas)) tally(step);
    };
    for (const meta of await fetchMetas(deps, uids.slice(i, i + META_BATCH))) {
      if (deps.isStopped()) break;
      if (!batchable(deps, meta)) {
        await flush();
        if (deps.isStopped()) break;
        tally(await takeIsolated(deps, meta));
        continue;
      }
      if (batch.length >= deps.batch.mails || (batch.length > 0 && bytes + meta.size > deps.batch.bytes))
        await flush();
      batch.push(meta);
      bytes += meta.size;
    }
    await flush();
  }
  if (!deps.isStopped()) {
    // What failed or waited and has left the inbox meanwhile (moved by someone else) is forgotten.
    const present = new Set(uids.map((uid) => imapSourceKey(deps.source, deps.uidValidity, uid)));
    deps.schedule.retain(`${deps.source.keyPrefix}:`, present);
    deps.journal.retain(`${deps.source.keyPrefix}:`, present);
  }
  return result;
}

/** An ordinary mail: no history to count alone, not oversize, not waiting for a back-off or a MOVE. */
function batchable(deps: DrainDeps, meta: MailMeta): boolean {
  if (takesAlone(deps, meta)) return false;
  const waiting = deps.schedule.get(imapSourceKey(deps.source, deps.uidValidity, meta.uid));
  return !waiting || (!waiting.moveOnly && waiting.notBefore <= deps.clock());
}

/**
 * A batch of ordinary mails: captured together, then moved with one UID MOVE once every capture is committed.
 * What the batch could not settle falls back to the one-mail path. Returns one step per mail.
 */
async function takeTogether(deps: DrainDeps, metas: MailMeta[]): Promise<Step[]> {
  const batch = await takeBatch(deps, metas);
  const steps: Step[] = [];
  // In UID order, so processing starts in INBOX order.
  for (const { outcome } of batch.taken) deps.onTaken(outcome);
  for (const { meta, error } of batch.failed) steps.push(noteFailure(deps, meta, error));
  if (batch.lost) {
    deps.onMailError(batch.lost.error);
    deps.log.warn(
      {
        uid: batch.lost.inHand?.uid ?? null,
        batch: uidSet(metas.map((m) => m.uid)),
        captured: batch.taken.length,
        err: imapErrorText(batch.lost.error),
      },
      "imap connection lost with a mail in hand",
    );
    // The captured mails are safe; on the next connection they are found as captured and moved.
    throw batch.lost.error;
  }
  steps.push(
    ...(await moveTogether(
      deps,
      batch.taken.map((t) => t.meta),
    )),
  );
  if (batch.alone.length > 0)
    deps.log.info(
      { uids: uidSet(batch.alone.map((m) => m.uid)) },
      "imap batch left mails unsettled, taking them one by one",
    );
  for (const meta of batch.alone) {
    if (deps.isStopped()) break;
    steps.push(await takeIsolated(deps, meta));
  }
  return steps;
}

/** One UID MOVE for the captured set; if the server refuses it, each mail is moved (or parked) on its own. */
async function moveTogether(deps: DrainDeps, metas: MailMeta[]): Promise<Step[]> {
  const keyOf = (meta: MailMeta) => imapSourceKey(deps.source, deps.uidValidity, meta.uid);
  if (metas.length === 0) return [];
  if (metas.length === 1 || movesSuspended(deps.moves)) return moveEach(deps, metas);
  const range = uidSet(metas.map((m) => m.uid));
  try {
    await withDeadline(
      deps.client,
      deps.commandMs,
      `MOVE ${range}`,
      moveMessages(
        deps.client,
        metas.map((m) => m.uid),
        deps.processedFolder,
      ),
    );
  } catch (err) {
    if (!deps.client.usable) throw err;
    // Not counted against the session: the MOVEs one by one find out, and count, what the server refuses.
    deps.log.info({ uids: range, err: imapErrorText(err) }, "imap batch MOVE refused, moving one by one");
    return moveEach(deps, metas);
  }
  for (const meta of metas) deps.schedule.clear(keyOf(meta));
  return metas.map(() => "taken");
}

async function moveEach(deps: DrainDeps, metas: MailMeta[]): Promise<Step[]> {
  const steps: Step[] = [];
  for (const meta of metas) {
    const key = imapSourceKey(deps.source, deps.uidValidity, meta.uid);
    // This connection has seen enough refused MOVEs; the mail waits for the retry on a fresh one.
    if (movesSuspended(deps.moves))
      steps.push(park(deps, meta.uid, key, deps.moves.lastError ?? "MOVE ausgesetzt"));
    else steps.push(await moveTaken(deps, meta, key));
  }
  return steps;
}

async function fetchMetas(deps: DrainDeps, uids: number[]): Promise<MailMeta[]> {
  const rows = await withDeadline(
    deps.client,
    deps.commandMs,
    "FETCH meta",
    deps.client.fetchAll(uidSet(uids), { uid: true, size: true, internalDate: true }, { uid: true }),
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
    if (!deps.client.usable) {
      deps.onMailError(err);
      deps.log.warn({ uid: meta.uid, err: imapErrorText(err) }, "imap connection lost with a mail in hand");
      throw err;
    }
    return noteFailure(deps, meta, err);
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

/** The mail failed while the connection stayed up: it is tried again after its back-off. */
function noteFailure(deps: DrainDeps, meta: MailMeta, err: unknown): Step {
  deps.onMailError(err);
  const key = imapSourceKey(deps.source, deps.uidValidity, meta.uid);
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
