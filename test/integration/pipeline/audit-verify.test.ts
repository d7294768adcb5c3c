import { writeFileSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { runCli } from "../../helpers/child-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
const env = {
  POSTKORB_DATA_DIR: join(tmp.path, "data"),
  POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
};

beforeAll(async () => {
  expect(runCli(["seed", "--demo"], env).status).toBe(0);
  for (const i of [1, 2, 3]) {
    const raw = await buildScanMail({
      subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
      messageId: `<audit-${i}@terminal.example>`,
      attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: i }) }],
    });
    writeFileSync(join(tmp.path, `scan-${i}.eml`), raw);
  }
  expect(runCli(["ingest", tmp.path], env).status).toBe(0);
});
afterAll(() => tmp.remove());

describe("postkorb audit verify", () => {
  it("passes on a normal run", () => {
    const result = runCli(["audit", "verify"], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Prüfkette in Ordnung: \d+ Ereignisse/);
  });

  it("fails and names the event after one event row was altered in SQLite", () => {
    // GIVEN someone edits the reason of a routing event directly in the database
    const db = new BetterSqlite3(join(tmp.path, "data", "postkorb.sqlite"));
    const target = db
      .prepare("SELECT seq FROM events WHERE action = 'document.routed' ORDER BY seq LIMIT 1")
      .get() as { seq: number };
    db.prepare("UPDATE events SET data = replace(data, 'sb1', 'sb2') WHERE seq = ?").run(target.seq);
    db.close();
    // WHEN the chain is verified THEN it fails at exactly that event
    const result = runCli(["audit", "verify"], env);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(`GEBROCHEN bei Ereignis #${target.seq} (document.routed`);
  });

  it("re-ingesting the same .eml files creates nothing new", () => {
    const result = runCli(["ingest", tmp.path, "--json"], env);
    const rows = JSON.parse(result.stdout) as { status: string }[];
    expect(rows.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    const docs = JSON.parse(runCli(["documents", "--json"], env).stdout) as unknown[];
    expect(docs).toHaveLength(3);
  });
});
