/**
 * Runs under Bun (`bun run scripts/bun-imap-smoke.ts <data-dir> <imap-url> <mails>`): the real service on
 * bun:sqlite with the IMAP poller (imapflow over Bun's node:net/node:tls), waiting until the mails already in
 * the mailbox are routed. Prints one JSON line with each document's Message-ID and receivedAt.
 */
/// <reference types="bun-types" />
import assert from "node:assert/strict";
import { loadConfig } from "../src/config.js";
import { applyOfficeSeed, parseOfficeSeed } from "../src/db/office-seed.js";
import { silentLogger } from "../src/log.js";
import { startBunService } from "../src/runtime/bun.js";
import { buildDemoOffice } from "./demo/demo-office.js";

const [dataDir, imapUrl, mailsArg] = process.argv.slice(2);
assert.ok(dataDir && imapUrl, "usage: bun run scripts/bun-imap-smoke.ts <data-dir> <imap-url> <mails>");
const mails = Number(mailsArg ?? 1);

const config = loadConfig({
  POSTKORB_DATA_DIR: dataDir,
  PORT: "0",
  POSTKORB_SMTP_PORT: "0",
  POSTKORB_IMAP_URL: imapUrl,
  POSTKORB_SECRET: "bun-smoke-secret-bun-smoke-secret-0123",
});
const service = await startBunService(config, silentLogger);
try {
  const seed = parseOfficeSeed(await buildDemoOffice(new Date()));
  assert.ok(seed.ok);
  await applyOfficeSeed(service.core.database, seed.seed, "bun-imap-smoke", new Date());
  const deadline = Date.now() + 60_000;
  while ((await service.core.store.listDocuments()).length < mails) {
    assert.ok(Date.now() < deadline, "the IMAP poller under Bun did not route the mails within 60 s");
    await Bun.sleep(100);
  }
  await service.processor.idle();
  const messages = await service.core.store.listMessages();
  const byRef = new Map(messages.map((m) => [m.id, m]));
  const docs = (await service.core.store.listDocuments()).map((d) => ({
    messageId: byRef.get(d.messageRef)?.messageIdHeader ?? null,
    source: byRef.get(d.messageRef)?.source ?? null,
    receivedAt: d.receivedAt,
    assignee: d.assignee,
  }));
  process.stdout.write(`${JSON.stringify({ runtime: `bun ${Bun.version}`, documents: docs })}\n`);
} finally {
  await service.stop();
}
