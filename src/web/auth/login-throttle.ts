/** Login throttling per account and per client address: after N failures in a window, refuse until it passes. */

export interface LoginThrottle {
  /** Seconds until a new attempt is allowed for any of the keys; 0 = allowed now. */
  retryAfterSeconds(keys: string[], now: Date): number;
  recordFailure(keys: string[], now: Date): void;
  recordSuccess(accountKey: string): void;
}

/** In memory: fine for one process; a cluster would keep these counters in the database or KV. */
export function createLoginThrottle(maxFailures: number, windowMinutes: number): LoginThrottle {
  const windowMs = windowMinutes * 60_000;
  const failures = new Map<string, number[]>();

  function recent(key: string, now: Date): number[] {
    const kept = (failures.get(key) ?? []).filter((t) => now.getTime() - t < windowMs);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  }

  return {
    retryAfterSeconds(keys, now) {
      let wait = 0;
      for (const key of keys) {
        const times = recent(key, now);
        if (times.length < maxFailures) continue;
        const oldest = times[times.length - maxFailures]!;
        wait = Math.max(wait, Math.ceil((oldest + windowMs - now.getTime()) / 1000));
      }
      return wait;
    },
    recordFailure(keys, now) {
      for (const key of keys) failures.set(key, [...recent(key, now), now.getTime()]);
      // Bound memory under a password-spraying run from many addresses.
      if (failures.size > 50_000) failures.delete(failures.keys().next().value!);
    },
    recordSuccess(accountKey) {
      failures.delete(accountKey);
    },
  };
}
