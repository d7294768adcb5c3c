/** Cookie sessions for the web inbox: httpOnly, SameSite=Strict, idle timeout, stored as sha256 only. */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { SessionRepository } from "../../db/session-repository.js";
import type { Clock } from "../../ingest/ports.js";
import type { InboxSettings, PageEnv } from "../inbox/inbox-deps.js";
import type { Authenticator } from "./authenticator.js";
import { generateRandomToken, hashSessionId } from "./random-token.js";
import type { SessionUser } from "./session-user.js";

export const SESSION_COOKIE = "pk_session";
/** lastSeenAt is written at most this often, so reading pages does not turn into a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionDeps {
  sessions: SessionRepository;
  authenticator: Authenticator;
  clock: Clock;
  settings: Pick<InboxSettings, "sessionIdleMinutes" | "cookieSecure">;
}

export function isSecureRequest(c: Context, setting: InboxSettings["cookieSecure"]): boolean {
  if (setting === "always") return true;
  if (setting === "never") return false;
  return new URL(c.req.url).protocol === "https:";
}

/** Reads the session cookie; sets `user` and `csrfToken`, or sends people to the login page. */
export function sessionMiddleware(deps: SessionDeps, isPublic: (path: string) => boolean) {
  return createMiddleware<PageEnv>(async function loadSession(c, next) {
    const state = await readSession(c, deps);
    if (state.kind === "ok") {
      c.set("user", state.user);
      c.set("csrfToken", state.csrfToken);
    } else if (!isPublic(c.req.path)) {
      const target = `${c.req.path}${new URL(c.req.url).search}`;
      const query = new URLSearchParams({ weiter: c.req.method === "GET" ? target : "/" });
      if (state.kind === "expired") query.set("abgelaufen", "1");
      return c.redirect(`/anmelden?${query}`, 303);
    }
    await next();
  });
}

type SessionState =
  | { kind: "ok"; user: SessionUser; csrfToken: string }
  | { kind: "none" }
  | { kind: "expired" };

async function readSession(c: Context, deps: SessionDeps): Promise<SessionState> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return { kind: "none" };
  const idHash = hashSessionId(cookie);
  const row = await deps.sessions.findSession(idHash);
  if (!row) return { kind: "expired" };
  const now = deps.clock.now();
  const idleMs = now.getTime() - Date.parse(row.lastSeenAt);
  if (idleMs > deps.settings.sessionIdleMinutes * 60_000) {
    await deps.sessions.deleteSession(idHash);
    return { kind: "expired" };
  }
  const user = await deps.authenticator.findUser(row.login);
  if (!user) {
    await deps.sessions.deleteSession(idHash);
    return { kind: "none" };
  }
  if (idleMs > TOUCH_INTERVAL_MS) await deps.sessions.touchSession(idHash, now.toISOString());
  return { kind: "ok", user, csrfToken: row.csrfToken };
}

/** Starts a fresh session (a new id on every login: no session fixation) and sets the cookie. */
export async function startSession(c: Context, deps: SessionDeps, user: SessionUser): Promise<string> {
  const id = generateRandomToken();
  const csrfToken = generateRandomToken();
  const now = deps.clock.now();
  await deps.sessions.deleteIdleSessions(
    new Date(now.getTime() - deps.settings.sessionIdleMinutes * 60_000).toISOString(),
  );
  await deps.sessions.createSession({
    idHash: hashSessionId(id),
    login: user.login,
    csrfToken,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
  });
  setCookie(c, SESSION_COOKIE, id, {
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    secure: isSecureRequest(c, deps.settings.cookieSecure),
  });
  return csrfToken;
}

export async function endSession(c: Context, deps: SessionDeps): Promise<void> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) await deps.sessions.deleteSession(hashSessionId(cookie));
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
