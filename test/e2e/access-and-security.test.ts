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

  it("lets a former handler read a document that left their queue, but not act on it", async () => {
    const [doc] = await sendScan(server, { subject: canonicalSubject({ ...SB1_CASE, docType: "Antrag" }) });
    const { context, page } = await loggedIn("sb1");
    await page.goto(`${server.baseUrl}/dokumente/${doc!.id}`);
    await page.click("summary:has-text('Weiterleiten')");
    await page.selectOption("#ziel", "person:sb2");
    await page.fill("#weiterleiten-notiz", "Zuständigkeit sb2");
    await page.click("form[action$=weiterleiten] button[type=submit]");
    await page.waitForURL((u) => u.pathname === "/postkorb");
    // WHEN sb1 opens it again from the history: it is readable, but offers no action except a note
    const again = await page.goto(`${server.baseUrl}/dokumente/${doc!.id}`);
    expect(again?.status()).toBe(200);
    await expect(page.locator("[data-view-only]").textContent()).resolves.toContain("nicht bearbeiten");
    expect(await page.locator("form[data-done]").count()).toBe(0);
    // AND "Erledigt" posted by URL anyway
    const csrf = await page.locator("input[name=_csrf]").first().getAttribute("value");
    const refused = await page.request.post(`${server.baseUrl}/dokumente/${doc!.id}/erledigt`, {
      form: { _csrf: csrf! },
    });
    // THEN a 403 says why, the document stays with sb2, and the attempt is on record
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("nicht bearbeiten");
    expect(await server.service.core.store.getDocument(doc!.id)).toMatchObject({
      assignee: "sb2",
      status: "open",
    });
    expect(await deniedEvents("sb1", doc!.id)).toHaveLength(1);
    await context.close();
  });

  it("shows a team-queue document to the team's caseworkers, marked as the team queue, and not to others", async () => {
    const [doc] = await sendScan(server, { subject: canonicalSubject({ docType: "Lohnabrechnung" }) });
    expect(doc).toMatchObject({ queue: "team:grusi", assignee: null });
    const { context, page } = await loggedIn("sb2");
    const row = page.locator("[data-queue-row]", { has: page.locator(`a[href="/dokumente/${doc!.id}"]`) });
    await expect(row.locator("[data-team-queue]").textContent()).resolves.toBe("Teampostkorb Grundsicherung");
    await expect(page.locator("[data-count=team-queue]").textContent()).resolves.toContain("Grundsicherung");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "postkorb-team-queue");
    await page.selectOption("#f-postkorb", "team:grusi");
    await page.click("button:has-text('Filtern')");
    await expect(page.locator("[data-queue-row]").count()).resolves.toBe(1);
    await row.locator("button:has-text('Erledigt')").click();
    await page.waitForURL((u) => u.searchParams.get("meldung") === "erledigt");
    expect((await server.service.core.store.getDocument(doc!.id))?.status).toBe("done");
    await context.close();

    const [other] = await sendScan(server, { subject: canonicalSubject({ docType: "Kontoauszug" }) });
    const sb4 = await loggedIn("sb4");
    expect(await sb4.page.locator(`a[href="/dokumente/${other!.id}"]`).count()).toBe(0);
    expect((await sb4.page.goto(`${server.baseUrl}/dokumente/${other!.id}`))?.status()).toBe(403);
    expect(await deniedEvents("sb4", other!.id)).toHaveLength(1);
    await sb4.context.close();
  });

  it("lets a supervisor open a triage document from the Clearing page and correct it", async () => {
    const [doc] = await sendScan(server, { subject: "Scan" });
    expect(doc?.queue).toBe("triage");
    const { context, page } = await loggedIn("tl2");
    await page.goto(`${server.baseUrl}/team/clearing`);
    const [opened] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/dokumente/${doc!.id}`),
      page.click(`a[href="/dokumente/${doc!.id}"]`),
    ]);
    expect(opened.status()).toBe(200);
    const pdf = await page.request.get(`${server.baseUrl}/dokumente/${doc!.id}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await page.click("summary:has-text('Metadaten korrigieren')");
    await page.fill("#k-az", "51-2007/2026");
    await page.selectOption("#k-art", "Mietbescheinigung");
    await page.click("button:has-text('Korrigieren und neu zuordnen')");
    await page.waitForURL((u) => u.searchParams.get("meldung") === "korrigiert");
    await expect(page.locator("[data-route-reason]").textContent()).resolves.toContain(
      "Metadaten korrigiert von tl2",
    );
    expect(await server.service.core.store.getDocument(doc!.id)).toMatchObject({
      queue: "sb4",
      assignee: "sb4",
      caseRef: "51-2007/2026",
    });
    await saveScreenshot(page, "supervisor-corrected-triage");
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
