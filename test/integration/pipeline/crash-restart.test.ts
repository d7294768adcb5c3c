import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { killHard, runCli, startChildService, waitUntil } from "../../helpers/child-service.js";
import { freePort } from "../../helpers/free-port.js";
import { sendRaw } from "../../helpers/send-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

let tmp: ReturnType<typeof makeTempDir>;
let env: Record<string, string>;
let smtpPort: number;

beforeEach(async () => {
  tmp = makeTempDir();
  smtpPort = await freePort();
  env = {
    POSTKORB_DATA_DIR: join(tmp.path, "data"),
    PORT: String(await freePort()),
    POSTKORB_SMTP_PORT: String(smtpPort),
    POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
  };
  expect(runCli(["seed", "--demo"], env).status).toBe(0);
});
afterEach(() => tmp.remove());

function readState() {
  const core = openEmbeddedCore(loadConfig(env));
  return {
    async counts() {
      const messages = await core.store.listMessages();
      const documents = await core.store.listDocuments({ limit: 100_000 });
      return { messages, documents };
    },
    close: () => core.close(),
  };
}

async function scanMail(i: number): Promise<Uint8Array> {
  return buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
    messageId: `<crash-${i}@terminal.example>`,
    attachments: [{ filename: `scan-${i}.pdf`, content: await makeScanPdf({ pages: 1, seed: i }) }],
  });
}

describe("crash and restart", () => {
  it("processes a mail captured before a crash exactly once after restart", async () => {
    // GIVEN a mail that was captured (committed) but the process died before processing it
    const core = openEmbeddedCore(loadConfig(env));
    const captured = await core.capture({ raw: await scanMail(1), source: "smtp", receivedAt: new Date() });
    core.close();
    expect(captured.created).toBe(true);
    // WHEN the service starts
    const child = await startChildService(env, smtpPort);
    const state = readState();
    try {
      await waitUntil(
        async () => (await state.counts()).documents.length > 0,
        20_000,
        "the resumed document",
      );
      await killHard(child);
      const again = await startChildService(env, smtpPort);
      await new Promise((r) => setTimeout(r, 500));
      await killHard(again);
      // THEN the document exists once, the message is processed
      const { messages, documents } = await state.counts();
      expect(messages.map((m) => m.status)).toEqual(["processed"]);
      expect(documents).toHaveLength(1);
    } finally {
      state.close();
      await killHard(child);
    }
  });

  it("loses and doubles nothing when killed with SIGKILL in the middle of a burst", async () => {
    const mails = await Promise.all(Array.from({ length: 30 }, (_, i) => scanMail(100 + i)));
    const acknowledged = new Set<number>();
    const state = readState();
    let child = await startChildService(env, smtpPort);
    try {
      // WHEN the terminal sends 30 scans and the service is killed once about a third are captured
      const sending = sendAll(mails, acknowledged, 3);
      await waitUntil(async () => (await state.counts()).messages.length >= 10, 30_000, "10 captured mails");
      await killHard(child);
      await sending;
      // AND the terminal resends everything it has no 250 for (plus a few it has, as a retrying client may)
      child = await startChildService(env, smtpPort);
      const resend = mails.map((_, i) => i).filter((i) => !acknowledged.has(i) || i % 7 === 0);
      await sendAll(mails, acknowledged, 3, resend);
      expect(acknowledged.size).toBe(30);
      // THEN every mail ends as exactly one document
      await waitUntil(
        async () => (await state.counts()).messages.every((m) => m.status === "processed"),
        30_000,
        "all processed",
      );
      const { messages, documents } = await state.counts();
      expect(messages).toHaveLength(30);
      expect(documents).toHaveLength(30);
      expect(new Set(messages.map((m) => m.messageIdHeader)).size).toBe(30);
      expect(new Set(documents.map((d) => d.messageRef)).size).toBe(30);
    } finally {
      state.close();
      await killHard(child);
    }
  });
});

async function sendAll(mails: Uint8Array[], acknowledged: Set<number>, concurrency: number, only?: number[]) {
  const queue = [...(only ?? mails.map((_, i) => i))];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        try {
          const reply = await sendRaw(smtpPort, mails[i]!);
          if (reply.startsWith("250")) acknowledged.add(i);
        } catch {
          // connection died with the service: the terminal will resend
        }
      }
    }),
  );
}
