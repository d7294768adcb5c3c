import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/db/open-sqlite.js";
import { teams } from "../../../src/db/schema.js";
import { createWalSync } from "../../../src/db/wal-sync.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function tempDir(): string {
  const dir = makeTempDir("wal-sync-");
  dirs.push(dir);
  return dir.path;
}

describe("SQLite writes with the WAL fsynced off the event loop", () => {
  it("runs in WAL mode with NORMAL sync, and concurrent atomic writes all land", async () => {
    const file = join(tempDir(), "p.sqlite");
    const database = openSqlite(file);
    const writes = Array.from({ length: 50 }, (_, i) =>
      database.atomic([
        database.db.insert(teams).values({ id: `t${i}`, name: `Team ${i}`, queueMode: "shared" }),
      ]),
    );
    await Promise.all(writes);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(await database.db.get(sql`PRAGMA synchronous`)).toEqual({ synchronous: 1 }); // NORMAL
    const rows = await database.db.select().from(teams);
    expect(rows).toHaveLength(50);
    database.close();
    // What was acknowledged is in the file after a reopen.
    const reopened = openSqlite(file);
    expect(await reopened.db.select().from(teams)).toHaveLength(50);
    reopened.close();
  });

  it("a failed atomic write rejects and leaves nothing behind", async () => {
    const database = openSqlite(join(tempDir(), "p.sqlite"));
    await database.atomic([database.db.insert(teams).values({ id: "a", name: "A", queueMode: "shared" })]);
    await expect(
      database.atomic([
        database.db.insert(teams).values({ id: "b", name: "B", queueMode: "shared" }),
        database.db.insert(teams).values({ id: "a", name: "again", queueMode: "shared" }),
      ]),
    ).rejects.toThrow(/UNIQUE/);
    expect((await database.db.select().from(teams)).map((t) => t.id)).toEqual(["a"]);
    database.close();
  });

  it("reused prepared statements still return objects after drizzle asked for raw rows", async () => {
    const database = openSqlite(join(tempDir(), "p.sqlite"));
    await database.atomic([database.db.insert(teams).values({ id: "a", name: "A", queueMode: "shared" })]);
    for (let i = 0; i < 3; i++) {
      // select({...}) reads raw rows; the relational query on the same SQL shape reads objects.
      const picked = await database.db.select({ name: teams.name }).from(teams).where(eq(teams.id, "a"));
      expect(picked).toEqual([{ name: "A" }]);
      const all = await database.db.select().from(teams).where(eq(teams.id, "a"));
      expect(all[0]).toMatchObject({ id: "a", name: "A" });
      const found = await database.db.query.teams.findFirst({ where: eq(teams.id, "a") });
      expect(found).toMatchObject({ id: "a", name: "A" });
      // Plain SQL reads objects: the very statement drizzle just used for raw rows.
      const query = database.db.select({ name: teams.name }).from(teams).where(eq(teams.id, "a"));
      const text = query.toSQL().sql;
      expect(text.endsWith("?")).toBe(true);
      await query;
      expect(await database.db.all(sql`${sql.raw(text.slice(0, -1))}${"a"}`)).toEqual([{ name: "A" }]);
    }
    database.close();
  });

  it("says so when there is no WAL file, and syncs once it exists", async () => {
    const file = join(tempDir(), "none.sqlite");
    const walSync = createWalSync(file);
    await expect(walSync.sync()).rejects.toThrow(/ENOENT/);
    writeFileSync(`${file}-wal`, "");
    await Promise.all([walSync.sync(), walSync.sync(), walSync.sync()]);
    await walSync.close();
  });
});
