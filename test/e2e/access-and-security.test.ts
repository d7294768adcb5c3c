import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/ingest/new-id.js";
import { canonicalSubject } from "../../src/mail/scan-mail.js";
import { generateToken, hashToken } from "../../src/web/token-hash.js";
import {
  type DemoServer,
  findSeriousA11yViolations,
  launchBrowser,
  loginAs,
  newContext,
  saveScreenshot,
  sendScan,
  startDemoServer,
} from "./harness.js";

const SB1_CASE = { caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller" };

describe("need-to-know and security of the web inbox", () => {
  let server: DemoServer;
  let browser: Browser;
  let sb1Doc: string;
  let scriptDoc: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    const [doc] = await sendScan(server, {
      subject: canonicalSubject({ ...SB1_CASE, docType: "Kontoauszug" }),
    });
    sb1Doc = doc!.id;
    const [hostile] = await sendScan(server, {
      subject: `Scan Az: 50-1234/2026; Art: Kontoauszug <script>window.__pwned = 1</script>`,
      filename: `<script>window.__pwned=2</script><img src=x onerror=alert(1)>.pdf`,
    });
    scriptDoc = hostile!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function loggedIn(login: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginAs(page, server.baseUrl, login);
    return { context, page };
  }

  async function deniedEvents(login: string, documentId: string) {
    const events = await server.service.core.audit.historyOf("document", documentId);
    return events.filter((e) => e.action === "document.access-denied" && e.actor === login);
  }

  it("shows an accessible German login page with strict headers and sets a strict session cookie", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const response = await page.goto(`${server.baseUrl}/postkorb`);
    expect(page.url()).toContain("/anmelden?weiter=%2Fpostkorb");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(await page.getAttribute("html", "lang")).toBe("de");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "login");
    await loginAs(page, server.baseUrl, "sb1");
    expect(new URL(page.url()).pathname).toBe("/postkorb");
    const cookie = (await context.cookies()).find((c) => c.name === "pk_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", secure: false });
    await context.close();
  });

  it("refuses caseworker sb4 sb1's document by URL, PDF URL and API, and audits each refusal", async () => {
    const { context, page } = await loggedIn("sb4");
    const byUrl = await page.goto(`${server.baseUrl}/dokumente/${sb1Doc}`);
    expect(byUrl?.status()).toBe(403);
    await expect(page.locator("h1").textContent()).resolves.toBe("Kein Zugriff");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "forbidden");
    const byPdf = await page.request.get(`${server.baseUrl}/dokumente/${sb1Doc}/pdf`);
    expect(byPdf.status()).toBe(403);
    expect(byPdf.headers()["content-type"]).toContain("text/html");
    const token = generateToken();
    await server.service.core.users.addApiToken({
      id: newId(),
      login: "sb4",
      tokenHash: hashToken(token),
      label: "e2e",
    });
    const byApi = await fetch(`${server.baseUrl}/api/v1/documents/${sb1Doc}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(byApi.status).toBe(403);
    const byApiPdf = await fetch(`${server.baseUrl}/api/v1/documents/${sb1Doc}/pdf`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(byApiPdf.status).toBe(403);
    expect(await deniedEvents("sb4", sb1Doc)).toHaveLength(4);
    // and an action by URL is refused as well, the document stays open
    const csrf = await page.locator("input[name=_csrf]").first().getAttribute("value");
    const post = await page.request.post(`${server.baseUrl}/dokumente/${sb1Doc}/erledigt`, {
      form: { _csrf: csrf! },
    });
    expect(post.status()).toBe(403);
    expect((await server.service.core.store.getDocument(sb1Doc))?.status).toBe("open");
    await context.close();
  });

  it("refuses a POST without or with a wrong CSRF token", async () => {
    const { context, page } = await loggedIn("sb1");
    const missing = await page.request.post(`${server.baseUrl}/dokumente/${sb1Doc}/erledigt`, { form: {} });
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toContain("Sicherheitsprüfung");
    const wrong = await page.request.post(`${server.baseUrl}/dokumente/${sb1Doc}/erledigt`, {
      form: { _csrf: "x".repeat(43) },
    });
    expect(wrong.status()).toBe(403);
    const foreign = await page.request.post(`${server.baseUrl}/dokumente/${sb1Doc}/notiz`, {
      form: { _csrf: "irrelevant", text: "von fremder Seite" },
      headers: { Origin: "https://evil.example" },
    });
    expect(foreign.status()).toBe(403);
    expect((await server.service.core.store.getDocument(sb1Doc))?.status).toBe("open");
    await context.close();
  });

  it("renders a <script> in subject and file name as inert text", async () => {
    const { context, page } = await loggedIn("sb1");
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.baseUrl}/dokumente/${scriptDoc}`);
    const meta = await page.locator("dl.meta").textContent();
    expect(meta).toContain("<script>");
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main script, main img").count()).toBe(0);
    await page.goto(`${server.baseUrl}/postkorb`);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it("logs out, ends the session on the server and audits login and logout", async () => {
    const { context, page } = await loggedIn("sb2");
    await page.click("text=Abmelden");
    await page.waitForURL((u) => u.pathname === "/anmelden");
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("abgemeldet");
    await page.goto(`${server.baseUrl}/postkorb`);
    expect(new URL(page.url()).pathname).toBe("/anmelden");
    const actions = (await server.service.core.audit.historyOf("user", "sb2")).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.login", "auth.logout"]));
    await context.close();
  });
  it("throttles logins after five failures for an account, with a German message", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (let i = 0; i < 5; i++) {
      await page.goto(`${server.baseUrl}/anmelden`);
      await page.fill("#login", "sb5");
      await page.fill("#password", `falsch-${i}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.click("button[type=submit]"),
      ]);
      expect(response.status()).toBe(401);
    }
    await page.goto(`${server.baseUrl}/anmelden`);
    await page.fill("#login", "sb5");
    await page.fill("#password", "postkorb-demo");
    const [blocked] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click("button[type=submit]"),
    ]);
    expect(blocked.status()).toBe(429);
    expect(blocked.headers()["retry-after"]).toMatch(/^\d+$/);
    await expect(page.locator("[role=alert]").textContent()).resolves.toContain(
      "Zu viele fehlgeschlagene Anmeldeversuche",
    );
    const events = await server.service.core.audit.historyOf("user", "sb5");
    expect(events.filter((e) => e.action === "auth.login-failed")).toHaveLength(5);
    expect(events.some((e) => e.action === "auth.login-throttled")).toBe(true);
    await context.close();
  });
});
