/**
 * `postkorb demo`: migrate, seed the demo office, start the service, send sample scans (plain ones and ones with
 * cover sheets, split into several documents), show where they went.
 */
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { newId } from "../../src/ingest/new-id.js";
import { resolveSecret } from "../../src/runtime/data-dir.js";
import { startNodeService } from "../../src/runtime/node-service.js";
import { generateToken, hashToken } from "../../src/web/token-hash.js";
import { buildDemoOffice, DEMO_PASSWORD } from "../demo/demo-office.js";
import { demoCoverSheetScans, describeCoverSheetScans, sendDemoScans } from "../demo/demo-scans.js";
import { stopOnSignals } from "./cmd-serve.js";
import { cliConfig, cliLogger, fail } from "./context.js";

/** Runs the demo (loaded lazily by cmd-demo.ts). */
export async function runDemo(opts: { scans: string; exit?: boolean }): Promise<void> {
  const config = cliConfig();
  if (config.smtpPort === 0)
    fail("the demo sends through the SMTP ingress: POSTKORB_SMTP_PORT must not be 0");
  // The demo speaks for itself on stdout; JSON logs only when asked for (POSTKORB_LOG_LEVEL=info npm run demo).
  const log = cliLogger(config, "command");
  resolveSecret(config, log);
  const service = await startNodeService(config, log);
  const { core } = service;
  const parsed = parseOfficeSeed(await buildDemoOffice(core.clock.now()));
  if (!parsed.ok) fail(parsed.reason);
  await applyOfficeSeed(core.database, parsed.seed, "demo", core.clock.now());
  const token = generateToken();
  await core.users.addApiToken({
    id: newId(),
    login: "admin",
    tokenHash: hashToken(token),
    label: "demo",
  });

  const scans = Number(opts.scans);
  if (!Number.isInteger(scans) || scans < 0) fail("--scans muss eine ganze Zahl ab 0 sein");
  const withSheets = demoCoverSheetScans(parsed.seed.register).length;
  process.stdout.write(
    `Sende ${scans} Scans und ${withSheets} Scans mit Deckblättern an ${config.host}:${service.smtpPort} …\n`,
  );
  // The sheets are issued by this very service (same secret), so it verifies them as it would printed ones.
  const sent = await sendDemoScans(
    { core, smtpPort: service.smtpPort! },
    { plainScans: scans, register: parsed.seed.register, seed: Date.now() % 100_000 },
  );
  await service.processor.idle();
  await printSummary(service, sent.length);
  const split = await describeCoverSheetScans(core.store, sent);
  process.stdout.write(`\nScans mit Deckblättern (am Deckblatt in Dokumente getrennt):\n`);
  for (const line of split) process.stdout.write(`  ${line}\n`);
  const base = `http://${config.host}:${service.httpPort}`;
  process.stdout.write(
    [
      "",
      "Wo nachsehen:",
      "  npx postkorb documents            (alle Dokumente mit Warteschlange und Begründung)",
      "  npx postkorb messages             (erfasste E-Mails, Quarantäne mit Grund)",
      `  curl -H 'Authorization: Bearer ${token}' ${base}/api/v1/documents`,
      `  ${base}/healthz`,
      `Anmeldungen: sb1…sb8, tl1, tl2, admin — Passwort: ${DEMO_PASSWORD}`,
      `SMTP-Eingang: ${config.host}:${service.smtpPort} — weitere Scans: npx postkorb demo läuft weiter (Strg+C beendet)`,
      "",
    ].join("\n"),
  );
  if (opts.exit) return service.stop();
  stopOnSignals(() => service.stop());
}

async function printSummary(
  service: Awaited<ReturnType<typeof startNodeService>>,
  sent: number,
): Promise<void> {
  const docs = await service.core.store.listDocuments({ status: "open", limit: 100_000 });
  const quarantined = await service.core.store.listMessages({ status: "quarantined" });
  const byQueue = new Map<string, number>();
  for (const d of docs) byQueue.set(d.queue, (byQueue.get(d.queue) ?? 0) + 1);
  process.stdout.write(`\n${sent} Scans gesendet → ${docs.length} offene Dokumente in den Postkörben:\n`);
  for (const [queue, n] of [...byQueue].sort()) process.stdout.write(`  ${queue.padEnd(16)} ${n}\n`);
  if (quarantined.length) process.stdout.write(`  Quarantäne: ${quarantined.length} Nachricht(en)\n`);
  const example = docs.find((d) => d.routeChain.length > 1) ?? docs[0];
  if (example) process.stdout.write(`Beispiel-Begründung: ${example.routeReason}\n`);
}
