/** Cloudflare Workers entry: HTTP (API), Email Routing ingress, cron retries — one core, thin handlers. */

import { workerCore } from "./worker-core.js";
import { receiveEmail, resumePending } from "./worker-email.js";
import type { IncomingEmail, WorkerContext, WorkerEnv } from "./worker-env.js";

export default {
  fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Response | Promise<Response> {
    return workerCore(env).app.fetch(request, env, ctx as never);
  },
  email(message: IncomingEmail, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    return receiveEmail(workerCore(env), message, ctx);
  },
  scheduled(_controller: unknown, env: WorkerEnv, ctx: WorkerContext): void {
    ctx.waitUntil(resumePending(workerCore(env)));
  },
};
