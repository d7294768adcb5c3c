/** What a Worker gets from wrangler.toml: bindings, vars and secrets (`wrangler secret put POSTKORB_SECRET`). */
import { type Config, loadConfig } from "../config.js";
import type { D1Binding } from "../db/open-d1.js";
import type { R2BucketLike } from "../storage/r2-blob-store.js";

export interface WorkerEnv {
  DB: D1Binding;
  BLOBS: R2BucketLike;
  [name: string]: unknown;
}

/** The subset of Cloudflare's ExecutionContext used here. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The subset of Email Routing's ForwardableEmailMessage used here. */
export interface IncomingEmail {
  readonly from: string;
  readonly to: string;
  readonly raw: ReadableStream<Uint8Array>;
  readonly rawSize: number;
  setReject(reason: string): void;
}

/** Workers have no process.env: the same zod schema reads the string vars and secrets of `env`. */
export function readWorkerConfig(env: WorkerEnv): Readonly<Config> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") vars[name] = value;
  return loadConfig(vars);
}

/** Worker-only settings: what Node offers on loopback is on the internet here. */
export interface WorkerOpsSettings {
  /** Bearer token for /metrics (and the full /healthz) besides admin API tokens; null = admin tokens only. */
  metricsToken: string | null;
  /** Set-up mistakes an operator must fix; each makes /healthz answer 503. */
  problems: string[];
}

const MIN_METRICS_TOKEN_LENGTH = 32;

export const MISSING_SECRET =
  "POSTKORB_SECRET fehlt (Deckblätter können nicht geprüft werden): npx wrangler secret put POSTKORB_SECRET";

export function readWorkerOpsSettings(env: WorkerEnv, config: Readonly<Config>): WorkerOpsSettings {
  const problems: string[] = [];
  // Node generates a secret into the data dir; a Worker has none, and every PDF needs the keyring.
  if (!config.secret) problems.push(MISSING_SECRET);
  const raw = typeof env.POSTKORB_METRICS_TOKEN === "string" ? env.POSTKORB_METRICS_TOKEN.trim() : "";
  let metricsToken: string | null = null;
  if (raw.length >= MIN_METRICS_TOKEN_LENGTH) metricsToken = raw;
  else if (raw)
    problems.push(
      `POSTKORB_METRICS_TOKEN ist kürzer als ${MIN_METRICS_TOKEN_LENGTH} Zeichen und wird nicht angenommen`,
    );
  return { metricsToken, problems };
}
