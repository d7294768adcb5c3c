/**
 * When a mail that failed may be tried again: exponential back-off per mail, so a failure costs one try per
 * step and never one per second. A mail that is captured but could not be moved waits here too ("parked"):
 * only its MOVE is left to do, it is safe in the store, and it is not fetched again.
 */
import { type BackoffOptions, backoffDelay } from "./imap-backoff.js";

export interface MailRetry {
  /** Failed tries of the current kind (take or move) in this process. */
  failures: number;
  /** Not to be tried before this time (ms since the epoch). */
  notBefore: number;
  /** Captured already; only the MOVE is left. */
  moveOnly: boolean;
  lastError: string;
}

export interface RetrySchedule {
  get(key: string): MailRetry | undefined;
  /** Records one more failed try and sets the next time from the back-off; returns the entry. */
  failed(key: string, how: { moveOnly: boolean; error: string; backoff: BackoffOptions }): MailRetry;
  clear(key: string): void;
  /** The earliest time any waiting mail may be tried again, or null when none waits. */
  nextDue(): number | null;
  /** Mails that are captured and wait for their MOVE. */
  parked(): MailRetry[];
  /** Forgets the mails of one mailbox (key prefix) that are no longer in it. */
  retain(prefix: string, present: ReadonlySet<string>): void;
}

export function createRetrySchedule(
  now: () => number = Date.now,
  random: () => number = Math.random,
): RetrySchedule {
  const entries = new Map<string, MailRetry>();
  return {
    get: (key) => entries.get(key),
    failed(key, how) {
      const before = entries.get(key);
      // A mail that was captured meanwhile starts its move back-off from the first step.
      const failures = before && before.moveOnly === how.moveOnly ? before.failures + 1 : 1;
      const entry: MailRetry = {
        failures,
        notBefore: now() + backoffDelay(failures, how.backoff, random),
        moveOnly: how.moveOnly,
        lastError: how.error,
      };
      entries.set(key, entry);
      return entry;
    },
    clear(key) {
      entries.delete(key);
    },
    nextDue() {
      let next: number | null = null;
      for (const e of entries.values()) if (next === null || e.notBefore < next) next = e.notBefore;
      return next;
    },
    parked: () => [...entries.values()].filter((e) => e.moveOnly),
    retain(prefix, present) {
      for (const key of entries.keys()) if (key.startsWith(prefix) && !present.has(key)) entries.delete(key);
    },
  };
}
