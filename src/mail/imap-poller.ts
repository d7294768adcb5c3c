/** One mailbox's poller: connect, drain, IDLE (or poll), keep alive, reconnect with backoff, stop cleanly. */
import type { ImapFlow } from "imapflow";
import type { CaptureInput } from "../ingest/capture-message.js";
import type { CaptureResult } from "../ingest/ports.js";
import type { Logger } from "../log.js";
import { type BackoffOptions, backoffDelay, defaultBackoff } from "./imap-backoff.js";
import {
  createImapClient,
  defaultImapTimeouts,
  type ImapTimeouts,
  imapErrorText,
  withDeadline,
} from "./imap-client.js";
import { type DrainDeps, drainMailbox, type MoveSession, movesSuspended } from "./imap-drain.js";
import { ensureFolder, FolderRefusedError } from "./imap-move.js";
import { createRetrySchedule, type MailRetry } from "./imap-retry-schedule.js";
import { parseImapSource } from "./imap-source.js";
import { type BatchLimits, defaultBatchLimits } from "./imap-take-batch.js";
import { createMemoryTakeJournal, type TakeJournal } from "./imap-take-journal.js";
import type { TakeOutcome } from "./imap-take-message.js";
import { createWakeSignal } from "./wake-signal.js";

export type ImapState = "connecting" | "connected" | "idle" | "polling" | "reconnecting" | "down" | "stopped";

export interface ImapStatus {
  state?: ImapState;
  lastMailAt?: string;
  lastError?: string | null;
  backlog?: number;
}

export interface ImapPollerOptions {
  url: string;
  processedFolder: string;
  pollSeconds: number;
  maxMessageBytes: number;
  capture: (input: CaptureInput) => Promise<CaptureResult>;
  quarantine: (messageId: string, reason: string) => Promise<void>;
  onTaken?: (outcome: TakeOutcome) => void;
  onStatus?: (status: ImapStatus) => void;
  log: Logger;
  timeouts?: ImapTimeouts;
  backoff?: BackoffOptions;
  /** With IDLE, NOOP + re-scan this often anyway (keep-alive, and a safety net for a missed notification). */
  keepAliveSeconds?: number;
  /** The mail's own failures (its FETCH refused or empty) before it is quarantined. */
  maxAttempts?: number;
  /** FETCHes of the mail during which the connection or the process died, before it is quarantined. */
  maxInterruptions?: number;
  /** Counts per mail; a persistent journal keeps them across restarts (default: in memory). */
  journal?: TakeJournal;
  /** Back-off between tries of a mail that failed before capture. */
  retryBackoff?: BackoffOptions;
  /** Back-off between MOVEs of a captured mail the server refused to move. */
  moveBackoff?: BackoffOptions;
  /** Refused MOVEs on one connection before parked mails wait for a fresh connection (servers cache rights). */
  maxMoveFailuresPerSession?: number;
  /** Most mails and bytes one batch takes with one FETCH and one UID MOVE (default 20 mails, 20 MB). */
  takeBatch?: BatchLimits;
  /** Consecutive failed connects before the source counts as down (it keeps retrying). */
  downAfter?: number;
  now?: () => Date;
}

export interface ImapPoller {
  /** `imap://user@host:port/INBOX`, without the password. */
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
}

export const defaultRetryBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };
export const defaultMoveBackoff: BackoffOptions = { baseMs: 5_000, maxMs: 30 * 60_000 };

