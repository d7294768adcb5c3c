/** CSRF defence for every unsafe request: a per-session token in each form, checked on POST, plus an Origin check. */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { PageEnv } from "../inbox/inbox-deps.js";
import { equalsInConstantTime, generateRandomToken } from "./random-token.js";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
/** Before login there is no session: the login form uses a double-submit cookie instead. */
const LOGIN_CSRF_COOKIE = "pk_login_csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The hidden field every form carries: `{csrfField(c.var.csrfToken)}`. */
export function csrfField(token: string) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** Gives a visitor without session a login CSRF token (cookie + `csrfToken` variable). */
export function provideLoginCsrf(secure: (c: Context) => boolean) {
  return createMiddleware<PageEnv>(async function provideLoginToken(c, next) {
    if (!c.get("csrfToken")) {
      let token = getCookie(c, LOGIN_CSRF_COOKIE);
      if (!token || token.length < 32) {
        token = generateRandomToken();
        setCookie(c, LOGIN_CSRF_COOKIE, token, {
          path: "/",
          httpOnly: true,
          sameSite: "Strict",
          secure: secure(c),
        });
      }
      c.set("csrfToken", token);
    }
    await next();
  });
}

export type CsrfRefusal = "origin" | "token";

/** Refuses unsafe requests from another origin or without the right token. */
export function csrfCheck(refuse: (c: Context<PageEnv>, why: CsrfRefusal) => Response | Promise<Response>) {
  return createMiddleware<PageEnv>(async function checkCsrf(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("Origin");
    // Host only: behind a TLS proxy the request URL says http while the browser's Origin says https.
    if (origin && origin !== "null" && hostOf(origin) !== new URL(c.req.url).host) return refuse(c, "origin");
    if (origin === "null") return refuse(c, "origin");
    const expected = c.get("csrfToken");
    const submitted = c.req.header(CSRF_HEADER) ?? (await readFormToken(c));
    if (!expected || !submitted || !equalsInConstantTime(submitted, expected)) return refuse(c, "token");
    await next();
  });
}

function hostOf(origin: string): string | null {
  return URL.canParse(origin) ? new URL(origin).host : null;
}

async function readFormToken(c: Context): Promise<string | null> {
  const type = c.req.header("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data"))
    return null;
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === "string" ? value : null;
}
