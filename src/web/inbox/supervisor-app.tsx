/** The Teamleitung pages under /team, for supervisors (their team) and admins (all teams). */
import type { Hono } from "hono";
import { requireRole } from "../auth/require-role.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";
import { registerCasesPage } from "./supervisor-cases-page.js";
import { buildSupervisorPageDeps } from "./supervisor-context.js";
import { registerDocumentsPages } from "./supervisor-documents-page.js";
import { registerOverviewPage } from "./supervisor-overview-page.js";

export function registerSupervisorPages(pages: Hono<PageEnv>, deps: PageDeps): void {
  const supervisorDeps = buildSupervisorPageDeps(deps);
  pages.use("/team", requireRole("supervisor", "admin"));
  pages.use("/team/*", requireRole("supervisor", "admin"));
  // The main navigation links to /teamleitung.
  pages.get("/teamleitung", (c) => c.redirect("/team", 302));
  registerOverviewPage(pages, supervisorDeps);
  registerDocumentsPages(pages, supervisorDeps);
  registerCasesPage(pages, supervisorDeps);
}
