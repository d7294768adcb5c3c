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
