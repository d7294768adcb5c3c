/**
 * `npm run dev:worker`: the Worker locally under wrangler dev (workerd) on loopback, with local D1 and R2
 * in .wrangler/state: migrations applied, demo office seeded, an admin API token and a sample scan mail
 * written, and how to hand that mail to the local Email Routing endpoint printed.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getPlatformProxy } from "wrangler";
import { applyOfficeSeed, parseOfficeSeed } from "../src/db/office-seed.js";
import { openD1 } from "../src/db/open-d1.js";
import { createUserRepository } from "../src/db/user-repository.js";
import { newId } from "../src/ingest/new-id.js";
import { buildScanMail, canonicalSubject } from "../src/mail/scan-mail.js";
import { makeScanPdf } from "../src/pdf/sample-scan.js";
import { generateToken, hashToken } from "../src/web/token-hash.js";
import { buildDemoOffice, DEMO_PASSWORD } from "./demo/demo-office.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const wrangler = `${root}node_modules/.bin/wrangler`;
const port = Number(process.env.PORT ?? 8787);
const host = "127.0.0.1";

function applyMigrations(): void {
  // The drizzle-kit SQL files in drizzle/ (migrations_dir in wrangler.toml), tracked in d1_migrations.
  const result = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CI: "1" },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${result.status})`);
}

/** Seeds through the same repositories as on Node, over wrangler's local D1 (the state wrangler dev uses). */
async function seedDemoOffice(): Promise<string> {
  const proxy = await getPlatformProxy<{ DB: Parameters<typeof openD1>[0] }>({ configPath: "wrangler.toml" });
  try {
    const database = openD1(proxy.env.DB);
    const parsed = parseOfficeSeed(await buildDemoOffice(new Date()));
    if (!parsed.ok) throw new Error(parsed.reason);
    await applyOfficeSeed(database, parsed.seed, "dev-worker", new Date());
    const token = generateToken();
    await createUserRepository(database.db).addApiToken({
      id: newId(),
      login: "admin",
      tokenHash: hashToken(token),
      label: "dev-worker",
    });
    return token;
  } finally {
    await proxy.dispose();
  }
}

async function writeSampleMail(): Promise<string> {
  const file = `${root}.wrangler/postkorb-sample-scan.eml`;
  mkdirSync(`${root}.wrangler`, { recursive: true });
  const raw = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
    attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 2, seed: 5 }) }],
  });
  writeFileSync(file, raw);
  return file;
}

async function main(): Promise<void> {
  process.chdir(root);
  applyMigrations();
  const token = await seedDemoOffice();
  const sample = await writeSampleMail();
  const base = `http://${host}:${port}`;
  process.stdout.write(
    [
      "",
      `Postkorb-Worker (wrangler dev, lokales D1/R2 in .wrangler/state): ${base}`,
      `Admin-API-Token: ${token}`,
      `  curl -H 'Authorization: Bearer ${token}' ${base}/api/v1/documents`,
      "Test-Mail an den lokalen Email-Routing-Eingang:",
      `  curl -X POST '${base}/cdn-cgi/handler/email?from=scanterminal@kundencenter.example&to=postkorb@amt.example' --data-binary @${sample}`,
      `Cron (Wiederholungen) auslösen: curl '${base}/cdn-cgi/handler/scheduled'`,
      `Anmeldungen: sb1…sb8, tl1, tl2, admin — Passwort: ${DEMO_PASSWORD}`,
      "",
    ].join("\n"),
  );
  const dev = spawn(wrangler, ["dev", "--ip", host, "--port", String(port), "--test-scheduled"], {
    cwd: root,
    stdio: "inherit",
  });
  const forward = (signal: NodeJS.Signals) => dev.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  dev.on("exit", (code) => process.exit(code ?? 0));
}

await main();
