/** One mailbox's poller: connect, drain, IDLE (or poll), keep alive, reconnect with backoff, stop cleanly. */
import type { ImapFlow } from "imapflow";
import type { CaptureInput } from "../ingest/capture-message.js";
import type { CaptureResult } from "../ingest/ports.js";
import type { Logger } from "../log.js";
import { type BackoffOptions, backoffDelay, defaultBackoff } from "./imap-backoff.js";
import { createImapClient, defaultImapTimeouts, type ImapTimeouts, withDeadline } from "./imap-client.js";
import { type DrainDeps, drainMailbox } from "./imap-drain.js";
import { ensureFolder } from "./imap-move.js";
import { parseImapSource } from "./imap-source.js";
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
  maxAttempts?: number;
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

export function createImapPoller(options: ImapPollerOptions): ImapPoller {
  const source = parseImapSource(options.url);
  const timeouts = options.timeouts ?? defaultImapTimeouts;
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const wake = createWakeSignal();
  const attempts: DrainDeps["attempts"] = new Map();
  const status = (s: ImapStatus) => options.onStatus?.(s);
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
      await withDeadline(c, timeouts.commandMs, "LIST/CREATE", ensureFolder(c, options.processedFolder));
      const box = await withDeadline(c, timeouts.commandMs, "SELECT", c.mailboxOpen(source.mailbox));
      established = true;
      const hasIdle = c.capabilities.has("IDLE");
      log.info(
        { mailbox: source.label, idle: hasIdle, uidValidity: String(box.uidValidity) },
        "imap connected",
      );
      status({ state: "connected", lastError: null });
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
    const deps = drainDeps(c, uidValidity);
    const restMs = (hasIdle ? (options.keepAliveSeconds ?? 60) : options.pollSeconds) * 1000;
    while (!stopped && c.usable) {
      const drained = await drainMailbox(deps);
      if (stopped || !c.usable) break;
      status({ state: hasIdle ? "idle" : "polling" });
      // A failed mail is retried soon (bounded by maxAttempts), not only at the next poll.
      const woke = await wake.wait(drained.failed > 0 ? Math.min(restMs, 1000) : restMs);
      if (woke === "timeout" && c.usable && !stopped) {
        // Keep-alive and, for servers without IDLE, the poll that makes the server report new mail.
        await withDeadline(c, timeouts.commandMs, "NOOP", c.noop());
      }
      if (c.mailbox && c.mailbox.uidValidity !== uidValidity) return; // RFC 9051 §2.3.1.1: re-select, re-scan
    }
  }

  function drainDeps(c: ImapFlow, uidValidity: bigint): DrainDeps {
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
      attempts,
      maxAttempts: options.maxAttempts ?? 3,
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
      onMailError: (err) => status({ lastError: errorText(err) }),
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
