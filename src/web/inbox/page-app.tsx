/** The Hono sub-app all server-rendered pages live on: headers, assets, session, CSRF, login, error pages. */
import { Hono } from "hono";
import { createLoginFailureRepository } from "../../db/login-failure-repository.js";
import { createSessionRepository } from "../../db/session-repository.js";
import { AppError, toAppError } from "../../errors.js";
import { csrfCheck, provideLoginCsrf } from "../auth/csrf.js";
import { registerLoginRoutes } from "../auth/login-routes.js";
import { createLoginThrottle } from "../auth/login-throttle.js";
import { securityHeaders } from "../auth/security-headers.js";
import { isSecureRequest, type SessionDeps, sessionMiddleware } from "../auth/session.js";
import { renderErrorPage, renderForbidden, renderNotFound } from "./error-pages.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";
import { LANGUAGE_SWITCH_PATH, registerLanguageSwitch } from "./ui-language.js";

const ASSET_TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
};

function isPublicPath(path: string): boolean {
  return path === "/anmelden" || path === LANGUAGE_SWITCH_PATH || path.startsWith("/assets/");
}

/**
 * Builds the page app. Register page routes on it (registerInbox, registerSupervisorPages, …) and only then
 * mount it with `app.route("/", pages)`: Hono copies routes at mount time.
 */
export function createPageApp(deps: PageDeps): Hono<PageEnv> {
  const { inbox } = deps;
  const pages = new Hono<PageEnv>();
  const sessionDeps: SessionDeps = {
    sessions: createSessionRepository(inbox.database.db),
    authenticator: inbox.authenticator,
    clock: inbox.clock,
    settings: inbox.settings,
  };
  const secure = (c: Parameters<typeof isSecureRequest>[0]) =>
    isSecureRequest(c, inbox.settings.cookieSecure);

  pages.use("*", securityHeaders());
  pages.use("*", async function setOfficeName(c, next) {
    c.set("officeName", inbox.settings.officeName);
    await next();
  });
  pages.get("/assets/:name", async (c) => {
    const name = c.req.param("name");
    const type = ASSET_TYPES[name.split(".").pop() ?? ""];
    const bytes = /^[a-z0-9-]+\.[a-z]+$/.test(name) && type ? await inbox.assets(name) : null;
    if (!bytes) return c.text("Nicht gefunden", 404);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": type!,
      "Cache-Control": "public, max-age=3600",
    });
  });
  pages.use("*", sessionMiddleware(sessionDeps, isPublicPath));
  pages.use("*", provideLoginCsrf(secure));
  pages.use(
    "*",
    csrfCheck(async (c, why) => {
      await deps.audit({
        actor: c.get("user")?.login ?? "(anonym)",
        action: "security.csrf-refused",
        subjectType: "request",
        subjectId: c.req.path,
        data: { why },
      });
      return renderForbidden(
        c,
        "Die Sicherheitsprüfung des Formulars ist fehlgeschlagen. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
      );
    }),
  );
  registerLoginRoutes(pages, {
    ...sessionDeps,
    throttle: createLoginThrottle(
      inbox.settings.loginThrottle,
      createLoginFailureRepository(inbox.database.db),
    ),
    clientAddress: inbox.clientAddress,
    audit: deps.audit,
  });
  pages.get("/", (c) => c.redirect("/postkorb", 303));
  registerLanguageSwitch(pages, secure);

  pages.onError((err, c) => {
    const appError = toAppError(err);
    if (!(err instanceof AppError)) console.error(err);
    if (appError.code === "forbidden") return renderForbidden(c, appError.publicMessage);
    if (appError.code === "not-found") return renderNotFound(c, appError.publicMessage);
    const status = appError.httpStatus === 400 || appError.httpStatus === 409 ? appError.httpStatus : 500;
    return renderErrorPage(c, status, appError.publicMessage);
  });
  return pages;
}
