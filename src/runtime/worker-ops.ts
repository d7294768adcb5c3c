/**
 * /healthz and /metrics on Workers. On Node they listen on loopback by default; a Worker is on the internet,
 * so /metrics needs a Bearer token (POSTKORB_METRICS_TOKEN or an admin API token) and /healthz tells an
 * anonymous caller only up or down. With a token /healthz gives the full report and the set-up problems.
 */
import { Hono } from "hono";
import type { AppDeps } from "../web/app-deps.js";
import { equalsInConstantTime } from "../web/auth/random-token.js";
import type { WorkerOpsSettings } from "./worker-env.js";

export const OPS_PATHS = new Set(["/healthz", "/metrics"]);

type OpsDeps = Pick<AppDeps, "health" | "metrics" | "findViewerByToken">;

export function createWorkerOpsApp(deps: OpsDeps, settings: WorkerOpsSettings): Hono {
  const ops = new Hono();

  async function mayReadOps(authorization: string | undefined): Promise<boolean> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
    if (!token) return false;
    if (settings.metricsToken && equalsInConstantTime(token, settings.metricsToken)) return true;
    return (await deps.findViewerByToken(token))?.role === "admin";
  }

  ops.get("/healthz", async (c) => {
    const report = await deps.health();
    const ok = report.ok && settings.problems.length === 0;
    const status = ok ? 200 : 503;
    c.header("Cache-Control", "no-store");
    if (!(await mayReadOps(c.req.header("Authorization"))))
      return c.json({ status: ok ? "ok" : "error" }, status);
    return c.json({ status: ok ? "ok" : "error", ...report, ok, problems: settings.problems }, status);
  });

  ops.get("/metrics", async (c) => {
    if (!(await mayReadOps(c.req.header("Authorization"))))
      return c.json(
        { error: { code: "unauthenticated", message: "Anmeldung erforderlich (Bearer-Token)" } },
        401,
        { "WWW-Authenticate": 'Bearer realm="postkorb"' },
      );
    return c.text(await deps.metrics(), 200, {
      "Content-Type": "text/plain; version=0.0.4",
      "Cache-Control": "no-store",
    });
  });

  return ops;
}
