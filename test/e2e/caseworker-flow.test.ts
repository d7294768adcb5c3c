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

  it("works with the keyboard alone: j selects, Enter opens, e marks done", async () => {
    await page.keyboard.press("j");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toContain("Mietbescheinigung");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname.startsWith("/dokumente/"));
    await page.keyboard.press("e");
    await page.waitForURL((u) => u.pathname === "/postkorb");
    expect(await openCount(page)).toBe(1);
    await page.keyboard.press("?");
    await page.waitForURL((u) => u.pathname === "/hilfe");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "help");
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
});
