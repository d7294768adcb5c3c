/** Shared CLI plumbing: config from the environment, the embedded core, clear errors, exit codes. */
import { type Config, ConfigError, loadConfig } from "../../src/config.js";
import type { Logger } from "../../src/log.js";
import type { EmbeddedCore } from "../../src/runtime/embedded-core.js";
import { createPinoLogger } from "../../src/runtime/pino-logger.js";

export function cliConfig(): Readonly<Config> {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

/**
 * `service` (serve): the configured level, info by default, as the README documents. `command` (one-shot
 * commands whose output is their result, and the demo): warn unless POSTKORB_LOG_LEVEL asks for more.
 */
export function cliLogger(config: Readonly<Config>, use: "service" | "command" = "service"): Logger {
  return createPinoLogger(use === "service" || process.env.POSTKORB_LOG_LEVEL ? config.logLevel : "warn");
}

/** Opens the database and adapters; loaded lazily so `--help` and light commands start fast. */
export async function withCore<T>(fn: (core: EmbeddedCore) => Promise<T>): Promise<T> {
  const { openEmbeddedCore } = await import("../../src/runtime/embedded-core.js");
  const core = openEmbeddedCore(cliConfig());
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`postkorb: ${message}\n`);
  process.exit(code);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
