import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalSubject } from "../../src/mail/scan-mail.js";
import {
  type DemoServer,
  findSeriousA11yViolations,
  freePort,
  launchBrowser,
  loginAs,
  newContext,
  saveScreenshot,
  sendScan,
  sendScanBySmtp,
  startDemoServer,
} from "./harness.js";

/** Demo register: 50-1234/2026 (Müller) and 50-2000/2026 (Abel) are both sb1's cases. */
const MUELLER = canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" });
const ABEL = canonicalSubject({ caseRef: "50-2000/2026", docType: "Lohnabrechnung" });

/** Today in the office's time zone (Europe/Berlin), as yyyy-mm-dd; `days` later when given. */
function officeDay(days = 0): string {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date());
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function germanDay(isoDay: string): string {
  const [y, m, d] = isoDay.split("-");
  return `${d}.${m}.${y}`;
}

describe("Teamleitung in the browser", () => {
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // The SMTP ingress is on: the absence flow sends its mail over real SMTP.
    const smtpPort = await freePort();
    [server, browser] = await Promise.all([
      startDemoServer({ POSTKORB_SMTP_PORT: String(smtpPort) }),
      launchBrowser(),
    ]);
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

  it("enters an absence with a substitute; the next mail by SMTP for that caseworker's case lands with the substitute, the reason shown", async () => {
    // GIVEN tl1 enters through the absences form: sb1 away from today for a week, sb2 stands in
    const from = officeDay();
    const to = officeDay(7);
    await page.goto(`${server.baseUrl}/team/abwesenheiten`);
    await page.selectOption("#person", "sb1");
    await page.fill("#from", from);
    await page.fill("#to", to);
    await page.selectOption("#substitute", "sb2");
    await page.fill("#note", "Fortbildung");
    await Promise.all([page.waitForURL(/hinweis=gespeichert/), page.click("button:has-text('Eintragen')")]);
    const entered = await page.locator("tr", { hasText: "Fortbildung" }).textContent();
    expect(entered).toContain(germanDay(from));
    expect(entered).toContain("sb1 → sb2");
    await saveScreenshot(page, "team-absences-entered");
    // WHEN a scan for sb1's case 50-1234/2026 arrives over SMTP
    const [doc] = await sendScanBySmtp(server, { subject: MUELLER });
    // THEN it lands with the substitute, and the reason names the absence and the substitute
    expect(doc?.assignee).toBe("sb2");
    expect(doc?.routeReason).toContain(`sb1 abwesend bis ${germanDay(to)}`);
    const sb2 = await newContext(browser);
    const sb2Page = await sb2.newPage();
    await loginAs(sb2Page, server.baseUrl, "sb2");
    const row = sb2Page.locator("[data-queue-row]", {
      has: sb2Page.locator(`a[href="/dokumente/${doc!.id}"]`),
    });
    await expect(row.textContent()).resolves.toContain("Vertretung für sb1");
    await row.locator("a[data-open]").click();
    await sb2Page.waitForURL((u) => u.pathname === `/dokumente/${doc!.id}`);
    const reason = await sb2Page.locator("[data-route-reason]").textContent();
    expect(reason).toContain(`sb1 abwesend bis ${germanDay(to)}`);
    expect(reason).toContain("Vertretung sb2");
    await sb2.close();
    // AND the supervisor's document page shows the full audit trail, without serious accessibility violations
    await page.goto(`${server.baseUrl}/dokumente/${doc!.id}`);
    await expect(page.locator("#verlauf").textContent()).resolves.toBe("Verlauf und Zugriffsprotokoll");
    await expect(page.locator("li[data-action='document.viewed']").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("[data-route-reason]").textContent()).resolves.toContain("Vertretung sb2");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "supervisor-document-page");
    // Clean up through the form: later tests rely on sb1 being present.
    await page.goto(`${server.baseUrl}/team/abwesenheiten`);
    await Promise.all([
      page.waitForURL(/hinweis=geloescht/),
      page.click(`button[aria-label="Abwesenheit von sb1 ab ${germanDay(from)} löschen"]`),
    ]);
    expect((await server.service.core.store.loadOffice()).absences.some((a) => a.person === "sb1")).toBe(
      false,
    );
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
    const screenshots: Record<string, string> = {
      "/team/abwesenheiten": "team-absences",
      "/team/buchstaben": "team-letter-ranges",
      "/team/regeln": "team-rules",
      "/team/vorschau?az=50-1234%2F2026": "team-route-preview",
      "/team/statistik": "team-statistics",
    };
    for (const path of paths) {
      await page.goto(`${server.baseUrl}${path}`);
      expect({ path, violations: await findSeriousA11yViolations(page) }).toEqual({ path, violations: [] });
      const name = screenshots[path];
      if (name) await saveScreenshot(page, name);
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
