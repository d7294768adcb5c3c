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
  retryAfterSeconds(attempt: LoginAttempt, now: Date): number;
  recordFailure(attempt: LoginAttempt, now: Date): void;
  recordSuccess(attempt: LoginAttempt): void;
}

/** In memory: fine for one process; a cluster would keep these counters in the database or KV. */
export function createLoginThrottle(limits: ThrottleLimits): LoginThrottle {
  const windowMs = limits.windowMinutes * 60_000;
  const failures = new Map<string, number[]>();
  const keysOf = (a: LoginAttempt): [string, number][] => [
    [`konto:${a.account}`, limits.perAccount],
    [`adresse:${a.address}`, limits.perAddress],
  ];

  function recent(key: string, now: Date): number[] {
    const kept = (failures.get(key) ?? []).filter((t) => now.getTime() - t < windowMs);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  }

  return {
    retryAfterSeconds(attempt, now) {
      let wait = 0;
      for (const [key, max] of keysOf(attempt)) {
        const times = recent(key, now);
        if (times.length < max) continue;
        const oldest = times[times.length - max]!;
        wait = Math.max(wait, Math.ceil((oldest + windowMs - now.getTime()) / 1000));
      }
      return wait;
    },
    recordFailure(attempt, now) {
      for (const [key] of keysOf(attempt)) failures.set(key, [...recent(key, now), now.getTime()]);
      // Bound memory under a password-spraying run from many addresses.
      if (failures.size > 50_000) failures.delete(failures.keys().next().value!);
    },
    recordSuccess(attempt) {
      failures.delete(`konto:${attempt.account}`);
    },
  };
}
