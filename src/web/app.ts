/** Builds the Hono app from injected ports; runtime entries only construct the deps and serve it. */
import { Hono } from "hono";
import { AppError, toAppError } from "../errors.js";
import type { ApiEnv } from "./api/api-env.js";
import { bearerAuth } from "./api/bearer-auth.js";
import { registerCoverSheetRoutes } from "./api/cover-sheet-routes.js";
import { registerDocumentRoutes } from "./api/document-routes.js";
import { registerMessageRoutes } from "./api/message-routes.js";
import { openApiDocument } from "./api/openapi.js";
import type { AppDeps } from "./app-deps.js";
import { registerAdminPages } from "./inbox/admin-app.js";
import { renderNotFound } from "./inbox/error-pages.js";
import { registerInbox } from "./inbox/inbox-app.js";
import { createPageApp } from "./inbox/page-app.js";
import { registerSupervisorPages } from "./inbox/supervisor-app.js";

const notFoundBody = { error: { code: "not-found", message: "Nicht gefunden" } };

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get("/healthz", async (c) => {
    const report = await deps.health();
    return c.json(report, report.ok ? 200 : 503);
  });
  app.get("/metrics", async (c) =>
    c.text(await deps.metrics(), 200, { "Content-Type": "text/plain; version=0.0.4" }),
  );

  const api = new Hono<ApiEnv>();
  api.get("/openapi.json", (c) => c.json(openApiDocument));
  api.use("*", bearerAuth(deps));
  registerDocumentRoutes(api, deps);
  registerMessageRoutes(api, deps);
  if (deps.issueCoverSheets) registerCoverSheetRoutes(api, deps.issueCoverSheets);
  app.route("/api/v1", api);
  app.all("/api/*", (c) => c.json(notFoundBody, 404));

  if (deps.inbox) {
    const pageDeps = { ...deps, inbox: deps.inbox };
    const pages = createPageApp(pageDeps);
    registerInbox(pages, pageDeps);
    registerSupervisorPages(pages, pageDeps);
    registerAdminPages(pages, pageDeps);
    // Last: an address no page module knows gets the German 404 page (API paths keep their JSON answer).
    pages.all("*", (c) => (c.req.path.startsWith("/api/") ? c.json(notFoundBody, 404) : renderNotFound(c)));
    // Further page modules (Teamleitung, Verwaltung) register here, before the mount: Hono copies routes then.
    app.route("/", pages);
  }

  app.onError((err, c) => {
    const appError = toAppError(err);
    if (!(err instanceof AppError)) console.error(err);
    return c.json({ error: { code: appError.code, message: appError.publicMessage } }, appError.httpStatus);
  });
  app.notFound((c) => c.json(notFoundBody, 404));
  return app;
}
