/** Tests that run inside workerd (local D1 + R2, offline) against src/runtime/worker.ts and wrangler.toml. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { buildWorkerFixtures } from "./build-fixtures.js";
import { TEST_SECRET } from "./fixture-constants.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig(async () => {
  // The same drizzle-kit SQL files the Node runtime migrates with; wrangler applies them to D1 in production.
  const migrations = await readD1Migrations(join(root, "drizzle"));
  return {
    root,
    plugins: [
      cloudflareTest({
        main: "./src/runtime/worker.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            POSTKORB_SECRET: TEST_SECRET,
            ...(await buildWorkerFixtures()),
          },
        },
      }),
    ],
    // As wrangler.toml's [alias]: the native sharp cannot load in workerd.
    resolve: { alias: { sharp: join(root, "src/runtime/worker-sharp-stub.ts") } },
    test: {
      name: "workers",
      include: ["test/workers/**/*.test.ts"],
      setupFiles: ["test/workers/apply-migrations.ts"],
      testTimeout: 60_000,
    },
  };
});
