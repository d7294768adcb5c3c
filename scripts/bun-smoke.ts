/**
 * Runs under Bun (`bun run scripts/bun-smoke.ts <data-dir> [mails]`): the real service on bun:sqlite and
 * Bun.serve, scan mails over SMTP on loopback, asserts they are routed and readable over the API.
 * Prints one JSON line with what it saw, so a Node test can compare the data directory afterwards.
 */
/// <reference types="bun-types" />
import assert from "node:assert/strict";
import { loadConfig } from "../src/config.js";
import { applyOfficeSeed, parseOfficeSeed } from "../src/db/office-seed.js";
import { newId } from "../src/ingest/new-id.js";
import { silentLogger } from "../src/log.js";
import { buildScanMail, canonicalSubject } from "../src/mail/scan-mail.js";
import { makeScanPdf } from "../src/pdf/sample-scan.js";
import { startBunService } from "../src/runtime/bun.js";
import { generateToken, hashToken } from "../src/web/token-hash.js";
import { sendRaw } from "../test/helpers/send-mail.js";
import { buildDemoOffice } from "./demo/demo-office.js";

const [dataDir, mailsArg] = process.argv.slice(2);
assert.ok(dataDir, "usage: bun run scripts/bun-smoke.ts <data-dir> [mails]");
const mails = Number(mailsArg ?? 3);

const config = loadConfig({
  POSTKORB_DATA_DIR: dataDir,
  PORT: "0",
  POSTKORB_SMTP_PORT: "0",
  POSTKORB_SECRET: "bun-smoke-secret-bun-smoke-secret-0123",
});
// Port 0 for SMTP means "off" in the config; the ingress needs a real port, so take one from the OS first.
const smtpPort = await pickPort();
const service = await startBunService({ ...config, smtpPort }, silentLogger);
try {
  const seed = parseOfficeSeed(await buildDemoOffice(new Date()));
  assert.ok(seed.ok);
  await applyOfficeSeed(service.core.database, seed.seed, "bun-smoke", new Date());
  const token = generateToken();
  await service.core.users.addApiToken({
    id: newId(),
    login: "admin",
    tokenHash: hashToken(token),
    label: null,
  });

  // GIVEN scan mails for Az. 50-1234/2026 (sb1), WHEN sent over SMTP to the Bun service
  const pdf = await makeScanPdf({ pages: 1, seed: 3 });
  for (let i = 0; i < mails; i++) {
    const raw = await buildScanMail({
      subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
      messageId: `<bun-smoke-${Date.now()}-${i}@kundencenter.example>`,
      attachments: [{ filename: `scan-${i}.pdf`, content: pdf }],
    });
    assert.match(await sendRaw(service.smtpPort!, raw), /captured/);
  }
  await service.processor.idle();

  // THEN each is a document in sb1's queue, and the API over Bun.serve returns them with a token only
  const docs = await service.core.store.listDocuments({ assignee: "sb1" });
  assert.ok(docs.length >= mails, `expected ≥${mails} documents for sb1, got ${docs.length}`);
  const base = `http://127.0.0.1:${service.httpPort}/api/v1/documents`;
  assert.equal((await fetch(base)).status, 401);
  const res = await fetch(base, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const all = await service.core.store.listDocuments();
  const messages = await service.core.store.listMessages();
  process.stdout.write(
    `${JSON.stringify({ runtime: `bun ${Bun.version}`, documents: all.length, messages: messages.length, token })}\n`,
  );
} finally {
  await service.stop();
}

async function pickPort(): Promise<number> {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}
