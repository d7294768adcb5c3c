/**
 * Taking a backlog in batches against a real Dovecot: one FETCH and one UID MOVE per batch, in INBOX order, and
 * the batch never costs a mail its innocence — a mail that kills the connection in mid-batch is blamed alone, a
 * refused batch MOVE is retried mail by mail, and a batch that was in hand when Postkorb died is not quarantined.
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../../src/log.js";
import { createImapPoller, type ImapPollerOptions } from "../../../src/mail/imap-poller.js";
import { imapSourceKey, parseImapSource } from "../../../src/mail/imap-source.js";
import type { TakeOutcome } from "../../../src/mail/imap-take-message.js";
import { openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { IMAP_JOURNAL_FILE, imapQuarantine } from "../../../src/runtime/imap-sources.js";
import { openFileTakeJournal } from "../../../src/runtime/imap-take-journal-file.js";
import { waitUntil } from "../../helpers/child-service.js";
import { type Dovecot, IMAP_PASS, IMAP_USER, startDovecot } from "../../helpers/dovecot.js";
import { testConfig } from "../../helpers/embedded-service.js";
import { countMessages, scanMailFor } from "../../helpers/imap-mail.js";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const FOLDER = "Postkorb/Verarbeitet";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

interface LogLine {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

function recordingLogger(): { lines: LogLine[]; logger: Logger } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => {
    lines.push({ level, msg, fields });
  };
  return { lines, logger: { info: at("info"), warn: at("warn"), error: at("error"), debug() {} } };
}

async function dovecotWith(mails: number, options: Parameters<typeof startDovecot>[0] = {}) {
  const dovecot = await startDovecot(options);
  const feeder = await dovecot.connectClient();
  cleanups.push(async () => {
    await feeder.logout().catch(() => undefined);
    await dovecot.stop();
  });
  for (let i = 1; i <= mails; i++) await feeder.append("INBOX", await scanMailFor("batch", i));
  return { dovecot, feeder };
}

async function proxyFor(dovecot: Dovecot): Promise<{ proxy: TcpProxy; url: string }> {
  const proxy = await startTcpProxy(dovecot.port);
  cleanups.push(() => proxy.close());
  return { proxy, url: `imap://${IMAP_USER}:${IMAP_PASS}@127.0.0.1:${proxy.port}/INBOX` };
}

/** The production poller on an embedded core (store and blobs, no PDF pipeline), started. */
async function pollerFor(url: string, dataDir: string, extra: Partial<ImapPollerOptions> = {}) {
  const core = openEmbeddedCore(await testConfig(dataDir));
  cleanups.push(() => core.close());
  const { lines, logger } = recordingLogger();
  const taken: TakeOutcome[] = [];
  const poller = createImapPoller({
    url,
    processedFolder: FOLDER,
    pollSeconds: 30,
    maxMessageBytes: 50 * 1024 * 1024,
    capture: core.capture,
    quarantine: imapQuarantine(core.store),
    onTaken: (outcome) => taken.push(outcome),
    log: logger,
    ...extra,
  });
  poller.start();
  cleanups.push(() => poller.stop());
  return { store: core.store, lines, taken };
}

function tempData(): string {
  const tmp = makeTempDir();
  cleanups.push(() => tmp.remove());
  return join(tmp.path, "data");
}

const uidOf = (outcome: TakeOutcome) => Number(outcome.result.message.sourceKey.split(":").at(-1));
const commandsLike = (proxy: TcpProxy, pattern: RegExp) => proxy.commands.filter((l) => pattern.test(l));

