/** Builds the web app's deps from the embedded core. */
import { count, sql } from "drizzle-orm";
import { documents, messages } from "../db/schema.js";
import type { Processor } from "../ingest/processor.js";
import { createAccessPolicy } from "../web/access-policy.js";
import type { AppDeps } from "../web/app-deps.js";
import { hashToken } from "../web/token-hash.js";
import type { EmbeddedCore } from "./embedded-core.js";
import type { IngressHealth } from "./ingress-health.js";
import { createNodeInboxDeps } from "./node-inbox-deps.js";

export function createWebDeps(
  core: EmbeddedCore,
  extra: { processor: Processor; health: IngressHealth },
): AppDeps {
  const { db } = core.database;
  return {
    store: core.store,
    blobs: core.blobs,
    timeZone: core.config.timeZone,
    async findViewerByToken(token) {
      const user = await core.users.findUserByTokenHash(hashToken(token));
      return user ? { login: user.login, role: user.role, teamId: user.teamId } : null;
    },
    gateFor: createAccessPolicy({
      store: core.store,
      hasActed: core.audit.hasActed,
      now: () => core.clock.now(),
      timeZone: core.config.timeZone,
    }),
    audit: (event) => core.store.appendEvents([event]),
    inbox: createNodeInboxDeps(core),
    async health() {
      let database: "ok" | "error" = "ok";
      try {
        await db.run(sql`select 1`);
      } catch {
        database = "error";
      }
      const sources = extra.health.list();
      const ok = database === "ok" && sources.every((s) => s.state !== "down");
      return { ok, database, processingBacklog: extra.processor.backlog, sources };
    },
    async metrics() {
      const byStatus = await db
        .select({ status: messages.status, n: count() })
        .from(messages)
        .groupBy(messages.status);
      const docs = await db
        .select({ status: documents.status, n: count() })
        .from(documents)
        .groupBy(documents.status);
      return [
        "# TYPE postkorb_messages gauge",
        ...byStatus.map((r) => `postkorb_messages{status="${r.status}"} ${r.n}`),
        "# TYPE postkorb_documents gauge",
        ...docs.map((r) => `postkorb_documents{status="${r.status}"} ${r.n}`),
        "# TYPE postkorb_processing_backlog gauge",
        `postkorb_processing_backlog ${extra.processor.backlog}`,
        "",
      ].join("\n");
    },
  };
}
