/**
 * `npm run dev:worker`: the Worker locally under wrangler dev (workerd) on loopback, with local D1 and R2
 * in .wrangler/state: migrations applied, demo office seeded, an admin API token and a sample scan mail
 * written, and how to hand that mail to the local Email Routing endpoint printed. The local POSTKORB_SECRET
 * (a `wrangler secret` in production) is generated once into .wrangler/postkorb-dev.vars.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
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

/** Without a secret the Worker rejects every mail (it could not check cover sheets): one per checkout. */
function ensureDevSecret(): string {
  const file = `${root}.wrangler/postkorb-dev.vars`;
  if (!existsSync(file)) {
    mkdirSync(`${root}.wrangler`, { recursive: true });
    writeFileSync(file, `POSTKORB_SECRET=${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  }
  return file;
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
  const vars = ensureDevSecret();
  const base = `http://${host}:${port}`;
  process.stdout.write(
    [
      "",
      `Postkorb-Worker (wrangler dev, lokales D1/R2 in .wrangler/state): ${base}`,
      `Web-Postkorb: ${base}/ — Anmeldungen: sb1…sb8, tl1, tl2, admin — Passwort: ${DEMO_PASSWORD}`,
      `Admin-API-Token: ${token}`,
      `  curl -H 'Authorization: Bearer ${token}' ${base}/api/v1/documents`,
      `  curl -H 'Authorization: Bearer ${token}' ${base}/metrics`,
      "Test-Mail an den lokalen Email-Routing-Eingang (Az. 50-1234/2026 → sb1):",
      `  curl -X POST '${base}/cdn-cgi/handler/email?from=scanterminal@kundencenter.example&to=postkorb@amt.example' --data-binary @${sample}`,
      `Cron (Wiederholungen) auslösen: curl '${base}/cdn-cgi/handler/scheduled'`,
      `POSTKORB_SECRET (lokal): ${vars}`,
      "",
    ].join("\n"),
  );
  const args = ["dev", "--ip", host, "--port", String(port), "--test-scheduled", "--env-file", vars];
  const dev = spawn(wrangler, args, { cwd: root, stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => dev.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  dev.on("exit", (code) => process.exit(code ?? 0));
}

await main();
