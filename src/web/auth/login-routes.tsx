/** GET/POST /anmelden and POST /abmelden: local login with throttling, audit events for each outcome. */
import type { Context, Hono } from "hono";
import type { NewEvent } from "../../ingest/ports.js";
import type { PageEnv } from "../inbox/inbox-deps.js";
import { renderPage } from "../inbox/layout.js";
import type { Authenticator } from "./authenticator.js";
import { csrfField } from "./csrf.js";
import type { LoginThrottle } from "./login-throttle.js";
import { endSession, type SessionDeps, startSession } from "./session.js";

export interface LoginDeps extends SessionDeps {
  authenticator: Authenticator;
  throttle: LoginThrottle;
  clientAddress(c: Context): string;
  audit(event: NewEvent): Promise<void>;
}

const FAILED = "Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch.";

/** Only same-site paths: an open redirect after login would help phishing. */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\"))
    return "/";
  return value;
}

function LoginForm(props: { csrfToken: string; next: string; login: string }) {
  return (
    <section class="login">
      <h1>Anmelden</h1>
      <form method="post" action="/anmelden">
        {csrfField(props.csrfToken)}
        <input type="hidden" name="weiter" value={props.next} />
        <p>
          <label for="login">Benutzername</label>
          <input id="login" name="login" autocomplete="username" required autofocus value={props.login} />
        </p>
        <p>
          <label for="password">Passwort</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">Anmelden</button>
        </p>
      </form>
    </section>
  );
}

function showLogin(
  c: Context<PageEnv>,
  o: { next: string; login?: string; error?: string; notice?: string; status?: 400 | 401 | 429 },
) {
  const form = <LoginForm csrfToken={c.get("csrfToken")} next={o.next} login={o.login ?? ""} />;
  return renderPage(
    c,
    { title: "Anmelden", error: o.error ?? null, notice: o.notice ?? null, status: o.status ?? 200 },
    form,
  );
}

export function registerLoginRoutes(app: Hono<PageEnv>, deps: LoginDeps): void {
  app.get("/anmelden", (c) => {
    if (c.get("user")) return c.redirect(safeNextPath(c.req.query("weiter")), 303);
    const notice =
      c.req.query("abgelaufen") !== undefined
        ? "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."
        : c.req.query("abgemeldet") !== undefined
          ? "Sie haben sich abgemeldet."
          : undefined;
    return showLogin(c, { next: safeNextPath(c.req.query("weiter")), notice });
  });

  app.post("/anmelden", async (c) => {
    const body = await c.req.parseBody();
    const login = String(body.login ?? "")
      .trim()
      .toLowerCase();
    const password = String(body.password ?? "");
    const next = safeNextPath(body.weiter);
    const address = deps.clientAddress(c);
    const attempt = { account: login, address };
    const now = deps.clock.now();
    const wait = await deps.throttle.retryAfterSeconds(attempt, now);
    const event = { actor: login || "(leer)", subjectType: "user", subjectId: login || "(leer)" };
    if (wait > 0) {
      await deps.audit({ ...event, action: "auth.login-throttled", data: { address } });
      c.header("Retry-After", String(wait));
      const minutes = Math.ceil(wait / 60);
      const error = `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${minutes} Minute(n) erneut.`;
      return showLogin(c, { next, login, error, status: 429 });
    }
    const result = await deps.authenticator.authenticate(login, password);
    if (!result.ok) {
      await deps.throttle.recordFailure(attempt, now);
      await deps.audit({ ...event, action: "auth.login-failed", data: { reason: result.reason, address } });
      return showLogin(c, { next, login, error: FAILED, status: 401 });
    }
    await deps.throttle.recordSuccess(attempt);
    await startSession(c, deps, result.user);
    await deps.audit({ ...event, action: "auth.login", data: { address } });
    return c.redirect(next, 303);
  });

  app.post("/abmelden", async (c) => {
    const user = c.get("user");
    await endSession(c, deps);
    await deps.audit({
      actor: user.login,
      action: "auth.logout",
      subjectType: "user",
      subjectId: user.login,
      data: {},
    });
    return c.redirect("/anmelden?abgemeldet=1", 303);
  });
}
