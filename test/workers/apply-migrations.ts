/** Applies drizzle/ to the test D1 database before each test file (idempotent: tracked in d1_migrations). */
import { applyD1Migrations, env } from "cloudflare:test";

type Migrations = Parameters<typeof applyD1Migrations>[1];
const bindings = env as unknown as {
  DB: Parameters<typeof applyD1Migrations>[0];
  TEST_MIGRATIONS: Migrations;
};
await applyD1Migrations(bindings.DB, bindings.TEST_MIGRATIONS);
