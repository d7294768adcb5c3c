/** The repositories and use-case deps the caseworker pages share, built once per app. */
import { createAuditQueries } from "../../db/audit-queries.js";
import {
  type CaseworkerQueueQueries,
  createCaseworkerQueueQueries,
} from "../../db/caseworker-queue-queries.js";
import { createDocumentActionRepository } from "../../db/document-action-repository.js";
import type { DocumentActionDeps } from "../../office/document-actions/action-deps.js";
import type { PageDeps } from "./inbox-deps.js";

export interface CaseworkerContext {
  deps: PageDeps;
  queue: CaseworkerQueueQueries;
  actions: DocumentActionDeps;
  history: ReturnType<typeof createAuditQueries>;
  now(): Date;
}

export function createCaseworkerContext(deps: PageDeps): CaseworkerContext {
  const { database, clock, settings } = deps.inbox;
  return {
    deps,
    queue: createCaseworkerQueueQueries(database.db),
    actions: {
      repo: createDocumentActionRepository(database, () => clock.now()),
      timeZone: deps.timeZone,
      routingOptions: settings.routingOptions,
      docTypes: settings.docTypes,
    },
    history: createAuditQueries(database.db),
    now: () => clock.now(),
  };
}
