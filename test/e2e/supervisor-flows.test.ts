import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalSubject } from "../../src/mail/scan-mail.js";
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

/** Demo register: 50-1234/2026 (Müller) and 50-2000/2026 (Abel) are both sb1's cases. */
const MUELLER = canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" });
const ABEL = canonicalSubject({ caseRef: "50-2000/2026", docType: "Lohnabrechnung" });

describe("Teamleitung in the browser", () => {
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    context = await newContext(browser);
    page = await context.newPage();
    await loginAs(page, server.baseUrl, "tl1");
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it("bulk-reassigns five documents, and they appear in the other caseworker's queue", async () => {
    // GIVEN five scans in sb1's queue
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(...(await sendScan(server, { subject: MUELLER })).map((d) => d.id));
    // WHEN tl1 selects them in sb1's queue and reassigns them to sb2 with a reason
    await page.goto(`${server.baseUrl}/team`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Teamleitung");
    await saveScreenshot(page, "team-overview");
    await page.goto(`${server.baseUrl}/team/dokumente?queue=sb1`);
    for (const id of ids) await page.check(`#doc-${id}`);
    await page.selectOption("#target", "person:sb2");
    await page.fill("#reason", "Urlaubsvertretung");
    await saveScreenshot(page, "team-reassign-documents");
    await Promise.all([page.waitForURL(/hinweis=umverteilt/), page.click("button:has-text('Umverteilen')")]);
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("umverteilt. Anzahl: 5.");
    // THEN sb2 sees all five in Mein Postkorb
    const sb2 = await newContext(browser);
    const sb2Page = await sb2.newPage();
    await loginAs(sb2Page, server.baseUrl, "sb2");
    await sb2Page.goto(`${server.baseUrl}/postkorb`);
    const html = await sb2Page.content();
    for (const id of ids) expect(html).toContain(`/dokumente/${id}`);
    await sb2.close();
  });

  it("moves a case with its open documents, and the next scan for that case lands with the new owner", async () => {
    // GIVEN a document of sb1's case 50-2000/2026
    const [old] = await sendScan(server, { subject: ABEL });
    expect(old?.assignee).toBe("sb1");
    // WHEN tl1 moves the case from sb1 to sb2, taking open documents along
    await page.goto(`${server.baseUrl}/team/akten`);
    await page.selectOption("#from", "sb1");
    await page.selectOption("#to", "sb2");
    await page.fill("#cases", "50-2000/2026");
    await page.fill("#case-reason", "Zuständigkeitswechsel");
    await Promise.all([page.waitForURL(/hinweis=akten/), page.click("button:has-text('Akten umverteilen')")]);
    // THEN the history shows both periods, the old document moved, and a new scan goes to sb2
    const history = await page.locator("table").textContent();
    expect(history).toContain("sb1");
    expect(history).toContain("sb2");
    expect(history).toContain("Zuständigkeitswechsel");
    await saveScreenshot(page, "team-case-history");
    expect((await server.service.core.store.getDocument(old!.id))?.assignee).toBe("sb2");
    const [next] = await sendScan(server, { subject: ABEL });
    expect(next?.assignee).toBe("sb2");
    expect(next?.routeReason).toContain("sb2");
  });

  it("refuses the Teamleitung pages to a caseworker", async () => {
    const sb1 = await newContext(browser);
    const sb1Page = await sb1.newPage();
    await loginAs(sb1Page, server.baseUrl, "sb1");
    const response = await sb1Page.goto(`${server.baseUrl}/team/akten`);
    expect(response?.status()).toBe(403);
    await sb1.close();
  });

  it("has no serious or critical accessibility violations on the Teamleitung pages", async () => {
    await sendScan(server, { subject: "unlesbar" });
    const paths = [
      "/team",
      "/team/dokumente",
      "/team/clearing",
      "/team/akten?akte=50-2000%2F2026",
      "/team/abwesenheiten",
      "/team/buchstaben",
      "/team/regeln",
      "/team/register",
      "/team/vorschau?az=50-1234%2F2026",
      "/team/statistik",
    ];
    for (const path of paths) {
      await page.goto(`${server.baseUrl}${path}`);
      expect({ path, violations: await findSeriousA11yViolations(page) }).toEqual({ path, violations: [] });
    }
    await page.goto(`${server.baseUrl}/team/clearing`);
    await saveScreenshot(page, "team-clearing");
  });

  it("refuses an absence that would make a substitute cycle, naming the chain", async () => {
    // The demo office has sb3 absent with sb2 standing in; sb2 → sb3 would close the circle.
    await page.goto(`${server.baseUrl}/team/abwesenheiten`);
    await page.selectOption("#person", "sb2");
    const today = new Date().toISOString().slice(0, 10);
    await page.fill("#from", today);
    await page.fill("#to", today);
    await page.selectOption("#substitute", "sb3");
    await page.click("button:has-text('Eintragen')");
    await expect(page.locator("[role=alert]").textContent()).resolves.toContain("sb2 → sb3 → sb2");
  });

  it("previews a register CSV with row-level errors and imports nothing", async () => {
    await page.goto(`${server.baseUrl}/team/register`);
    const csv = "Aktenzeichen;Name;Sachbearbeitung\n50-7777/2026;Neu;sb1\n50-7778/2026;Fremd;sb4\n";
    await page.setInputFiles("#csv-file", {
      name: "register.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.click("button:has-text('Vorschau anzeigen')");
    const text = await page.locator("#inhalt").textContent();
    expect(text).toContain("50-7778/2026 liegt außerhalb Ihres Teams");
    expect(await page.locator("button:has-text('Import übernehmen')").count()).toBe(0);
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "team-register-preview");
  });

  it("lets an admin reach every Verwaltung page without serious accessibility violations", async () => {
    const admin = await newContext(browser);
    const adminPage = await admin.newPage();
    await loginAs(adminPage, server.baseUrl, "admin");
    for (const path of [
      "/verwaltung/benutzer",
      "/verwaltung/benutzer/sb1",
      "/verwaltung/teams",
      "/verwaltung/tokens",
      "/verwaltung/terminals",
    ]) {
      const response = await adminPage.goto(`${server.baseUrl}${path}`);
      expect(response?.status()).toBe(200);
      expect({ path, violations: await findSeriousA11yViolations(adminPage) }).toEqual({
        path,
        violations: [],
      });
    }
    await adminPage.fill("#tm-name", "Kundencenter Erdgeschoss");
    await adminPage.fill("#tm-sender", "scan-eg@amt.example");
    await adminPage.fill("#tm-hours", "Mo–Fr 8–16 Uhr");
    await Promise.all([
      adminPage.waitForURL(/hinweis=gespeichert/),
      adminPage.click("button:has-text('Speichern')"),
    ]);
    await expect(adminPage.locator("table").textContent()).resolves.toContain("scan-eg@amt.example");
    await saveScreenshot(adminPage, "admin-terminals");
    const response = await page.goto(`${server.baseUrl}/verwaltung/benutzer`);
    expect(response?.status()).toBe(403);
    await admin.close();
  });
});
