/** Login throttling per account and per client address: after N failures in a window, refuse until it passes. */

export interface ThrottleLimits {
  /** Failures per login name (protects one account against guessing). */
  perAccount: number;
  /** Failures per client address; higher, since an office may sit behind one NAT address. */
  perAddress: number;
  windowMinutes: number;
}

export interface LoginAttempt {
  account: string;
  address: string;
}

export interface LoginThrottle {
  /** Seconds until a new attempt is allowed; 0 = allowed now. */
  retryAfterSeconds(attempt: LoginAttempt, now: Date): Promise<number>;
  recordFailure(attempt: LoginAttempt, now: Date): Promise<void>;
  recordSuccess(attempt: LoginAttempt): Promise<void>;
}

/** Where failures are counted: the database (db/login-failure-repository.ts), shared by every process. */
export interface LoginFailureLog {
  /** The failure times (ms) after `sinceMs` of each key, oldest first; keys without any are absent. */
  failuresSince(keys: string[], sinceMs: number): Promise<Map<string, number[]>>;
  /** One failure for each key at `atMs`. */
  record(keys: string[], atMs: number): Promise<void>;
  clear(key: string): Promise<void>;
  /** Drops the failures at or before `beforeMs`. */
  prune(beforeMs: number): Promise<void>;
}

export function createLoginThrottle(limits: ThrottleLimits, log: LoginFailureLog): LoginThrottle {
  const windowMs = limits.windowMinutes * 60_000;
  const accountKey = (a: LoginAttempt) => `konto:${a.account}`;
  const keysOf = (a: LoginAttempt): [string, number][] => [
    [accountKey(a), limits.perAccount],
    [`adresse:${a.address}`, limits.perAddress],
  ];

  return {
    async retryAfterSeconds(attempt, now) {
      // Every attempt drops what has left the window: the table holds client addresses and login names, which
      // are kept no longer than they count, and a password-spraying run cannot grow it without end.
      await log.prune(now.getTime() - windowMs);
      const keys = keysOf(attempt);
      const failures = await log.failuresSince(
        keys.map(([key]) => key),
        now.getTime() - windowMs,
      );
      let wait = 0;
      for (const [key, max] of keys) {
        const times = failures.get(key) ?? [];
        if (times.length < max) continue;
        // Allowed again once the failure that reached the limit has left the window.
        const oldest = times[times.length - max]!;
        wait = Math.max(wait, Math.ceil((oldest + windowMs - now.getTime()) / 1000));
      }
      return wait;
    },
    recordFailure(attempt, now) {
      return log.record(
        keysOf(attempt).map(([key]) => key),
        now.getTime(),
      );
    },
    recordSuccess(attempt) {
      // The address keeps its count: one good password must not reset a spraying run from that address.
      return log.clear(accountKey(attempt));
    },
  };
}
