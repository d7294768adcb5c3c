import { PDFDocument } from "pdf-lib";
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

interface PdfReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Submits the cover-sheet form in the browser and returns the reply as the server sent it. Chromium hands a PDF
 * navigation to its viewer (the page then holds the viewer's HTML), so the test reads the reply on the way in.
 */
async function submitCoverSheetForm(page: Page): Promise<PdfReply> {
  let reply: PdfReply | null = null;
  await page.route(
    (u) => u.pathname === "/deckblatt",
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      reply = { status: response.status(), headers: response.headers(), body: await response.body() };
      await route.fulfill({ response });
    },
  );
  await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/deckblatt",
    ),
    page.click("button:has-text('Deckblatt als PDF öffnen')"),
  ]);
  await page.unrouteAll();
  if (reply === null) throw new Error("the form did not post to /deckblatt");
  return reply;
}

describe("cover sheets and the English switch in the browser", () => {
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let docId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    const [doc] = await sendScan(server, {
      subject: canonicalSubject({ ...SB1_CASE, docType: "Kontoauszug" }),
    });
    docId = doc!.id;
    context = await newContext(browser);
    page = await context.newPage();
    await loginAs(page, server.baseUrl, "sb1");
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it("prints a cover sheet for 50-1234/2026 from the document page: one signed page, inline, recorded", async () => {
    // GIVEN sb1 on the document page WHEN they press "Deckblatt drucken"
    await page.goto(`${server.baseUrl}/dokumente/${docId}`);
    await page.click("a:has-text('Deckblatt drucken')");
    await page.waitForURL((u) => u.pathname === "/deckblatt");
    // THEN the form comes prefilled with the document's case and type
    expect(await page.inputValue("#ds-az")).toBe("50-1234/2026");
    expect(await page.inputValue("#ds-kd")).toBe("100234");
    expect(await page.inputValue("#ds-art")).toBe("Kontoauszug");
    expect(await page.inputValue("#ds-anzahl")).toBe("1");
    await expect(page.locator("nav a[aria-current=page]").textContent()).resolves.toBe("Deckblatt");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "cover-sheet");
    // WHEN they submit it THEN the browser gets the PDF inline, not cached, with one page
    const response = await submitCoverSheetForm(page);
    expect(response.status).toBe(200);
    const { headers } = response;
    expect(headers["content-type"]).toBe("application/pdf");
    expect(headers["content-disposition"]).toMatch(/^inline; filename="deckblatt-[0-9A-Z]{10}\.pdf"$/);
    expect(headers["cache-control"]).toBe("private, no-store");
    const bytes = response.body;
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    // AND the sheet is recorded with its serial and audited as issued by sb1
    const serial = /deckblatt-([0-9A-Z]{10})\.pdf/.exec(headers["content-disposition"]!)![1]!;
    const events = await server.service.core.audit.historyOf("cover-sheet", serial);
    expect(events.map((e) => [e.actor, e.action])).toEqual([["sb1", "cover-sheet.issued"]]);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ caseRef: "50-1234/2026", docType: "Kontoauszug" });
  });

  it("prints generic sheets with the document type only, several at once", async () => {
    await page.goto(`${server.baseUrl}/deckblatt`);
    expect(await page.inputValue("#ds-az")).toBe("");
    await page.selectOption("#ds-art", "Lohnabrechnung");
    await page.fill("#ds-anzahl", "3");
    const response = await submitCoverSheetForm(page);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect((await PDFDocument.load(response.body)).getPageCount()).toBe(3);
  });

  it("refuses a post without CSRF token and explains a bad count in German", async () => {
    await page.goto(`${server.baseUrl}/deckblatt`);
    const csrf = await page.locator("form[data-cover-sheet-form] input[name=_csrf]").getAttribute("value");
    const noToken = await page.request.post(`${server.baseUrl}/deckblatt`, {
      form: { aktenzeichen: "50-1234/2026", dokumentart: "Kontoauszug", anzahl: "1" },
    });
    expect(noToken.status()).toBe(403);
    const tooMany = await page.request.post(`${server.baseUrl}/deckblatt`, {
      form: { _csrf: csrf!, aktenzeichen: "50-1234/2026", dokumentart: "Kontoauszug", anzahl: "500" },
    });
    expect(tooMany.status()).toBe(400);
    expect(await tooMany.text()).toContain("Anzahl muss zwischen 1 und 200 liegen");
  });

  it("offers the cover-sheet page to supervisors and admins as well", async () => {
    for (const login of ["tl1", "admin"]) {
      const other = await newContext(browser);
      const otherPage = await other.newPage();
      await loginAs(otherPage, server.baseUrl, login);
      await otherPage.click("nav a:has-text('Deckblatt')");
      await otherPage.waitForURL((u) => u.pathname === "/deckblatt");
      await otherPage.fill("#ds-az", "50-1234/2026");
      await otherPage.selectOption("#ds-art", "Antrag");
      const response = await submitCoverSheetForm(otherPage);
      expect({ login, type: response.headers["content-type"] }).toEqual({ login, type: "application/pdf" });
      await other.close();
    }
  });

  it("switches the chrome and the routing reason to English and back; German stays the default", async () => {
    await page.goto(`${server.baseUrl}/dokumente/${docId}`);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/dokumente/${docId}`),
      page.click("a[hreflang=en]"),
    ]);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    const nav = await page.locator("nav[aria-label='Main navigation']").textContent();
    expect(nav).toContain("My inbox");
    expect(nav).toContain("Cover sheet");
    expect(nav).toContain("Help");
    await expect(page.locator("button:has-text('Sign out')").count()).resolves.toBe(1);
    const reason = await page.locator("[data-route-reason]").textContent();
    expect(reason).toContain("Case reference 50-1234/2026 belongs to sb1 according to the case register");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "document-page-english");
    await page.goto(`${server.baseUrl}/deckblatt`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Print a cover sheet");
    // The cookie holds across pages; the switch back names German in German.
    await Promise.all([page.waitForURL((u) => u.pathname === "/deckblatt"), page.click("a[hreflang=de]")]);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await expect(page.locator("h1").textContent()).resolves.toBe("Deckblatt drucken");
    await expect(page.locator("nav[aria-label=Hauptnavigation]").textContent()).resolves.toContain(
      "Mein Postkorb",
    );
  });

  it("keeps the language switch a same-site redirect", async () => {
    const response = await page.request.get(`${server.baseUrl}/sprache?zu=en&weiter=//evil.example/`, {
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe("/");
  });
});
