import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalSubject } from "../../src/mail/scan-mail.js";
import {
  DEMO_PASSWORD,
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
const HOUR = 3_600_000;

async function openCount(page: Page): Promise<number> {
  return Number(await page.locator("[data-count=open]").textContent());
}

describe("caseworker path in the browser", () => {
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let oldestId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    // GIVEN three scans for sb1's case, received 3, 2 and 1 hours ago (sent newest first)
    for (const [hoursAgo, docType] of [
      [1, "Lohnabrechnung"],
      [2, "Mietbescheinigung"],
      [3, "Kontoauszug"],
    ] as const) {
      const [doc] = await sendScan(server, {
        subject: canonicalSubject({ ...SB1_CASE, docType }),
        pages: 2,
        receivedAt: new Date(Date.now() - hoursAgo * HOUR),
      });
      if (hoursAgo === 3) oldestId = doc!.id;
    }
    context = await newContext(browser);
    page = await context.newPage();
    await loginAs(page, server.baseUrl, "sb1");
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it("lists my queue oldest first with age, type, case, name, pages and German receipt time", async () => {
    expect(await openCount(page)).toBe(3);
    const rows = page.locator("[data-queue-row]");
    await expect(rows.count()).resolves.toBe(3);
    const first = await rows.first().textContent();
    expect(first).toContain("Kontoauszug");
    expect(first).toContain("50-1234/2026");
    expect(first).toContain("Müller");
    expect(first).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(first).toMatch(/3 Std\./);
    expect(await page.locator("[data-count=unread]").textContent()).toBe("3");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "caseworker-queue");
  });

  it("opens the oldest document with the stamped PDF inline and the routing reason in German", async () => {
    const pdfResponse = page.waitForResponse((r) => r.url().endsWith(`/dokumente/${oldestId}/pdf`));
    await page.locator("[data-queue-row] a[data-open]").first().click();
    expect(new URL(page.url()).pathname).toBe(`/dokumente/${oldestId}`);
    const pdf = await pdfResponse;
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["content-disposition"]).toMatch(/^inline/);
    expect(pdf.headers()["cache-control"]).toBe("private, no-store");
    expect(pdf.headers()["content-security-policy"]).toBe("frame-ancestors 'self'");
    const body = await page.request.get(`${server.baseUrl}/dokumente/${oldestId}/pdf`);
    expect(
      Buffer.from(await body.body())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    await expect(page.locator("[data-route-reason]").textContent()).resolves.toContain(
      "Aktenzeichen 50-1234/2026",
    );
    await expect(page.locator("iframe.pdf-frame").count()).resolves.toBe(1);
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "document-page");
    const events = await server.service.core.audit.historyOf("document", oldestId);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["document.routed", "document.viewed", "document.downloaded"]),
    );
  });

  it("marks the document done and the queue shrinks", async () => {
    await page.locator("form[data-done] button").first().click();
    await page.waitForURL((u) => u.pathname === "/postkorb");
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("erledigt");
    expect(await openCount(page)).toBe(2);
    expect(await page.locator("[data-count=unread]").textContent()).toBe("2");
    expect((await server.service.core.store.getDocument(oldestId))?.status).toBe("done");
  });

  it("works with the keyboard alone: log in with Tab, typing and Enter; j and k move, Enter opens, e marks done, ? helps", async () => {
    // A fresh browser: no session, no mouse from here on.
    const keyboard = await newContext(browser);
    const kb = await keyboard.newPage();
    await kb.goto(`${server.baseUrl}/anmelden`);
    const focusedId = () => kb.evaluate(() => document.activeElement?.id ?? "");
    for (let i = 0; i < 10 && (await focusedId()) !== "login"; i++) await kb.keyboard.press("Tab");
    expect(await focusedId()).toBe("login");
    await kb.keyboard.type("sb1");
    await kb.keyboard.press("Tab");
    expect(await focusedId()).toBe("password");
    await kb.keyboard.type(DEMO_PASSWORD);
    await Promise.all([kb.waitForURL((u) => u.pathname === "/postkorb"), kb.keyboard.press("Enter")]);
    expect(await openCount(kb)).toBe(2);
    // j selects the first row, j the next, k goes back up
    const focusedText = () => kb.evaluate(() => document.activeElement?.textContent ?? "");
    await kb.keyboard.press("j");
    expect(await focusedText()).toContain("Mietbescheinigung");
    await kb.keyboard.press("j");
    expect(await focusedText()).toContain("Lohnabrechnung");
    await kb.keyboard.press("k");
    expect(await focusedText()).toContain("Mietbescheinigung");
    await expect(kb.locator("[data-queue-row].selected").textContent()).resolves.toContain(
      "Mietbescheinigung",
    );
    await Promise.all([
      kb.waitForURL((u) => u.pathname.startsWith("/dokumente/")),
      kb.keyboard.press("Enter"),
    ]);
    await expect(kb.locator("h1").textContent()).resolves.toContain("Mietbescheinigung");
    await Promise.all([kb.waitForURL((u) => u.pathname === "/postkorb"), kb.keyboard.press("e")]);
    await expect(kb.locator("[role=status]").textContent()).resolves.toContain("erledigt");
    expect(await openCount(kb)).toBe(1);
    await Promise.all([kb.waitForURL((u) => u.pathname === "/hilfe"), kb.keyboard.press("?")]);
    await expect(kb.locator("h1").textContent()).resolves.toBe("Hilfe und Tastenkürzel");
    expect(await findSeriousA11yViolations(kb)).toEqual([]);
    await saveScreenshot(kb, "help");
    await keyboard.close();
  });

  it("works without shortcuts too: Tab reaches the skip link first and every row link", async () => {
    await page.goto(`${server.baseUrl}/postkorb`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Zum Inhalt springen");
    const links = await page.locator("[data-queue-row] a[data-open]").count();
    expect(links).toBe(1);
  });

  it("shows a new mail for an absent caseworker in the substitute's queue, with the reason", async () => {
    // GIVEN the demo absence: sb3 is away, sb2 substitutes
    const office = await server.service.core.store.loadOffice();
    const sb3Case = office.register.find((r) => r.assignee === "sb3")!;
    const [doc] = await sendScan(server, {
      subject: canonicalSubject({ caseRef: sb3Case.caseRef, docType: "Kontoauszug" }),
    });
    expect(doc?.assignee).toBe("sb2");
    const sb2 = await newContext(browser);
    const sb2Page = await sb2.newPage();
    await loginAs(sb2Page, server.baseUrl, "sb2");
    const row = sb2Page.locator("[data-queue-row]", { hasText: sb3Case.caseRef });
    await expect(row.textContent()).resolves.toContain("Vertretung für sb3");
    await row.locator("a[data-open]").click();
    const reason = await sb2Page.locator("[data-route-reason]").textContent();
    expect(reason).toContain("sb3 abwesend bis");
    expect(reason).toContain("Vertretung sb2");
    await saveScreenshot(sb2Page, "substitute-document");
    await sb2.close();
  });

  it("forwards with a required note, returns to triage with a required reason, and keeps notes", async () => {
    const [a] = await sendScan(server, { subject: canonicalSubject({ ...SB1_CASE, docType: "Antrag" }) });
    const [b] = await sendScan(server, { subject: canonicalSubject({ ...SB1_CASE, docType: "Bescheid" }) });
    await page.goto(`${server.baseUrl}/dokumente/${a!.id}`);
    await page.click("summary:has-text('Notiz hinzufügen')");
    await page.fill("#notiz-text", "Rückruf am Montag");
    await page.click("button:has-text('Notiz speichern')");
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("Notiz");
    await page.click("summary:has-text('Weiterleiten')");
    await page.selectOption("#ziel", "person:sb2");
    // WHEN the note is missing, the browser's required check stops the form; the server refuses as well
    const csrf = await page.locator("input[name=_csrf]").first().getAttribute("value");
    const refused = await page.request.post(`${server.baseUrl}/dokumente/${a!.id}/weiterleiten`, {
      form: { _csrf: csrf!, ziel: "person:sb2", notiz: "  " },
    });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain("Bitte eine Notiz zur Weiterleitung eingeben.");
    await page.fill("#weiterleiten-notiz", "Zuständigkeit Wohnen");
    await page.click("form[action$=weiterleiten] button[type=submit]");
    await page.waitForURL((u) => u.pathname === "/postkorb");
    expect((await server.service.core.store.getDocument(a!.id))?.assignee).toBe("sb2");
    // sb1 handled it, so sb1 may still read it (need-to-know: documents they handled)
    const again = await page.goto(`${server.baseUrl}/dokumente/${a!.id}`);
    expect(again?.status()).toBe(200);
    await expect(page.locator("ol.history").textContent()).resolves.toContain("Weitergeleitet an sb2");

    await page.goto(`${server.baseUrl}/dokumente/${b!.id}`);
    await page.click("summary:has-text('Zurück an Clearing')");
    await page.fill("#clearing-grund", "Gehört nicht zu diesem Fall");
    await page.click("form[action$=clearing] button[type=submit]");
    await page.waitForURL((u) => u.pathname === "/postkorb");
    const returned = await server.service.core.store.getDocument(b!.id);
    expect(returned).toMatchObject({ queue: "triage", assignee: null });
    expect(returned?.routeReason).toContain("Gehört nicht zu diesem Fall");
  });

  it("lets an admin correct a triage document's metadata; it is re-routed with the reason recorded", async () => {
    // GIVEN a scan without any usable metadata lands in triage
    const [doc] = await sendScan(server, { subject: "Scan" });
    expect(doc?.queue).toBe("triage");
    const admin = await newContext(browser);
    const adminPage = await admin.newPage();
    await loginAs(adminPage, server.baseUrl, "admin");
    await adminPage.goto(`${server.baseUrl}/dokumente/${doc!.id}`);
    await adminPage.click("summary:has-text('Metadaten korrigieren')");
    await adminPage.fill("#k-az", "50-1234/2026");
    await adminPage.selectOption("#k-art", "Kontoauszug");
    await adminPage.click("button:has-text('Korrigieren und neu zuordnen')");
    await adminPage.waitForURL((u) => u.searchParams.get("meldung") === "korrigiert");
    const reason = await adminPage.locator("[data-route-reason]").textContent();
    expect(reason).toContain("Metadaten korrigiert von admin");
    expect(reason).toContain("Aktenzeichen 50-1234/2026 laut Aktenregister bei sb1");
    const corrected = await server.service.core.store.getDocument(doc!.id);
    expect(corrected).toMatchObject({
      assignee: "sb1",
      queue: "sb1",
      caseRef: "50-1234/2026",
      docType: "Kontoauszug",
    });
    // supervisors and admins see the full audit trail, reads included
    await expect(adminPage.locator("#verlauf").textContent()).resolves.toBe("Verlauf und Zugriffsprotokoll");
    await expect(adminPage.locator("li[data-action='document.viewed']").count()).resolves.toBeGreaterThan(0);
    // the admin's page, audit trail and opened correction form included, has no serious accessibility violations
    await adminPage.click("summary:has-text('Metadaten korrigieren')");
    await expect(adminPage.locator("#k-az").isVisible()).resolves.toBe(true);
    expect(await findSeriousA11yViolations(adminPage)).toEqual([]);
    await saveScreenshot(adminPage, "admin-corrected-document");
    await admin.close();
  });

  it("shows an accessible German 404 page for an unknown document", async () => {
    const response = await page.goto(`${server.baseUrl}/dokumente/GIBT-ES-NICHT`);
    expect(response?.status()).toBe(404);
    expect(response?.headers()["content-type"]).toContain("text/html");
    await expect(page.locator("h1").textContent()).resolves.toBe("Nicht gefunden");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "not-found");
  });

  it("logs out to an accessible login page that says so", async () => {
    await page.goto(`${server.baseUrl}/postkorb`);
    await Promise.all([
      page.waitForURL(/\/anmelden\?abgemeldet=1/),
      page.click("button:has-text('Abmelden')"),
    ]);
    await expect(page.locator("[role=status]").textContent()).resolves.toBe("Sie haben sich abgemeldet.");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "login-after-logout");
    const again = await page.goto(`${server.baseUrl}/postkorb`);
    expect(new URL(again!.url()).pathname).toBe("/anmelden");
  });
});
