/** Bearer-token authentication for /api/v1 (tokens from `postkorb token create`). */
import { createMiddleware } from "hono/factory";
import type { AppDeps } from "../app-deps.js";
import type { ApiEnv } from "./api-env.js";

export function bearerAuth(deps: Pick<AppDeps, "findViewerByToken">) {
  return createMiddleware<ApiEnv>(async function authenticateBearer(c, next) {
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.header("WWW-Authenticate", 'Bearer realm="postkorb"');
      return c.json(
        { error: { code: "unauthenticated", message: "Anmeldung erforderlich (Bearer-Token)" } },
        401,
      );
    }
    const viewer = await deps.findViewerByToken(match[1]!);
    if (!viewer) {
      c.header("WWW-Authenticate", 'Bearer realm="postkorb", error="invalid_token"');
      return c.json({ error: { code: "unauthenticated", message: "Token ungültig oder widerrufen" } }, 401);
    }
    c.set("viewer", viewer);
    await next();
  });
}
