/** The caseworker's pages ("Mein Postkorb", document page, help), registered on the page app. */
import type { Hono } from "hono";
import { registerHelpPage } from "./caseworker-help-page.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";

export function registerInbox(pages: Hono<PageEnv>, _deps: PageDeps): void {
  registerHelpPage(pages);
  pages.get("/postkorb", (c) =>
    renderPage(c, { title: "Mein Postkorb", active: "postkorb" }, <h1>Mein Postkorb</h1>),
  );
}
