/** Reconnect delays: exponential backoff with full jitter, so many pollers do not hammer a recovering server at once. */

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 60_000 };

/** Delay before reconnect attempt `failures` (1-based): random in [cap/2, cap], cap = min(max, base·2^(n-1)). */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random) {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
