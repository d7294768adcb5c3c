/** In-memory state of each mail source, for /healthz and the CLI. */
import type { SourceHealth } from "../web/app-deps.js";

export function createIngressHealth() {
  const sources = new Map<string, SourceHealth>();
  return {
    register(s: Pick<SourceHealth, "name" | "kind" | "state">) {
      sources.set(s.name, { ...s, lastMailAt: null, lastError: null, backlog: null });
    },
    update(name: string, patch: Partial<SourceHealth>) {
      const current = sources.get(name);
      if (current) sources.set(name, { ...current, ...patch });
    },
    mailArrived(name: string) {
      this.update(name, { lastMailAt: new Date().toISOString() });
    },
    error(name: string, err: unknown) {
      this.update(name, { lastError: err instanceof Error ? err.message : String(err) });
    },
    list(): SourceHealth[] {
      return [...sources.values()];
    },
  };
}

export type IngressHealth = ReturnType<typeof createIngressHealth>;
