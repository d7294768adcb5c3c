/** The Teamleitung pages under /team, for supervisors (their team) and admins (all teams). */
import type { Hono } from "hono";
import { requireRole } from "../auth/require-role.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";
import { registerAbsencesPage } from "./supervisor-absences-page.js";
import { registerCasesPage } from "./supervisor-cases-page.js";
import { buildSupervisorPageDeps } from "./supervisor-context.js";
import { registerDocumentsPages } from "./supervisor-documents-page.js";
import { registerLettersPage } from "./supervisor-letters-page.js";
import { registerOverviewPage } from "./supervisor-overview-page.js";
import { registerPreviewPage } from "./supervisor-preview-page.js";
import { registerRegisterPage } from "./supervisor-register-page.js";
import { registerRulesPage } from "./supervisor-rules-page.js";
import { registerStatsPage } from "./supervisor-stats-page.js";

export function registerSupervisorPages(pages: Hono<PageEnv>, deps: PageDeps): void {
  const supervisorDeps = buildSupervisorPageDeps(deps);
  pages.use("/team", requireRole("supervisor", "admin"));
  pages.use("/team/*", requireRole("supervisor", "admin"));
  // The main navigation links to /teamleitung.
  pages.get("/teamleitung", (c) => c.redirect("/team", 302));
  registerOverviewPage(pages, supervisorDeps);
  registerDocumentsPages(pages, supervisorDeps);
  registerCasesPage(pages, supervisorDeps);
  registerAbsencesPage(pages, supervisorDeps);
  registerLettersPage(pages, supervisorDeps);
  registerRulesPage(pages, supervisorDeps);
  registerRegisterPage(pages, supervisorDeps);
  registerPreviewPage(pages, supervisorDeps);
  registerStatsPage(pages, supervisorDeps);
}
