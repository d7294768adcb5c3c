/** Cloudflare Workers entry: HTTP (API, web inbox, health), Email Routing ingress, cron retries. */

import { getPath } from "hono/utils/url";
import { ConfigError } from "../config.js";
import { consoleLogger, type WorkerCore, workerCore } from "./worker-core.js";
import { receiveEmail, resumePending } from "./worker-email.js";
import type { IncomingEmail, WorkerContext, WorkerEnv } from "./worker-env.js";
import { OPS_PATHS } from "./worker-ops.js";

/** The core, or the reason it cannot be built (a bad var or secret): logged, and answered without details. */
function coreOrProblem(env: WorkerEnv): WorkerCore | ConfigError {
  try {
    return workerCore(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    consoleLogger.error({ problem: err.message }, "worker configuration invalid");
    return err;
  }
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Response | Promise<Response> {
    const core = coreOrProblem(env);
    // The path as Hono routes it (percent-decoded): "/%6detrics" must not reach the app's unguarded /metrics.
    const path = getPath(request);
    if (core instanceof ConfigError) {
      if (path === "/healthz") return Response.json({ status: "error" }, { status: 503 });
      return new Response("Postkorb ist nicht betriebsbereit (Konfigurationsfehler, siehe Worker-Logs)", {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    // Node serves these from createApp on loopback; on the internet the Worker guards them (worker-ops.ts).
    if (OPS_PATHS.has(path)) return core.ops.fetch(request, env, ctx as never);
    return core.app.fetch(request, env, ctx as never);
  },
  async email(message: IncomingEmail, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    const core = coreOrProblem(env);
    if (core instanceof ConfigError) {
      message.setReject(
        "Postkorb ist nicht betriebsbereit (Konfigurationsfehler); bitte die IT des Amts informieren",
      );
      return;
    }
    return receiveEmail(core, message, ctx);
  },
  scheduled(_controller: unknown, env: WorkerEnv, ctx: WorkerContext): void {
    const core = coreOrProblem(env);
    if (core instanceof ConfigError) return;
    ctx.waitUntil(resumePending(core));
  },
};
