/** Starts the real service in-process on loopback with a temp data dir and the demo office. */

import { buildDemoOffice } from "../../scripts/demo/demo-office.js";
import { type Config, loadConfig } from "../../src/config.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { silentLogger } from "../../src/log.js";
import type { CoreOverrides } from "../../src/runtime/embedded-core.js";
import { type NodeService, startNodeService } from "../../src/runtime/node-service.js";
import { freePort } from "./free-port.js";

export interface TestService extends NodeService {
  config: Readonly<Config>;
}

export async function testConfig(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Readonly<Config>> {
  return loadConfig({
    POSTKORB_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    POSTKORB_SMTP_PORT: String(await freePort()),
    POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
    ...env,
  });
}

export async function startTestService(
  dataDir: string,
  options: { env?: Record<string, string>; seedDemo?: boolean; overrides?: CoreOverrides } = {},
): Promise<TestService> {
  const config = await testConfig(dataDir, options.env);
  const service = await startNodeService(config, silentLogger, options.overrides);
  if (options.seedDemo !== false) await seedDemoOffice(service);
  return Object.assign(service, { config });
}

export async function seedDemoOffice(service: Pick<NodeService, "core">): Promise<void> {
  const parsed = parseOfficeSeed(await buildDemoOffice(new Date()));
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(service.core.database, parsed.seed, "test", new Date());
}
