/** The Verwaltung pages under /verwaltung, for admins only: users, teams, API tokens, scan terminals. */
import type { Hono } from "hono";
import { requireRole } from "../auth/require-role.js";
import { hashPassword } from "../auth/scrypt-password.js";
import { registerAdminTeamsPage } from "./admin-teams-page.js";
import { registerAdminTerminalsPage } from "./admin-terminals-page.js";
import { registerAdminTokensPage } from "./admin-tokens-page.js";
import { registerAdminUsersPage } from "./admin-users-page.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";
import { buildAdminDeps } from "./supervisor-context.js";

export function registerAdminPages(pages: Hono<PageEnv>, deps: PageDeps): void {
  const adminDeps = buildAdminDeps(deps, hashPassword);
  pages.use("/verwaltung", requireRole("admin"));
  pages.use("/verwaltung/*", requireRole("admin"));
  pages.get("/verwaltung", (c) => c.redirect("/verwaltung/benutzer", 302));
  registerAdminUsersPage(pages, adminDeps);
  registerAdminTeamsPage(pages, adminDeps);
  registerAdminTokensPage(pages, adminDeps, deps.timeZone);
  registerAdminTerminalsPage(pages, adminDeps, deps.timeZone);
}
