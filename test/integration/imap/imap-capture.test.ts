import type { ImapFlow } from "imapflow";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../../helpers/child-service.js";
import { type Dovecot, startDovecot } from "../../helpers/dovecot.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { countMessages, scanMailFor } from "../../helpers/imap-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const PROCESSED = "Postkorb/Verarbeitet";

let dovecot: Dovecot;
let feeder: ImapFlow;
let tmp: ReturnType<typeof makeTempDir>;
let service: TestService | null = null;

beforeAll(async () => {
  dovecot = await startDovecot();
  feeder = await dovecot.connectClient();
});
afterAll(async () => {
  await feeder.logout().catch(() => undefined);
  await dovecot.stop();
});
afterEach(async () => {
  await service?.stop();
  service = null;
  tmp.remove();
  // Each test starts from an empty INBOX and no processed folder.
  for (const path of [PROCESSED, "Postkorb"]) await feeder.mailboxDelete(path).catch(() => undefined);
  await feeder.mailboxOpen("INBOX");
  await feeder.messageDelete("1:*").catch(() => undefined);
  await feeder.mailboxClose();
});

async function startService(env: Record<string, string> = {}): Promise<TestService> {
  tmp = makeTempDir();
  service = await startTestService(tmp.path, { env: { POSTKORB_IMAP_URL: dovecot.url(), ...env } });
  return service;
}

async function documentsOf(s: TestService) {
  return s.core.store.listDocuments({ limit: 100_000 });
}

describe("IMAP poller against a real Dovecot", () => {
  it("captures appended mails with their INTERNALDATE as receivedAt and moves them to the processed folder", async () => {
    // GIVEN three mails appended with explicit INTERNALDATEs before Postkorb starts
    const dates = [
      new Date("2026-03-02T07:15:00.000Z"),
      new Date("2026-03-02T07:16:30.000Z"),
      new Date("2026-03-03T12:00:00.000Z"),
    ];
    for (const [i, date] of dates.entries())
      await feeder.append("INBOX", await scanMailFor("idate", i), [], date);
    // WHEN the service runs
    const s = await startService();
    await waitUntil(async () => (await documentsOf(s)).length === 3, 15_000, "three documents");
    // THEN receivedAt is exactly the INTERNALDATE, the INBOX is empty, all mails are in the processed folder
    const messages = await s.core.store.listMessages();
    expect(messages.map((m) => m.receivedAt)).toEqual(dates.map((d) => d.toISOString()));
    expect(
      messages.every((m) => /^imap:imap:\/\/postkorb@127\.0\.0\.1:\d+\/INBOX:\d+:\d+$/.test(m.sourceKey)),
    ).toBe(true);
    expect(messages.every((m) => m.receivedChain === null || Array.isArray(m.receivedChain))).toBe(true);
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 5_000, "an empty INBOX");
    expect(await countMessages(feeder, PROCESSED)).toBe(3);
  });

  it("routes a mail appended by another connection within 2 seconds while idling", async () => {
    const s = await startService();
    await waitUntil(async () => s.core.store !== null && (await healthState(s)) === "idle", 10_000, "IDLE");
    const appendedAt = Date.now();
    await feeder.append("INBOX", await scanMailFor("idle", 1));
    await waitUntil(async () => (await documentsOf(s)).length === 1, 5_000, "the routed document");
    expect(Date.now() - appendedAt).toBeLessThan(2_000);
  });

  it("quarantines an oversize mail with the reason and still takes the mails after it", async () => {
    // GIVEN a 0.2 MB limit, a 1 MB mail between two normal ones, and a mail with broken MIME
    const big = Buffer.concat([await scanMailFor("big", 0), Buffer.alloc(1024 * 1024, "A")]);
    const broken = Buffer.from(
      'Message-ID: <broken@terminal.example>\r\nSubject: Scan\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%not base64\r\n',
    );
    await feeder.append("INBOX", await scanMailFor("poison", 1));
    await feeder.append("INBOX", big);
    await feeder.append("INBOX", broken);
    await feeder.append("INBOX", await scanMailFor("poison", 2));
    const s = await startService({ POSTKORB_MAX_MESSAGE_MB: "0.2" });
    // THEN both normal mails become documents, the oversize and the broken one are quarantined with reasons
    await waitUntil(async () => (await documentsOf(s)).length === 2, 15_000, "two documents");
    await waitUntil(
      async () => (await s.core.store.listMessages({ status: "quarantined" })).length === 2,
      10_000,
      "two quarantined mails",
    );
    const quarantined = await s.core.store.listMessages({ status: "quarantined" });
    expect(quarantined.map((m) => m.reason).join(" | ")).toMatch(/zu groß/);
    await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 5_000, "an empty INBOX");
    expect(await countMessages(feeder, PROCESSED)).toBe(4);
  });
});

async function healthState(s: TestService): Promise<string | undefined> {
  const res = await fetch(`http://127.0.0.1:${s.httpPort}/healthz`);
  const body = (await res.json()) as { sources: { kind: string; state: string }[] };
  return body.sources.find((x) => x.kind === "imap")?.state;
}
