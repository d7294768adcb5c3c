import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoOffice, DEMO_PASSWORD } from "../../../scripts/demo/demo-office.js";
import { loadConfig } from "../../../src/config.js";
import type { Database } from "../../../src/db/database.js";
import { createLoginFailureRepository } from "../../../src/db/login-failure-repository.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../../src/db/office-seed.js";
import { openSqlite } from "../../../src/db/open-sqlite.js";
import { loginFailures, sessions } from "../../../src/db/schema.js";
import { silentLogger } from "../../../src/log.js";
import { type NodeService, startNodeService } from "../../../src/runtime/node-service.js";
import { createLoginThrottle } from "../../../src/web/auth/login-throttle.js";
import { createPageClient } from "../../helpers/page-client.js";

function createClient(base: string) {
  const client = createPageClient(base);
  return { ...client, login: client.tryLogin };
}

describe("web sessions and login", () => {
  let service: NodeService;
  let dataDir: string;
  let base: string;
  let now = Date.now();
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "postkorb-web-"));
    const config = loadConfig({
      POSTKORB_DATA_DIR: dataDir,
      PORT: "0",
      POSTKORB_SMTP_PORT: "0",
      POSTKORB_SESSION_IDLE_MINUTES: "30",
      POSTKORB_LOG_LEVEL: "silent",
    });
    service = await startNodeService(config, silentLogger, { clock: { now: () => new Date(now) } });
    const seed = parseOfficeSeed(await buildDemoOffice(new Date()));
    if (!seed.ok) throw new Error(seed.reason);
    await applyOfficeSeed(service.core.database, seed.seed, "test", new Date());
    base = `http://127.0.0.1:${service.httpPort}`;
  });
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers an unknown address with the German 404 page, and an unknown API path with JSON", async () => {
    const client = createClient(base);
    expect((await client.request("/gibt-es-nicht")).status).toBe(303); // not logged in: to the login page
    await client.login("sb1");
    const page = await client.request("/gibt-es-nicht");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("Diese Seite gibt es nicht.");
    const api = await client.request("/api/v1/gibt-es-nicht");
    expect(api.status).toBe(401); // the API knows no session cookies, only Bearer tokens
    const unknownRoot = await fetch(`${base}/api/v2/x`);
    expect(unknownRoot.status).toBe(404);
    expect(await unknownRoot.json()).toMatchObject({ error: { code: "not-found" } });
  });

  it("stores only the hash of the session id, never the cookie value", async () => {
    const client = createClient(base);
    const res = await client.login("sb1");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/postkorb");
    const cookie = client.cookies.get("pk_session")!;
    const stored = JSON.stringify(await service.core.database.db.select().from(sessions));
    expect(stored).not.toContain(cookie);
    expect(stored).toContain("sb1");
  });

  it("ends a session after 30 idle minutes and asks to log in again", async () => {
    const client = createClient(base);
    await client.login("sb1");
    expect((await client.request("/postkorb")).status).toBe(200);
    now += 29 * 60_000;
    expect((await client.request("/postkorb")).status).toBe(200);
    now += 31 * 60_000;
    const expired = await client.request("/postkorb");
    expect(expired.status).toBe(303);
    expect(expired.headers.get("Location")).toBe("/anmelden?weiter=%2Fpostkorb&abgelaufen=1");
    const page = await (await client.request(expired.headers.get("Location")!)).text();
    expect(page).toContain("Ihre Sitzung ist abgelaufen");
  });

  it("does not redirect to another site after login", async () => {
    const client = createClient(base);
    const _csrf = await client.csrfFrom("/anmelden");
    const res = await client.request("/anmelden", {
      method: "POST",
      body: new URLSearchParams({ _csrf, login: "sb2", password: DEMO_PASSWORD, weiter: "//evil.example/x" }),
    });
    expect(res.headers.get("Location")).toBe("/");
  });

  it("refuses the login form without its CSRF token", async () => {
    const client = createClient(base);
    const res = await client.request("/anmelden", {
      method: "POST",
      body: new URLSearchParams({ login: "sb2", password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(client.cookies.has("pk_session")).toBe(false);
  });

  it("serves assets with a JS content type under the page CSP and refuses other names", async () => {
    const js = await fetch(`${base}/assets/inbox.js`);
    expect(js.headers.get("Content-Type")).toContain("text/javascript");
    expect((await fetch(`${base}/assets/..%2Fpage-app.tsx`)).status).toBe(404);
    expect((await fetch(`${base}/assets/secret.txt`)).status).toBe(404);
  });
});

describe("login throttle (failures counted in SQLite)", () => {
  const limits = { perAccount: 5, perAddress: 20, windowMinutes: 15 };
  const t0 = new Date("2026-11-25T08:00:00Z");
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  let dir: string;
  const databases: Database[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "postkorb-throttle-"));
  });
  afterAll(() => {
    for (const d of databases) d.close();
    rmSync(dir, { recursive: true, force: true });
  });
  /** A throttle over its own connection to `file`: as a second process, or another Worker isolate, would be. */
  function throttleOn(file: string) {
    const database = openSqlite(join(dir, file));
    databases.push(database);
    return { throttle: createLoginThrottle(limits, createLoginFailureRepository(database.db)), database };
  }

  it("blocks an account after five failures until the oldest one leaves the 15-minute window", async () => {
    const { throttle } = throttleOn("account.sqlite");
    for (let i = 0; i < 5; i++)
      await throttle.recordFailure({ account: "sb1", address: `127.0.3.${i}` }, at(i));
    expect(await throttle.retryAfterSeconds({ account: "sb1", address: "127.0.0.99" }, at(5))).toBe(10 * 60);
    expect(await throttle.retryAfterSeconds({ account: "sb2", address: "127.0.0.99" }, at(5))).toBe(0);
    expect(await throttle.retryAfterSeconds({ account: "sb1", address: "127.0.0.99" }, at(15))).toBe(0);
  });

  it("blocks one address after twenty failures across accounts, and a success does not reset the address", async () => {
    const { throttle } = throttleOn("address.sqlite");
    for (let i = 0; i < 20; i++)
      await throttle.recordFailure({ account: `user${i}`, address: "127.0.1.1" }, at(0));
    await throttle.recordSuccess({ account: "user3", address: "127.0.1.1" });
    expect(await throttle.retryAfterSeconds({ account: "sb6", address: "127.0.1.1" }, at(1))).toBe(14 * 60);
    expect(await throttle.retryAfterSeconds({ account: "sb6", address: "127.0.1.2" }, at(1))).toBe(0);
  });

  it("counts the failures of every connection to the database together, and a success clears the account", async () => {
    const first = throttleOn("shared.sqlite");
    const second = throttleOn("shared.sqlite");
    for (let i = 0; i < 3; i++)
      await first.throttle.recordFailure({ account: "sb1", address: "127.0.2.1" }, at(i));
    for (let i = 3; i < 5; i++)
      await second.throttle.recordFailure({ account: "sb1", address: "127.0.2.2" }, at(i));
    expect(await first.throttle.retryAfterSeconds({ account: "sb1", address: "127.0.2.3" }, at(5))).toBe(
      10 * 60,
    );
    await second.throttle.recordSuccess({ account: "sb1", address: "127.0.2.2" });
    expect(await first.throttle.retryAfterSeconds({ account: "sb1", address: "127.0.2.3" }, at(5))).toBe(0);
  });

  it("keeps login names and addresses no longer than the window: the next attempt drops older ones", async () => {
    const { throttle, database } = throttleOn("prune.sqlite");
    const keys = async () => (await database.db.select().from(loginFailures)).map((r) => r.key).sort();
    for (let i = 0; i < 50; i++)
      await throttle.recordFailure({ account: `spray${i}`, address: `127.0.4.${i}` }, at(0));
    expect(await keys()).toHaveLength(100);
    // A login attempt 16 minutes later, successful or not, is checked first: that drops all 100 rows.
    expect(await throttle.retryAfterSeconds({ account: "sb1", address: "127.0.2.1" }, at(16))).toBe(0);
    expect(await keys()).toEqual([]);
    await throttle.recordFailure({ account: "sb1", address: "127.0.2.1" }, at(16));
    expect(await keys()).toEqual(["adresse:127.0.2.1", "konto:sb1"]);
  });
});
