import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ImapFlow } from "imapflow";
import { afterEach, describe, expect, it } from "vitest";
import { imapSourceKey, parseImapSource } from "../../../src/mail/imap-source.js";
import { openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { waitUntil } from "../../helpers/child-service.js";
import { type Dovecot, startDovecot } from "../../helpers/dovecot.js";
import { startTestService, type TestService, testConfig } from "../../helpers/embedded-service.js";
import { countMessages, scanMailFor } from "../../helpers/imap-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

let dovecot: Dovecot | null = null;
let feeder: ImapFlow | null = null;
let service: TestService | null = null;
const tmp = makeTempDir();

afterEach(async () => {
  await service?.stop();
  service = null;
  await feeder?.logout().catch(() => undefined);
  feeder = null;
  await dovecot?.stop();
  dovecot = null;
});

async function healthOf(s: TestService) {
  const res = await fetch(`http://127.0.0.1:${s.httpPort}/healthz`);
  const body = (await res.json()) as { sources: { kind: string; state: string; lastError: string | null }[] };
  return body.sources.find((x) => x.kind === "imap");
}

const documentCount = async (s: TestService) => (await s.core.store.listDocuments({ limit: 100_000 })).length;

describe("IMAP poller resilience", () => {
  it("polls a server without IDLE and takes new mail at the poll interval", async () => {
    dovecot = await startDovecot({ withoutIdle: true });
    feeder = await dovecot.connectClient();
    expect(feeder.capabilities.has("IDLE")).toBe(false);
    service = await startTestService(join(tmp.path, "poll"), {
      env: { POSTKORB_IMAP_URL: dovecot.url(), POSTKORB_IMAP_POLL_SECONDS: "1" },
    });
    const s = service;
    await waitUntil(async () => (await healthOf(s))?.state === "polling", 10_000, "polling state");
    await feeder.append("INBOX", await scanMailFor("poll", 1));
    await waitUntil(async () => (await documentCount(s)) === 1, 5_000, "the polled mail routed");
    expect(await countMessages(feeder, "INBOX")).toBe(0);
  });

  it("reconnects after Dovecot was killed and takes the mail that arrived meanwhile", async () => {
    dovecot = await startDovecot();
    const d = dovecot;
    service = await startTestService(join(tmp.path, "restart"), { env: { POSTKORB_IMAP_URL: d.url() } });
    const s = service;
    await waitUntil(async () => (await healthOf(s))?.state === "idle", 10_000, "IDLE");
    // GIVEN Dovecot dies while Postkorb idles, and a mail is delivered to the maildir meanwhile
    await d.kill();
    await waitUntil(async () => (await healthOf(s))?.state !== "idle", 10_000, "the loss noticed");
    // Delivered as a local MDA would: a file in the maildir's new/ (Dovecot is not running to take an APPEND).
    const file = join(d.dir, "mail", "postkorb", "new", `${Date.now()}.offline.test`);
    writeFileSync(file, await scanMailFor("offline", 1));
    execFileSync("chown", ["dovecot:dovecot", file]);
    // WHEN Dovecot is back
    await d.start();
    // THEN Postkorb reconnects by itself and routes the mail
    await waitUntil(async () => (await documentCount(s)) === 1, 15_000, "the mail after reconnect");
    await waitUntil(async () => (await healthOf(s))?.state === "idle", 5_000, "IDLE again");
  });

  it("doubles nothing when UIDVALIDITY changes under mails captured before a crash", async () => {
    dovecot = await startDovecot();
    feeder = await dovecot.connectClient();
    for (let i = 0; i < 3; i++) await feeder.append("INBOX", await scanMailFor("uidv", i));
    // GIVEN an earlier run captured the three mails but died before moving them
    const dataDir = join(tmp.path, "uidv");
    const core = openEmbeddedCore(await testConfig(dataDir));
    const box = await feeder.mailboxOpen("INBOX");
    const source = parseImapSource(dovecot.url());
    for (const m of await feeder.fetchAll("1:*", { uid: true, source: true, internalDate: true })) {
      const receivedAt = new Date(m.internalDate ?? Date.now());
      const sourceKey = imapSourceKey(source, box.uidValidity, m.uid);
      await core.capture({ raw: new Uint8Array(m.source ?? []), source: "imap", sourceKey, receivedAt });
    }
    core.close();
    await feeder.mailboxClose();
    // WHEN the mailbox gets a new UIDVALIDITY (as after delete + re-create) and one new mail arrives
    dovecot.doveadm([
      "mailbox",
      "update",
      "--uid-validity",
      String(Number(box.uidValidity) + 1000),
      "INBOX",
      "-u",
      "postkorb",
    ]);
    await feeder.append("INBOX", await scanMailFor("uidv", 3));
    service = await startTestService(dataDir, { env: { POSTKORB_IMAP_URL: dovecot.url() } });
    const s = service;
    // THEN four messages and four documents, nothing doubled, the INBOX empty
    await waitUntil(async () => (await documentCount(s)) === 4, 15_000, "four documents");
    await waitUntil(async () => (await countMessages(feeder!, "INBOX")) === 0, 5_000, "an empty INBOX");
    const messages = await s.core.store.listMessages();
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((m) => m.messageIdHeader)).size).toBe(4);
    expect(await documentCount(s)).toBe(4);
  });
});
