/**
 * The poller never loops endlessly and never blames an innocent mail — against a real Dovecot, with real faults:
 * a processed folder Dovecot refuses (an invalid name; an ACL without the insert right), Dovecot restarted under a
 * FETCH in flight, a maildir file that makes Dovecot drop the connection on every FETCH, and a mail in hand when
 * Postkorb died, again and again.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../../src/log.js";
import { createImapPoller, type ImapStatus } from "../../../src/mail/imap-poller.js";
import { imapSourceKey, parseImapSource } from "../../../src/mail/imap-source.js";
import { openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { IMAP_JOURNAL_FILE } from "../../../src/runtime/imap-sources.js";
import { openFileTakeJournal } from "../../../src/runtime/imap-take-journal-file.js";
import { startNodeService } from "../../../src/runtime/node-service.js";
import { waitUntil } from "../../helpers/child-service.js";
import { type Dovecot, IMAP_PASS, IMAP_USER, startDovecot } from "../../helpers/dovecot.js";
import { seedDemoOffice, testConfig } from "../../helpers/embedded-service.js";
import { bigScanMailFor, countMessages, scanMailFor } from "../../helpers/imap-mail.js";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

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

async function dovecotFor(options: Parameters<typeof startDovecot>[0] = {}) {
  const dovecot = await startDovecot(options);
  const feeder = await dovecot.connectClient();
  cleanups.push(async () => {
    await feeder.logout().catch(() => undefined);
    await dovecot.stop();
  });
  return { dovecot, feeder };
}

async function proxyFor(dovecot: Dovecot): Promise<{ proxy: TcpProxy; url: string }> {
  const proxy = await startTcpProxy(dovecot.port);
  cleanups.push(() => proxy.close());
  return { proxy, url: `imap://${IMAP_USER}:${IMAP_PASS}@127.0.0.1:${proxy.port}/INBOX` };
}

/** The whole service, with a logger the test can read. */
async function serviceFor(env: Record<string, string>) {
  const tmp = makeTempDir();
  const { lines, logger } = recordingLogger();
  const config = await testConfig(join(tmp.path, "data"), env);
  const service = await startNodeService(config, logger);
  await seedDemoOffice(service);
  cleanups.push(async () => {
    await service.stop();
    tmp.remove();
  });
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${service.httpPort}/healthz`);
    const body = (await res.json()) as {
      sources: { kind: string; state: string; lastError: string | null }[];
    };
    return body.sources.find((x) => x.kind === "imap");
  };
  return { service, lines, health, dataDir: config.dataDir };
}

const movesOf = (proxy: TcpProxy, uid: number) =>
  proxy.commands.filter((line) => new RegExp(`^\\S+ UID (MOVE|COPY) ${uid} `).test(line)).length;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("IMAP poller: bounded retries, no blame for what is not the mail's fault", () => {
  it("captures a mail once and does not spin when Dovecot refuses to create the processed folder", async () => {
    // GIVEN a processed folder name Dovecot's maildir refuses ('.' is not allowed), and a relay counting MOVEs
    const { dovecot, feeder } = await dovecotFor();
    const { proxy, url } = await proxyFor(dovecot);
    const folder = "Postkorb/Verarbeitet.2026";
    const { service, lines, health } = await serviceFor({
      POSTKORB_IMAP_URL: url,
      POSTKORB_IMAP_PROCESSED: folder,
    });
    await waitUntil(async () => (await health())?.state === "idle", 15_000, "IDLE");
    // WHEN a mail arrives
    await feeder.append("INBOX", await scanMailFor("refused", 1));
    const store = service.core.store;
    await waitUntil(async () => (await store.listDocuments()).length === 1, 15_000, "the mail routed");
    await waitUntil(async () => movesOf(proxy, 1) >= 1, 5_000, "the first MOVE");
    // THEN over the next 8 seconds it is not moved again and again (old behaviour: about once a second)
    await sleep(8_000);
    const moves = movesOf(proxy, 1);
    expect(moves).toBeGreaterThanOrEqual(1);
    expect(moves).toBeLessThanOrEqual(3);
    // each refused MOVE is logged once, and health names the folder problem
    const parkedLogs = lines.filter(
      (l) => l.msg === "imap mail captured but not moved" && l.fields.uid === 1,
    );
    expect(parkedLogs).toHaveLength(moves);
    expect((await health())?.lastError).toContain(folder);
    // the mail is captured once, not quarantined, and still in the INBOX (safe on both sides)
    const messages = await store.listMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.status).toBe("processed");
    expect(await countMessages(feeder, "INBOX")).toBe(1);
    // AND the next mail still flows (captured and routed, no duplicate of the first)
    await feeder.append("INBOX", await scanMailFor("refused", 2));
    await waitUntil(async () => (await store.listDocuments()).length === 2, 15_000, "the second mail routed");
    expect(await store.listMessages()).toHaveLength(2);
    expect((await store.listMessages({ status: "quarantined" })).length).toBe(0);
  });

  it("parks a captured mail the ACL will not let into the folder, and moves it once the right is granted", async () => {
    // GIVEN an ACL that leaves the owner no insert right on the processed folder
    const { dovecot, feeder } = await dovecotFor({ acl: true });
    const folder = "Postkorb/Verarbeitet";
    dovecot.setAcl([`${folder} owner lrwstek`]);
    const { proxy, url } = await proxyFor(dovecot);
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    const core = openEmbeddedCore(await testConfig(join(tmp.path, "data")));
    cleanups.push(() => core.close());
    const statuses: ImapStatus[] = [];
    const poller = createImapPoller({
      url,
      processedFolder: folder,
      pollSeconds: 30,
      maxMessageBytes: 50 * 1024 * 1024,
      capture: core.capture,
      quarantine: async () => {
        throw new Error("nothing may be quarantined here");
      },
      onStatus: (s) => statuses.push(s),
      log: recordingLogger().logger,
      moveBackoff: { baseMs: 500, maxMs: 2_000 },
      maxMoveFailuresPerSession: 2,
    });
    poller.start();
    cleanups.push(() => poller.stop());
    await feeder.append("INBOX", await scanMailFor("acl", 1));
    // WHEN the MOVE is refused: the mail is captured once and waits in the INBOX, MOVEs come at back-off pace
    await waitUntil(async () => movesOf(proxy, 1) >= 1, 10_000, "the first MOVE");
    const refusal = statuses.map((s) => s.lastError).find((e) => e?.includes(folder));
    expect(refusal).toMatch(/Permission denied/);
    await sleep(3_000);
    // 0.5 s doubling up to 2 s (half of it jitter): at most 5 in 3 s after the first
    expect(movesOf(proxy, 1)).toBeLessThanOrEqual(6);
    expect(await core.store.listMessages()).toHaveLength(1);
    expect(await countMessages(feeder, "INBOX")).toBe(1);
    // THEN, once the right is granted, a fresh connection (Dovecot keeps a session's rights) moves it
    const connectionsBefore = proxy.connections();
    dovecot.setAcl([]);
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 10_000, "the mail moved");
    expect(proxy.connections()).toBeGreaterThan(connectionsBefore);
    expect(await countMessages(feeder, folder)).toBe(1);
    expect(await core.store.listMessages()).toHaveLength(1);
    const lastError = () => statuses.filter((s) => s.lastError !== undefined).at(-1)?.lastError;
    await waitUntil(async () => lastError() === null, 5_000, "health clear again");
  });

  it("does not quarantine a mail when Dovecot is restarted three times while its FETCH is in flight", async () => {
    // GIVEN a 3 MB mail and a relay slowing Dovecot's answers to 1 MB/s, so its FETCH takes about 3 s
    const { dovecot, feeder } = await dovecotFor();
    const { proxy, url } = await proxyFor(dovecot);
    const raw = await bigScanMailFor("restart", 1, 3 * 1024 * 1024);
    await feeder.append("INBOX", raw);
    await feeder.logout();
    proxy.throttle(1024 * 1024);
    const { service, lines } = await serviceFor({ POSTKORB_IMAP_URL: url });
    // WHEN Dovecot is killed and started again three times, each time a third into the FETCH of that mail (the
    // relay drops its side at once: else the kernel's socket buffers would still deliver all 3 MB before the FIN)
    let seen = 0;
    for (let round = 1; round <= 3; round++) {
      await waitUntil(
        async () => proxy.connections() > seen && proxy.serverBytesOfNewest() > 1024 * 1024,
        30_000,
        `FETCH in flight ${round}`,
      );
      seen = proxy.connections();
      await dovecot.kill();
      proxy.dropConnections();
      await dovecot.start();
    }
    proxy.throttle(null);
    // THEN the mail is captured whole and routed, not quarantined
    const store = service.core.store;
    await waitUntil(async () => (await store.listDocuments()).length === 1, 30_000, "the mail routed");
    const messages = await store.listMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.status).toBe("processed");
    expect(messages[0]?.size).toBe(raw.length);
    expect(
      lines.filter((l) => l.msg === "imap connection lost with a mail in hand").length,
    ).toBeGreaterThanOrEqual(3);
    const check = await dovecot.connectClient();
    cleanups.push(() => check.logout().then(() => undefined));
    await waitUntil(async () => (await countMessages(check, "INBOX")) === 0, 10_000, "an empty INBOX");
  });

  it("quarantines a mail whose FETCH makes Dovecot drop the connection every time, and takes the mails after it", async () => {
    // GIVEN a mail whose maildir file is shorter than Dovecot's index says, and a good mail after it
    const { dovecot, feeder } = await dovecotFor();
    await feeder.append("INBOX", await scanMailFor("corrupt", 1));
    await feeder.append("INBOX", await scanMailFor("corrupt", 2));
    dovecot.truncateMailFile("<corrupt-1@terminal.example>", 200);
    // WHEN Postkorb runs
    const { service } = await serviceFor({ POSTKORB_IMAP_URL: dovecot.url() });
    const store = service.core.store;
    // THEN after a bounded number of dropped connections the broken mail is quarantined with the reason,
    // and the good one is routed
    await waitUntil(async () => (await store.listDocuments()).length === 1, 30_000, "the good mail routed");
    const quarantined = await store.listMessages({ status: "quarantined" });
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(/5× abgebrochen/);
    expect(await store.listMessages()).toHaveLength(2);
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 10_000, "an empty INBOX");
  });

  it("quarantines a mail that was in hand each time Postkorb died, instead of retrying it forever", async () => {
    // GIVEN a mail that Postkorb died on five times (recorded as the journal records a kill -9 in mid-FETCH)
    const { dovecot, feeder } = await dovecotFor();
    await feeder.append("INBOX", await scanMailFor("crash", 1));
    await feeder.append("INBOX", await scanMailFor("crash", 2));
    const box = await feeder.mailboxOpen("INBOX");
    await feeder.mailboxClose();
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    const dataDir = join(tmp.path, "data");
    const journalFile = join(dataDir, IMAP_JOURNAL_FILE);
    const key = imapSourceKey(parseImapSource(dovecot.url()), box.uidValidity, 1);
    mkdirSync(dataDir, { recursive: true });
    for (let death = 0; death < 5; death++)
      openFileTakeJournal(journalFile, recordingLogger().logger).begin(key);
    // WHEN Postkorb starts again
    const config = await testConfig(dataDir, { POSTKORB_IMAP_URL: dovecot.url() });
    const service = await startNodeService(config, recordingLogger().logger);
    cleanups.push(() => service.stop());
    await seedDemoOffice(service);
    // THEN that mail is kept as a quarantined placeholder without fetching it again, the next one is routed
    const store = service.core.store;
    await waitUntil(async () => (await store.listDocuments()).length === 1, 20_000, "the next mail routed");
    const quarantined = await store.listMessages({ status: "quarantined" });
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(/Postkorb wurde beendet/);
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 10_000, "an empty INBOX");
  });
});
