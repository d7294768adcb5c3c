/** A browser-less client for the server-rendered pages: keeps cookies, follows no redirect, reads CSRF fields. */
import { DEMO_PASSWORD } from "../../scripts/demo/demo-office.js";

export interface PageClient {
  cookies: Map<string, string>;
  request(path: string, init?: RequestInit): Promise<Response>;
  get(path: string): Promise<Response>;
  /** The CSRF token of the form on the page at `path`. */
  csrfFrom(path: string): Promise<string>;
  /** A form POST with the session's CSRF token (read from the page at `from`). */
  post(path: string, form: Record<string, string>, from?: string): Promise<Response>;
  /** Posts the login form; returns the answer (303 on success). */
  tryLogin(login: string, password?: string): Promise<Response>;
  /** Logs in or throws. */
  login(login: string, password?: string): Promise<void>;
}

export function createPageClient(base: string): PageClient {
  const cookies = new Map<string, string>();
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("Cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(`${base}${path}`, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=");
      if (/Max-Age=0/i.test(line)) cookies.delete(name!);
      else cookies.set(name!, value ?? "");
    }
    return res;
  }
  async function csrfFrom(path: string): Promise<string> {
    const html = await (await request(path)).text();
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  }
  async function tryLogin(login: string, password = DEMO_PASSWORD): Promise<Response> {
    const _csrf = await csrfFrom("/anmelden");
    return request("/anmelden", {
      method: "POST",
      body: new URLSearchParams({ _csrf, login, password, weiter: "/postkorb" }),
    });
  }
  return {
    cookies,
    request,
    get: (path) => request(path),
    csrfFrom,
    async post(path, form, from = "/postkorb") {
      const _csrf = await csrfFrom(from);
      return request(path, { method: "POST", body: new URLSearchParams({ _csrf, ...form }) });
    },
    tryLogin,
    async login(login, password) {
      const res = await tryLogin(login, password);
      if (res.status !== 303) throw new Error(`login ${login}: HTTP ${res.status}`);
    },
  };
}
