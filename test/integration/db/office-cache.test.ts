import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { buildDemoOffice } from "../../../scripts/demo/demo-office.js";
import { createOfficeCache, loadOffice } from "../../../src/db/office-queries.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../../src/db/office-seed.js";
import { openSqlite } from "../../../src/db/open-sqlite.js";
import { caseRegister, documents, messages, teams } from "../../../src/db/schema.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function seededFile(): Promise<string> {
  const dir = makeTempDir("office-cache-");
  cleanups.push(() => dir.remove());
  const file = join(dir.path, "p.sqlite");
  const database = openSqlite(file);
  const parsed = parseOfficeSeed(await buildDemoOffice(new Date("2026-12-01T09:00:00Z")));
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(database, parsed.seed, "test", new Date());
  database.close();
  return file;
}

function open(file: string) {
  const database = openSqlite(file);
  cleanups.push(() => database.close());
  return database;
}

describe("office snapshot cache", () => {
  it("reads the routing data once and again only after a change, also from another process's connection", async () => {
    const file = await seededFile();
    const service = open(file);
    const cli = open(file); // a second connection, as `postkorb seed` or the web UI of another process
    const load = createOfficeCache(service.db);

    const first = await load();
    expect(first).toEqual(await loadOffice(service.db));
    const second = await load();
    expect(second.register).toBe(first.register); // unchanged: the same (frozen) objects
    expect(Object.isFrozen(second.register[0])).toBe(true);

    const entry = first.register[0]!;
    const other = first.people.find((p) => p.role === "caseworker" && p.login !== entry.assignee)!;
    await cli.db
      .update(caseRegister)
      .set({ assignee: other.login })
      .where(eq(caseRegister.caseRef, entry.caseRef));
    const third = await load();
    expect(third.register).not.toBe(first.register);
    expect(third.register.find((r) => r.caseRef === entry.caseRef)?.assignee).toBe(other.login);

    await cli.db.insert(teams).values({ id: "neu", name: "Neues Team", queueMode: "shared" });
    expect((await load()).teams.map((t) => t.id)).toContain("neu");
  });

  it("counts open documents fresh on every call, for members of capacity-aware teams only", async () => {
    const file = await seededFile();
    const database = open(file);
    const load = createOfficeCache(database.db);
    const office = await load();
    const team = office.teams[0]!;
    await database.db.update(teams).set({ queueMode: "fewest-open" }).where(eq(teams.id, team.id));
    const member = office.people.find((p) => p.teamId === team.id && p.role === "caseworker")!;
    const outsider = office.people.find((p) => p.teamId && p.teamId !== team.id && p.role === "caseworker")!;
    expect((await load()).openCounts).toEqual({});

    const now = new Date().toISOString();
    await database.db.insert(messages).values({
      id: "m1",
      source: "eml",
      sourceKey: "eml:1",
      sha256: "0".repeat(64),
      size: 1,
      receivedAt: now,
      capturedAt: now,
      blobKey: "0".repeat(64),
      status: "processed",
    });
    const doc = (id: string, assignee: string) => ({
      id,
      messageRef: "m1",
      partKey: id,
      pageCount: 1,
      pages: "[0]",
      blobKey: "0".repeat(64),
      originalBlobKey: "0".repeat(64),
      sha256: "0".repeat(64),
      originalSha256: "0".repeat(64),
      metadataSource: "subject",
      queue: `user:${assignee}`,
      assignee,
      routeRule: "register",
      routeReason: "-",
      routeReasonEn: "-",
      receivedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await database.db
      .insert(documents)
      .values([doc("d1", member.login), doc("d2", member.login), doc("d3", outsider.login)]);
    expect((await load()).openCounts).toEqual({ [member.login]: 2 });
    await database.db.update(documents).set({ status: "done" }).where(eq(documents.id, "d1"));
    expect((await load()).openCounts).toEqual({ [member.login]: 1 });
  });
});
