/** Builds the web app's deps from runtime-neutral parts (store, blobs, database, users); every runtime uses it. */
import { count, sql } from "drizzle-orm";
import type { AuditQueries } from "../db/audit-queries.js";
import type { SqliteDb } from "../db/database.js";
import { documents, messages } from "../db/schema.js";
import type { UserRepository } from "../db/user-repository.js";
import type { BlobStore, Clock, Store } from "../ingest/ports.js";
import { createAccessPolicy } from "./access-policy.js";
import type { AppDeps, SourceHealth } from "./app-deps.js";
import { hashToken } from "./token-hash.js";

export interface AppDepsParts {
  db: SqliteDb;
  store: Store;
  blobs: BlobStore;
  users: Pick<UserRepository, "findUserByTokenHash">;
  audit: Pick<AuditQueries, "hasActed">;
  clock: Clock;
  timeZone: string;
  /** Messages queued or in processing in this process (0 where processing is not in-process). */
  backlog(): number;
  sources(): SourceHealth[];
}

export function buildAppDeps(parts: AppDepsParts): AppDeps {
  const { db } = parts;
  return {
    store: parts.store,
    blobs: parts.blobs,
    timeZone: parts.timeZone,
    async findViewerByToken(token) {
      const user = await parts.users.findUserByTokenHash(hashToken(token));
      return user ? { login: user.login, role: user.role, teamId: user.teamId } : null;
    },
    gateFor: createAccessPolicy({
      store: parts.store,
      hasActed: parts.audit.hasActed,
      now: () => parts.clock.now(),
      timeZone: parts.timeZone,
    }),
    audit: (event) => parts.store.appendEvents([event]),
    async health() {
      let database: "ok" | "error" = "ok";
      try {
        await db.run(sql`select 1`);
      } catch {
        database = "error";
      }
      const sources = parts.sources();
      const ok = database === "ok" && sources.every((s) => s.state !== "down");
      return { ok, database, processingBacklog: parts.backlog(), sources };
    },
    metrics: () => renderMetrics(db, parts.backlog()),
  };
}

async function renderMetrics(db: SqliteDb, backlog: number): Promise<string> {
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
    `postkorb_processing_backlog ${backlog}`,
    "",
  ].join("\n");
}
