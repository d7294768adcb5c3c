/** Bun entry (`npm run start:bun`): the embedded service with bun:sqlite and Bun.serve; same data dir as Node. */
/// <reference types="bun-types" />
import { type Config, ConfigError, loadConfig } from "../config.js";
import { openBunSqlite } from "../db/open-bun-sqlite.js";
import type { Logger } from "../log.js";
import { listenWithBun } from "./bun-listen.js";
import { resolveSecret } from "./data-dir.js";
import type { CoreOverrides } from "./embedded-core.js";
import { type NodeService, startNodeService } from "./node-service.js";
import { createPinoLogger } from "./pino-logger.js";

/** The same service as on Node (processor, SMTP ingress, IMAP poller, HTTP); only the two adapters differ. */
export function startBunService(
  config: Readonly<Config>,
  log: Logger,
  overrides: CoreOverrides = {},
): Promise<NodeService> {
  return startNodeService(config, log, {
    ...overrides,
    openDatabase: openBunSqlite,
    listenHttp: listenWithBun,
  });
}

async function main(): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`postkorb: ${err.message}\n`);
    process.exit(1);
  }
  const log = createPinoLogger(config.logLevel);
  resolveSecret(config, log);
  const service = await startBunService(config, log);
  process.stdout.write(
    `Postkorb läuft (Bun ${Bun.version}): http://${config.host}:${service.httpPort}/  SMTP: ${service.smtpPort ?? "aus"}\n`,
  );
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

if (import.meta.main) await main();
