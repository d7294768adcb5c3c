import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "./fixture-constants.js";
import { deliverEmail, fixture, seedOffice, testEnv } from "./worker-harness.js";

const BASE = "https://postkorb.example";

beforeAll(async () => {
  await seedOffice();
});

/** A tiny cookie jar: name=value pairs from Set-Cookie, sent back as one Cookie header. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function csrfTokenOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF field on the page");
  return token;
}

async function openLoginForm(jar: CookieJar): Promise<string> {
  const res = await SELF.fetch(`${BASE}/anmelden`);
  expect(res.status).toBe(200);
  jar.take(res);
  return csrfTokenOf(await res.text());
}

function postLogin(jar: CookieJar, fields: Record<string, string>): Promise<Response> {
  return SELF.fetch(`${BASE}/anmelden`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: BASE,
      Cookie: jar.header(),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The login form as a browser posts it: with the form's CSRF token, back to Mein Postkorb. */
function submitLogin(jar: CookieJar, token: string, login: string, password: string): Promise<Response> {
  return postLogin(jar, { login, password, _csrf: token, weiter: "/postkorb" });
}

describe("the web inbox on the Worker", () => {
  it("sends a visitor without session from / to the login page, which renders with its assets", async () => {
    const root = await SELF.fetch(`${BASE}/`, { redirect: "manual" });
    expect(root.status).toBe(303);
    const inbox = await SELF.fetch(`${BASE}/postkorb`, { redirect: "manual" });
    expect(inbox.status).toBe(303);
    expect(inbox.headers.get("Location")).toMatch(/^\/anmelden\?weiter=%2Fpostkorb/);

    const login = await SELF.fetch(`${BASE}/anmelden`);
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain("<h1>Anmelden</h1>");
    expect(html).toContain("Amt für Soziales und Wohnen");
    expect(login.headers.get("Content-Security-Policy")).toContain("default-src 'none'");

    // The CSS and JS are bundled into the Worker (no file system to read them from).
    const css = await SELF.fetch(`${BASE}/assets/inbox.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("Content-Type")).toContain("text/css");
    expect((await css.text()).length).toBeGreaterThan(100);
    const js = await SELF.fetch(`${BASE}/assets/inbox.js`);
    expect(js.status).toBe(200);
    expect((await SELF.fetch(`${BASE}/assets/nope.css`)).status).toBe(404);
  });

  it("refuses a wrong password and a login without CSRF token", async () => {
    const jar = new CookieJar();
    const token = await openLoginForm(jar);
    const wrong = await submitLogin(jar, token, "sb1", "falsch");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Anmeldung fehlgeschlagen");
    const forged = await postLogin(jar, { login: "sb1", password: TEST_PASSWORD, weiter: "/postkorb" });
    expect(forged.status).toBe(403);
  });

  it("logs sb1 in with a password hashed on Node and shows Mein Postkorb with a mailed document", async () => {
    // GIVEN a scan mail for Az. 50-1234/2026 that came in through Email Routing
    expect((await deliverEmail(fixture("FIXTURE_ROUTED_MAIL"))).rejected).toBeNull();

    // WHEN sb1 opens the login form and posts it with the form's CSRF token
    const jar = new CookieJar();
    const token = await openLoginForm(jar);
    const res = await submitLogin(jar, token, "sb1", TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/postkorb");
    jar.take(res);

    // THEN Mein Postkorb lists the document
    const page = await SELF.fetch(`${BASE}/postkorb`, { headers: { Cookie: jar.header() } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Mein Postkorb</h1>");
    expect(html).toContain("50-1234/2026");
    expect(html).toContain("Kontoauszug");
  });

  it("counts failed logins in D1, so every isolate refuses the sixth guess at one account", async () => {
    const jar = new CookieJar();
    const token = await openLoginForm(jar);
    const guess = () => submitLogin(jar, token, "sb2", "falsch");
    for (let i = 0; i < 5; i++) expect((await guess()).status).toBe(401);
    // The count is a row per failure in D1, not a counter in this isolate's memory.
    const counted = await testEnv.DB.prepare("SELECT count(*) AS n FROM login_failures WHERE key = ?")
      .bind("konto:sb2")
      .first<{ n: number }>();
    expect(counted?.n).toBe(5);
    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Even the right password waits until the window has passed.
    const right = await submitLogin(jar, token, "sb2", TEST_PASSWORD);
    expect(right.status).toBe(429);
  });
});
