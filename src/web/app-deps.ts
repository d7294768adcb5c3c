/** What the web app needs from the outside world; runtime entries build it. */
import type { Viewer } from "../domain/permissions.js";
import type { BlobStore, NewEvent, Store } from "../ingest/ports.js";
import type { CoverSheetIssuer } from "../pdf/cover-sheet-issuer.js";
import type { AccessPolicy } from "./access-policy.js";
import type { InboxDeps } from "./inbox/inbox-deps.js";

export interface SourceHealth {
  name: string;
  kind: "smtp" | "imap" | "email-routing";
  state: string;
  lastMailAt: string | null;
  lastError: string | null;
  backlog: number | null;
}

export interface HealthReport {
  ok: boolean;
  database: "ok" | "error";
  processingBacklog: number;
  sources: SourceHealth[];
}

export interface AppDeps {
  store: Store;
  blobs: BlobStore;
  findViewerByToken(token: string): Promise<Viewer | null>;
  gateFor: AccessPolicy;
  health(): Promise<HealthReport>;
  metrics(): Promise<string>;
  timeZone: string;
  audit(event: NewEvent): Promise<void>;
  /** POST /api/v1/cover-sheets; absent = the route is not offered (e.g. a runtime without fonts). */
  issueCoverSheets?: CoverSheetIssuer;
  /** The server-rendered pages (web inbox); absent = JSON API only. */
  inbox?: InboxDeps;
}
