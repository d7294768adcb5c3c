import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { runCli } from "../../helpers/child-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

// Each CLI run starts tsx in a child process: seconds each on a busy 2-core machine, hence the longer timeouts.
const tmp = makeTempDir();
const inbox = join(tmp.path, "eml");
const env = {
  POSTKORB_DATA_DIR: join(tmp.path, "data"),
  POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
};

async function scanMail(name: string, seed: number): Promise<Uint8Array> {
  return buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
    messageId: `<cli-${name}@terminal.example>`,
    attachments: [{ filename: `${name}.pdf`, content: await makeScanPdf({ pages: 1, seed }) }],
  });
}

interface Row {
  file: string;
  status: string;
  message: string | null;
  reason?: string;
  resumed?: boolean;
  documents?: string[];
}

const byName = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.file.split("/").pop(), r]));

beforeAll(async () => {
  expect(runCli(["seed", "--demo"], env).status).toBe(0);
  mkdirSync(inbox);
  writeFileSync(join(inbox, "a.eml"), await scanMail("a", 1));
  // A directory that looks like an .eml file: reading it fails with an error nobody planned for.
  mkdirSync(join(inbox, "b.eml"));
  writeFileSync(join(inbox, "c.eml"), await scanMail("c", 3));
  // d.eml was captured by an earlier run that died before processing it: it is pending.
  const pending = await scanMail("d", 4);
  writeFileSync(join(inbox, "d.eml"), pending);
  const core = openEmbeddedCore(loadConfig(env));
  try {
    const captured = await core.capture({ raw: pending, source: "eml", receivedAt: new Date() });
    expect(captured.message.status).toBe("pending");
  } finally {
    core.close();
  }
}, 120_000);
afterAll(() => tmp.remove());

async function expectStored(expected: { messages: string[]; documents: number }): Promise<void> {
  const core = openEmbeddedCore(loadConfig(env));
  try {
    expect((await core.store.listMessages()).map((m) => m.status)).toEqual(expected.messages);
    expect(await core.store.listDocuments({ limit: 1000 })).toHaveLength(expected.documents);
  } finally {
    core.close();
  }
}

describe("postkorb ingest <dir>", () => {
  it("goes on after one file's unexpected error, processes a pending capture, and exits non-zero", async () => {
    const result = runCli(["ingest", inbox, "--json"], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("1 von 4 Datei(en) nicht verarbeitet");
    const rows = byName(JSON.parse(result.stdout) as Row[]);
    expect(rows["a.eml"]).toMatchObject({ status: "processed" });
    expect(rows["b.eml"]).toMatchObject({ status: "error", message: null });
    expect(rows["b.eml"]?.reason).toMatch(/EISDIR/);
    expect(rows["c.eml"]).toMatchObject({ status: "processed" });
    expect(rows["d.eml"]).toMatchObject({ status: "processed", resumed: true });
    expect(rows["d.eml"]?.documents).toHaveLength(1);

    await expectStored({ messages: ["processed", "processed", "processed"], documents: 3 });
  }, 120_000);

  it("reports processed files as duplicates on a second run and names the failing file in plain text", async () => {
    const result = runCli(["ingest", inbox], env);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.includes("schon erfasst als"))).toHaveLength(3);
    expect(lines.find((l) => l.includes("b.eml"))).toMatch(/b\.eml: FEHLER: .*EISDIR/);
    await expectStored({ messages: ["processed", "processed", "processed"], documents: 3 });
  }, 120_000);
});
