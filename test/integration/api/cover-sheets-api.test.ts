import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverSheets, events } from "../../../src/db/schema.js";
import { newId } from "../../../src/ingest/new-id.js";
import { createCoverSheetSplitter } from "../../../src/pdf/cover-sheet-splitter.js";
import { createQrWorkerPool } from "../../../src/pdf/qr-worker-pool.js";
import { generateToken, hashToken } from "../../../src/web/token-hash.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService;
const token = generateToken();
const pool = createQrWorkerPool(1);

beforeAll(async () => {
  service = await startTestService(join(tmp.path, "data"));
  await service.core.users.addApiToken({
    id: newId(),
    login: "sb1",
    tokenHash: hashToken(token),
    label: "test",
  });
});
afterAll(async () => {
  await pool.close();
  await service.stop();
  tmp.remove();
});

const post = (body: unknown) =>
  fetch(`http://127.0.0.1:${service.httpPort}/api/v1/cover-sheets`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("POST /api/v1/cover-sheets", () => {
  it("returns a printable PDF whose sheets are recorded, audited and split by the pipeline", async () => {
    const res = await post({ caseRef: "50-1234/2026", docType: "Kontoauszug", surname: "Müller", count: 2 });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const serials = res.headers.get("x-cover-sheet-serials")!.split(",");
    expect(serials).toHaveLength(2);
    const { db } = service.core.database;
    const row = (await db.select().from(coverSheets).where(eq(coverSheets.serial, serials[0]!)))[0];
    expect(row).toMatchObject({
      caseRef: "50-1234/2026",
      docType: "Kontoauszug",
      issuedBy: "sb1",
      surname: "Müller",
    });
    const issued = await db.select().from(events).where(eq(events.action, "cover-sheet.issued"));
    expect(issued.map((e) => e.subjectId)).toEqual(expect.arrayContaining(serials));
    // The issued sheets verify under the service's own keyring.
    const split = createCoverSheetSplitter({ keyring: service.core.coverSheetKeyring, pool: () => pool });
    const result = await split(new Uint8Array(await res.arrayBuffer()));
    expect(result.ok && result.parts.map((p) => p.flags)).toEqual([
      ["deckblatt-ohne-dokument"],
      ["deckblatt-ohne-dokument"],
    ]);
  });

  it("refuses an unknown document type with a German reason", async () => {
    const res = await post({ docType: "Zeugnis" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Unbekannte Dokumentart/,
    );
  });
});
