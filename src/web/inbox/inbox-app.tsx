/** The caseworker's pages ("Mein Postkorb", document page and its actions, cover sheets, help) on the page app. */
import type { Hono } from "hono";
import { createCaseworkerContext } from "./caseworker-context.js";
import { registerHelpPage } from "./caseworker-help-page.js";
import { registerQueuePage } from "./caseworker-queue-page.js";
import { registerCoverSheetPage } from "./cover-sheet-page.js";
import { registerDocumentActionRoutes } from "./document-action-routes.js";
import { registerDocumentPage } from "./document-page.js";
import { registerDocumentPdfRoute } from "./document-pdf-route.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";

export function registerInbox(pages: Hono<PageEnv>, deps: PageDeps): void {
  const ctx = createCaseworkerContext(deps);
  registerHelpPage(pages);
  registerQueuePage(pages, ctx);
  registerDocumentPdfRoute(pages, ctx);
  registerDocumentPage(pages, ctx);
  registerDocumentActionRoutes(pages, ctx);
  registerCoverSheetPage(pages, deps);
}
