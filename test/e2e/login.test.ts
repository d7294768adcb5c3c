import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DemoServer,
  findSeriousA11yViolations,
  launchBrowser,
  loginAs,
  newContext,
  saveScreenshot,
  startDemoServer,
} from "./harness.js";

describe("login and sessions in the browser", () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows an accessible German login page and lands in Mein Postkorb after login", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const response = await page.goto(`${server.baseUrl}/postkorb`);
    expect(page.url()).toContain("/anmelden?weiter=%2Fpostkorb");
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(response?.headers()["x-frame-options"]).toBe("DENY");
    expect(await page.getAttribute("html", "lang")).toBe("de");
    expect(await findSeriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, "login");

    await loginAs(page, server.baseUrl, "sb1");
    expect(new URL(page.url()).pathname).toBe("/postkorb");
    await expect(page.locator("h1").first().textContent()).resolves.toContain("Mein Postkorb");
    const cookie = (await context.cookies()).find((c) => c.name === "pk_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    await context.close();
  });
});
