import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { processMessage } from "../../src/ingest/process-message.js";
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { openEmbeddedCore } from "../../src/runtime/embedded-core.js";
import { startDovecot } from "../helpers/dovecot.js";
import { countMessages, scanMailFor } from "../helpers/imap-mail.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const bun = `${root}node_modules/.bin/bun`;
const dataDir = makeTempDir("postkorb-bun-");
afterAll(() => dataDir.remove());

async function runBunSmoke(mails: number): Promise<{ runtime: string; documents: number; messages: number }> {
  const { stdout } = await run(bun, ["run", "scripts/bun-smoke.ts", dataDir.path, String(mails)], {
    cwd: root,
    timeout: 90_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

describe("Bun runtime", () => {
  it("routes scan mails sent over SMTP to the service running on Bun (bun:sqlite, Bun.serve)", async () => {
    const seen = await runBunSmoke(3);
    expect(seen.runtime).toMatch(/^bun 1\./);
    expect(seen).toMatchObject({ documents: 3, messages: 3 });
  });

  it("shares the data directory with Node: written under Bun, read and extended under Node, read under Bun", async () => {
    // GIVEN the data directory the previous test wrote under Bun, WHEN Node opens it
    const core = openEmbeddedCore(loadConfig({ POSTKORB_DATA_DIR: dataDir.path }));
    try {
      expect(await core.store.listDocuments()).toHaveLength(3);
      // AND Node captures and routes one more mail into it
      const raw = await buildScanMail({
        subject: canonicalSubject({ caseRef: "50-1234/2026" }),
        messageId: "<written-by-node@kundencenter.example>",
        attachments: [{ filename: "node.pdf", content: await makeScanPdf({ pages: 1, seed: 11 }) }],
      });
      const captured = await core.capture({ raw, source: "eml", receivedAt: new Date() });
      expect(await processMessage(core.pipeline, captured.message.id)).toMatchObject({ status: "processed" });
    } finally {
      core.close();
    }
    // THEN Bun opens it again, sees Node's document and adds its own
    expect(await runBunSmoke(1)).toMatchObject({ documents: 5, messages: 5 });
  });

  it("takes mail from a real Dovecot with the IMAP poller under Bun, receivedAt = INTERNALDATE", async () => {
    // GIVEN two mails in a private Dovecot's INBOX with explicit receipt times
    const dovecot = await startDovecot();
    const feeder = await dovecot.connectClient();
    const imapData = makeTempDir("postkorb-bun-imap-");
    try {
      const dates = [new Date("2026-11-24T08:15:00Z"), new Date("2026-11-24T13:05:30Z")];
      for (const [i, date] of dates.entries())
        await feeder.append("INBOX", await scanMailFor("bun-imap", i), [], date);
      // WHEN the service runs on Bun with the poller pointed at it
      const { stdout } = await run(
        bun,
        ["run", "scripts/bun-imap-smoke.ts", imapData.path, dovecot.url(), "2"],
        {
          cwd: root,
          timeout: 90_000,
        },
      );
      const seen = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
        documents: { messageId: string; source: string; receivedAt: string; assignee: string }[];
      };
      // THEN both are routed to sb1 with the server's INTERNALDATE, and the INBOX is empty
      const byId = new Map(seen.documents.map((d) => [d.messageId, d]));
      for (const [i, date] of dates.entries()) {
        const doc = byId.get(`<bun-imap-${i}@terminal.example>`);
        expect(doc).toMatchObject({ source: "imap", assignee: "sb1" });
        expect(Date.parse(doc!.receivedAt)).toBe(date.getTime());
      }
      expect(await countMessages(feeder, "INBOX")).toBe(0);
      expect(await countMessages(feeder, "Postkorb/Verarbeitet")).toBe(2);
    } finally {
      await feeder.logout().catch(() => undefined);
      await dovecot.stop();
      imapData.remove();
    }
  });

  it("passes the domain, ingest and mail-parser unit tests under Bun's test runner", async () => {
    const files = ["test/unit/domain", "test/unit/ingest", "test/unit/mail/mail-parsers.test.ts"];
    const { stderr } = await run(bun, ["test", ...files], { cwd: root, timeout: 120_000 });
    expect(stderr).toMatch(/\b0 fail\b/);
  });
});