describe("IMAP poller: a backlog taken in batches", () => {
  it("takes 45 mails with one body FETCH and one UID MOVE per batch of 20, in INBOX order, each once", async () => {
    // GIVEN a backlog of 45 mails, and a relay that records Postkorb's commands
    const { dovecot, feeder } = await dovecotWith(45);
    const { proxy, url } = await proxyFor(dovecot);
    // WHEN the poller drains it
    const { store, taken } = await pollerFor(url, tempData());
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 30_000, "an empty INBOX");
    expect(await countMessages(feeder, FOLDER)).toBe(45);
    // THEN three batches (20 + 20 + 5): three body FETCHes and three UID MOVEs, not 45 of each
    expect(commandsLike(proxy, /^\S+ UID FETCH \S+ \(UID BODY\.PEEK\[\]/)).toHaveLength(3);
    const moves = commandsLike(proxy, /^\S+ UID MOVE /);
    expect(moves.map((l) => l.split(" ")[3])).toEqual(["1:20", "21:40", "41:45"]);
    // every mail captured once, handed on in INBOX order, none left in the INBOX
    expect(taken.map(uidOf)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(taken.every((t) => t.kind === "captured")).toBe(true);
    const messages = await store.listMessages();
    expect(messages).toHaveLength(45);
    expect(new Set(messages.map((m) => m.messageIdHeader)).size).toBe(45);
    expect(await countMessages(feeder, "INBOX")).toBe(0);
  });

  it("blames only the mail whose FETCH kills the connection in mid-batch; its neighbours are taken whole", async () => {
    // GIVEN five mails in one batch, the third one's maildir file cut short (Dovecot drops the connection on it)
    const { dovecot, feeder } = await dovecotWith(5);
    dovecot.truncateMailFile("<batch-3@terminal.example>", 200);
    // WHEN the poller drains them
    const { store, lines } = await pollerFor(dovecot.url(), tempData(), {
      backoff: { baseMs: 50, maxMs: 200 },
    });
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 30_000, "an empty INBOX");
    // THEN the broken mail alone is quarantined after its bounded number of dropped connections; the other four
    // are captured whole (pending for processing), none doubled, all five in the processed folder
    const messages = await store.listMessages();
    expect(messages).toHaveLength(5);
    const quarantined = messages.filter((m) => m.status === "quarantined");
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(/5× abgebrochen/);
    expect(quarantined[0]?.sourceKey).toMatch(/:3$/);
    expect(
      messages
        .filter((m) => m.status === "pending")
        .map((m) => m.messageIdHeader)
        .sort(),
    ).toEqual([1, 2, 4, 5].map((i) => `<batch-${i}@terminal.example>`));
    expect(await countMessages(feeder, FOLDER)).toBe(5);
    // each dropped connection was blamed on the third mail, the first time with the two before it captured
    const inHand = lines.filter((l) => l.msg === "imap connection lost with a mail in hand");
    expect(inHand.length).toBeGreaterThanOrEqual(5);
    expect(inHand.every((l) => l.fields.uid === 3)).toBe(true);
    expect(inHand[0]?.fields).toMatchObject({ batch: "1:5", captured: 2 });
  });

  it("moves the mails one by one when Dovecot refuses the batch MOVE, parks them, and moves all once allowed", async () => {
    // GIVEN four mails and an ACL that leaves the owner no insert right on the processed folder
    const { dovecot, feeder } = await dovecotWith(4, { acl: true });
    dovecot.setAcl([`${FOLDER} owner lrwstek`]);
    const { proxy, url } = await proxyFor(dovecot);
    const { store, lines } = await pollerFor(url, tempData(), {
      moveBackoff: { baseMs: 500, maxMs: 2_000 },
      maxMoveFailuresPerSession: 2,
    });
    // WHEN the batch MOVE is refused: one MOVE per mail until the session's budget is spent, the rest parked
    await waitUntil(
      async () =>
        new Set(lines.filter((l) => l.msg === "imap mail captured but not moved").map((l) => l.fields.uid))
          .size === 4,
      15_000,
      "all four parked",
    );
    expect(commandsLike(proxy, /^\S+ UID MOVE 1:4 /).length).toBeGreaterThanOrEqual(1);
    expect(commandsLike(proxy, /^\S+ UID MOVE [1-4] /).length).toBeLessThanOrEqual(2 + 4);
    expect(await store.listMessages()).toHaveLength(4);
    expect(await countMessages(feeder, "INBOX")).toBe(4);
    // THEN, once the right is granted, all four reach the folder, captured once each
    dovecot.setAcl([]);
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 15_000, "the mails moved");
    expect(await countMessages(feeder, FOLDER)).toBe(4);
    expect(await store.listMessages()).toHaveLength(4);
    expect((await store.listMessages({ status: "quarantined" })).length).toBe(0);
  });

  it("takes a batch that was in hand when Postkorb died one mail at a time afterwards, and quarantines none", async () => {
    // GIVEN three mails that were in hand together (one batch) when Postkorb died, as the file journal records it
    const { dovecot, feeder } = await dovecotWith(3);
    const box = await feeder.mailboxOpen("INBOX");
    await feeder.mailboxClose();
    const dataDir = tempData();
    mkdirSync(dataDir, { recursive: true });
    const journalFile = join(dataDir, IMAP_JOURNAL_FILE);
    const source = parseImapSource(dovecot.url());
    const died = openFileTakeJournal(journalFile, recordingLogger().logger);
    for (const uid of [1, 2, 3]) died.begin(imapSourceKey(source, box.uidValidity, uid));
    // WHEN Postkorb starts again with that journal
    const journal = openFileTakeJournal(journalFile, recordingLogger().logger);
    const { store, taken } = await pollerFor(dovecot.url(), dataDir, { journal });
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 15_000, "an empty INBOX");
    // THEN each is taken (alone, as a mail with a record is), captured once, none quarantined, records cleared
    expect(taken.map(uidOf)).toEqual([1, 2, 3]);
    expect((await store.listMessages({ status: "quarantined" })).length).toBe(0);
    expect(await store.listMessages()).toHaveLength(3);
    for (const uid of [1, 2, 3])
      expect(journal.get(imapSourceKey(source, box.uidValidity, uid))).toBeUndefined();
  });
});
