/** Builds the web app's deps from the embedded core. */
import type { Processor } from "../ingest/processor.js";
import { createCoverSheetIssuer } from "../pdf/cover-sheet-issuer.js";
import type { AppDeps } from "../web/app-deps.js";
import { buildAppDeps } from "../web/build-app-deps.js";
import type { EmbeddedCore } from "./embedded-core.js";
import type { IngressHealth } from "./ingress-health.js";
import { createNodeInboxDeps } from "./node-inbox-deps.js";

export function createWebDeps(
  core: EmbeddedCore,
  extra: { processor: Processor; health: IngressHealth },
): AppDeps {
  const deps = buildAppDeps({
    db: core.database.db,
    store: core.store,
    blobs: core.blobs,
    users: core.users,
    audit: core.audit,
    clock: core.clock,
    timeZone: core.config.timeZone,
    backlog: () => extra.processor.backlog,
    sources: () => extra.health.list(),
  });
  const issueCoverSheets = createCoverSheetIssuer({ ...core, keyring: core.coverSheetKeyring });
  return { ...deps, inbox: createNodeInboxDeps(core), issueCoverSheets };
}
