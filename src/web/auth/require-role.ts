/** Route guard: only the named roles pass; everyone else gets the German 403 page. */
import { createMiddleware } from "hono/factory";
import type { Role } from "../../domain/office.js";
import { renderForbidden } from "../inbox/error-pages.js";
import type { PageEnv } from "../inbox/inbox-deps.js";

/** Use after the session middleware: `pages.use("/teamleitung/*", requireRole("supervisor", "admin"))`. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<PageEnv>(async function checkRole(c, next) {
    const user = c.get("user");
    if (!user || !roles.includes(user.role)) return renderForbidden(c);
    await next();
  });
}
