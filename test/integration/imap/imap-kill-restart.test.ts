import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { killHard, runCli, waitUntil } from "../../helpers/child-service.js";
import { type Dovecot, startDovecot } from "../../helpers/dovecot.js";
import { countMessages, scanMailFor } from "../../helpers/imap-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const ROUNDS = Number(process.env.POSTKORB_KILL_ROUNDS ?? 30);
const INITIAL_BACKLOG = 60;
const PER_ROUND = 3;
const PROCESSED = "Postkorb/Verarbeitet";

const CLI = fileURLToPath(new URL("../../../scripts/postkorb.mjs", import.meta.url));
const LIGHT_CHILD = fileURLToPath(new URL("../../helpers/imap-capture-child.ts", import.meta.url));
/** Of the rounds, this many run the whole `postkorb serve`; the rest the light capture child (same poller code). */
const FULL_ROUNDS = Number(process.env.POSTKORB_KILL_FULL_ROUNDS ?? 3);
const children = new Set<ChildProcess>();

/** A real child process; readiness is judged by the INBOX draining, so no port is needed. */
function spawnPostkorb(env: Record<string, string>, full = true): ChildProcess {
  const args = full ? [CLI, "serve"] : ["--import", "tsx", LIGHT_CHILD];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", process.env.POSTKORB_TEST_CHILD_LOG ? "inherit" : "ignore"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

let dovecot: Dovecot;
let feeder: ImapFlow;
const tmp = makeTempDir();

beforeAll(async () => {
  dovecot = await startDovecot();
  feeder = await dovecot.connectClient();
});
afterAll(async () => {
  for (const child of children) await killHard(child);
  await feeder.logout().catch(() => undefined);
  await dovecot.stop();
  tmp.remove();
});

// The timeout scales with ROUNDS (`npm run soak` runs 200): ~20 s a round on a busy 2-core box, + seed and drain.
describe("IMAP exactly once under kill -9", { timeout: Math.max(600_000, 120_000 + ROUNDS * 20_000) }, () => {
  it(`takes every mail exactly once when Postkorb is killed ${ROUNDS} times while draining a backlog`, async () => {
    const env = {
      POSTKORB_DATA_DIR: join(tmp.path, "data"),
      PORT: "0",
      POSTKORB_SMTP_PORT: "0",
      POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
      POSTKORB_IMAP_URL: dovecot.url(),
    };
    expect(runCli(["seed", "--demo"], env).status).toBe(0);
    // GIVEN a backlog in the INBOX, growing by a few mails every round
    let appended = 0;
    const append = async (n: number) => {
      for (let i = 0; i < n; i++) await feeder.append("INBOX", await scanMailFor("kill", appended++));
    };
    await append(INITIAL_BACKLOG);
    // WHEN Postkorb is started and SIGKILLed at a random moment while it drains, again and again
    for (let round = 0; round < ROUNDS; round++) {
      await append(PER_ROUND);
      const before = await countMessages(feeder, "INBOX");
      const child = spawnPostkorb(env, round % Math.ceil(ROUNDS / Math.max(1, FULL_ROUNDS)) === 0);
      // Kill within the draining window: right after the first mail left the INBOX, plus 0–300 ms.
      await waitUntil(async () => (await countMessages(feeder, "INBOX")) < before, 60_000, "draining");
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      await killHard(child);
    }
    // THEN a last, undisturbed run leaves the INBOX empty and every mail captured and routed exactly once
    const child = spawnPostkorb(env);
    const core = openEmbeddedCore(loadConfig(env));
    try {
      await waitUntil(async () => (await countMessages(feeder, "INBOX")) === 0, 60_000, "an empty INBOX");
      await waitUntil(
        async () => (await core.store.listMessages({ status: "processed" })).length === appended,
        60_000,
        "all mails processed",
      );
      const messages = await core.store.listMessages();
      const documents = await core.store.listDocuments({ limit: 100_000 });
      expect(messages).toHaveLength(appended);
      expect(new Set(messages.map((m) => m.messageIdHeader)).size).toBe(appended);
      expect(documents).toHaveLength(appended);
      expect(new Set(documents.map((d) => d.messageRef)).size).toBe(appended);
      // UID MOVE is atomic in Dovecot: the processed folder holds each mail once.
      expect(await countMessages(feeder, PROCESSED)).toBe(appended);
    } finally {
      core.close();
      await killHard(child);
    }
  });
});