export function createImapPoller(options: ImapPollerOptions): ImapPoller {
  const source = parseImapSource(options.url);
  const timeouts = options.timeouts ?? defaultImapTimeouts;
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const wake = createWakeSignal();
  const journal = options.journal ?? createMemoryTakeJournal();
  const schedule = createRetrySchedule();
  /** Set while captured mails wait in the inbox for their MOVE; health keeps showing it until they have left. */
  let folderProblem: string | null = null;
  const status = (s: ImapStatus) =>
    options.onStatus?.(s.lastError === null && folderProblem ? { ...s, lastError: folderProblem } : s);
  let stopped = false;
  let _client: ImapFlow | null = null;
  let running: Promise<void> | null = null;

  async function runLoop(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      status({ state: failures === 0 ? "connecting" : "reconnecting" });
      const connected = await runSession().catch((err: unknown) => {
        status({ lastError: errorText(err) });
        log.warn({ mailbox: source.label, err: errorText(err) }, "imap session ended");
        return false;
      });
      if (stopped) break;
      failures = connected ? 1 : failures + 1;
      status({ state: failures >= (options.downAfter ?? 3) ? "down" : "reconnecting" });
      await wake.wait(backoffDelay(failures, options.backoff ?? defaultBackoff));
    }
    status({ state: "stopped" });
  }

  /** Resolves true if the session was established (so the next reconnect starts with a short delay). */
  async function runSession(): Promise<boolean> {
    const c = createImapClient(source, timeouts);
    _client = c;
    c.on("error", (err: Error) => status({ lastError: errorText(err) }));
    c.on("exists", () => wake.notify());
    c.on("close", () => wake.notify());
    let established = false;
    try {
      await withDeadline(c, timeouts.connectMs * 2, "CONNECT", c.connect());
      const folderError = await withDeadline(
        c,
        timeouts.commandMs,
        "LIST/CREATE",
        ensureFolder(c, options.processedFolder).then(
          () => null,
          (err: unknown) => {
            // Without the folder mails are still captured (and parked): refusing it must not stop the intake.
            if (err instanceof FolderRefusedError) return err;
            throw err;
          },
        ),
      );
      const box = await withDeadline(c, timeouts.commandMs, "SELECT", c.mailboxOpen(source.mailbox));
      established = true;
      const hasIdle = c.capabilities.has("IDLE");
      log.info(
        { mailbox: source.label, idle: hasIdle, uidValidity: String(box.uidValidity) },
        "imap connected",
      );
      status({ state: "connected", lastError: null });
      if (folderError) {
        log.warn(
          { mailbox: source.label, folder: options.processedFolder, err: folderError.message },
          "imap folder",
        );
        status({ lastError: folderError.message });
      }
      await serveMailbox(c, box.uidValidity, hasIdle);
    } catch (err) {
      if (!established) throw err;
      status({ lastError: errorText(err) });
      log.warn({ mailbox: source.label, err: errorText(err) }, "imap connection lost");
    } finally {
      _client = null;
      await closeClient(c);
    }
    return established;
  }

  async function serveMailbox(c: ImapFlow, uidValidity: bigint, hasIdle: boolean): Promise<void> {
    const moves: MoveSession = {
      failures: 0,
      maxFailures: options.maxMoveFailuresPerSession ?? 3,
      lastError: null,
    };
    const deps = drainDeps(c, uidValidity, moves);
    const restMs = (hasIdle ? (options.keepAliveSeconds ?? 60) : options.pollSeconds) * 1000;
    while (!stopped && c.usable) {
      await drainMailbox(deps);
      if (stopped || !c.usable) break;
      if (folderProblem && schedule.parked().length === 0) {
        // The parked mails left the inbox some other way (moved by hand, new UIDVALIDITY).
        folderProblem = null;
        status({ lastError: null });
      }
      status({ state: hasIdle ? "idle" : "polling" });
      // A mail that failed or waits for its MOVE is tried when its back-off ends, not only at the next poll.
      const due = schedule.nextDue();
      const untilDue = due === null ? restMs : Math.max(100, due - Date.now());
      const woke = await wake.wait(Math.min(restMs, untilDue));
      if (stopped || !c.usable) break;
      if (woke === "timeout") {
        // Keep-alive and, for servers without IDLE, the poll that makes the server report new mail.
        await withDeadline(c, timeouts.commandMs, "NOOP", c.noop());
      }
      if (c.mailbox && c.mailbox.uidValidity !== uidValidity) return; // RFC 9051 §2.3.1.1: re-select, re-scan
      if (movesSuspended(moves) && parkedDue()) {
        // A server may keep a session's view of folder rights (Dovecot's ACLs do): retry on a fresh connection.
        log.info(
          { mailbox: source.label, parked: schedule.parked().length },
          "imap reconnects to retry moves",
        );
        return;
      }
    }
  }

  function parkedDue(): boolean {
    const now = Date.now();
    return schedule.parked().some((p) => p.notBefore <= now);
  }

  function drainDeps(c: ImapFlow, uidValidity: bigint, moves: MoveSession): DrainDeps {
    return {
      client: c,
      source,
      uidValidity,
      processedFolder: options.processedFolder,
      maxMessageBytes: options.maxMessageBytes,
      commandMs: timeouts.commandMs,
      capture: options.capture,
      quarantine: options.quarantine,
      now,
      log,
      journal,
      schedule,
      maxAttempts: options.maxAttempts ?? 3,
      maxInterruptions: options.maxInterruptions ?? 5,
      retryBackoff: options.retryBackoff ?? defaultRetryBackoff,
      moveBackoff: options.moveBackoff ?? defaultMoveBackoff,
      moves,
      batch: options.takeBatch ?? defaultBatchLimits,
      clock: Date.now,
      isStopped: () => stopped,
      onTaken(outcome) {
        status({ lastMailAt: now().toISOString() });
        if (outcome.kind === "quarantined") {
          log.warn(
            { mailbox: source.label, message: outcome.result.message.id, reason: outcome.reason },
            "imap mail quarantined",
          );
        }
        options.onTaken?.(outcome);
      },
      onBacklog: (count) => status({ backlog: count }),
      onMailError: (err) => status({ lastError: imapErrorText(err) }),
      onParked: (_uid, retry) => {
        folderProblem = retry
          ? describeFolderProblem(options.processedFolder, retry, schedule.parked().length)
          : null;
        status({ lastError: folderProblem });
      },
    };
  }

  return {
    name: source.label,
    start() {
      if (!running) running = runLoop();
    },
    async stop() {
      stopped = true;
      wake.notify();
      // The mail in hand finishes (capture + move) before the connection is logged out.
      await running;
    },
  };
}

function describeFolderProblem(folder: string, retry: MailRetry, parked: number): string {
  const mails = parked === 1 ? "1 erfasste Nachricht bleibt" : `${parked} erfasste Nachrichten bleiben`;
  return `Verschieben nach »${folder}« fehlgeschlagen (${retry.lastError}); ${mails} im Posteingang, neuer Versuch mit wachsendem Abstand`;
}

async function closeClient(c: ImapFlow): Promise<void> {
  if (c.usable) {
    const timer = setTimeout(() => c.close(), 2000);
    await c.logout().catch(() => c.close());
    clearTimeout(timer);
  } else {
    c.close();
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
