/** Per-client-address limits for the SMTP ingress: concurrent connections and a token bucket for transactions. */

export interface ClientLimits {
  /** False when this address already holds the maximum number of connections. */
  openConnection(address: string): boolean;
  closeConnection(address: string): void;
  /** False when this address sent more transactions than the rate allows. */
  takeTransaction(address: string): boolean;
}

export function createClientLimits(
  maxConnections: number,
  ratePerMinute: number,
  now: () => number = Date.now,
): ClientLimits {
  const connections = new Map<string, number>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = ratePerMinute / 60_000;
  return {
    openConnection(address) {
      const open = connections.get(address) ?? 0;
      if (open >= maxConnections) return false;
      connections.set(address, open + 1);
      return true;
    },
    closeConnection(address) {
      const open = (connections.get(address) ?? 1) - 1;
      if (open <= 0) connections.delete(address);
      else connections.set(address, open);
    },
    takeTransaction(address) {
      const t = now();
      // A full bucket carries no state: forget idle addresses so the map stays small.
      if (buckets.size > 10_000) for (const [a, b] of buckets) if (t - b.at > 60_000) buckets.delete(a);
      const bucket = buckets.get(address) ?? { tokens: ratePerMinute, at: t };
      bucket.tokens = Math.min(ratePerMinute, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      buckets.set(address, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
