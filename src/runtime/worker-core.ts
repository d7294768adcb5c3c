/** The Worker's adapters: D1 + R2 + postal-mime behind the same ports as the embedded core. */
import type { Hono } from "hono";
import type { Config } from "../config.js";
import { ConfigError } from "../config.js";
import { createAuditQueries } from "../db/audit-queries.js";
import type { Database } from "../db/database.js";
import { openD1 } from "../db/open-d1.js";
import { createSqlStore } from "../db/sql-store.js";
import { createUserRepository } from "../db/user-repository.js";
import { type CoverSheetKeyring, createKeyring } from "../domain/cover-sheet-codec.js";
import { type CaptureInput, captureMessage } from "../ingest/capture-message.js";
import { newId } from "../ingest/new-id.js";
import { type Clock, systemClock } from "../ingest/ports.js";
import type { PipelineDeps } from "../ingest/process-message.js";
import type { Logger } from "../log.js";
import { parseMailWithPostalMime } from "../mail/parse-mail-postal-mime.js";
import { createStreamingCoverSheetSplitter } from "../pdf/cover-sheet-splitter.js";
import { createInlineQrScanner } from "../pdf/inline-qr-scanner.js";
import { createReceiptStamper } from "../pdf/stamp-receipt.js";
import { createR2BlobStore } from "../storage/r2-blob-store.js";
import { createApp } from "../web/app.js";
import { buildAppDeps } from "../web/build-app-deps.js";
import {
  MISSING_SECRET,
  readWorkerConfig,
  readWorkerOpsSettings,
  type WorkerEnv,
  type WorkerOpsSettings,
} from "./worker-env.js";
import { createWorkerInboxDeps } from "./worker-inbox-deps.js";
import { createWorkerOpsApp } from "./worker-ops.js";

export interface WorkerCore {
  config: Readonly<Config>;
  database: Database;
  pipeline: PipelineDeps;
  /** API and web inbox: the same Hono app as on Node. */
  app: Hono;
  /** /healthz and /metrics as the Worker answers them (token-guarded, see worker-ops.ts). */
  ops: Hono;
  opsSettings: WorkerOpsSettings;
  log: Logger;
  capture(input: CaptureInput): ReturnType<typeof captureMessage>;
}

/** One core per env object: the isolate reuses it across requests, as the Node process reuses its core. */
const cores = new WeakMap<object, WorkerCore>();

/** Throws ConfigError when a var or secret is invalid (worker.ts turns that into a 503 / a rejected mail). */
export function workerCore(env: WorkerEnv): WorkerCore {
  let core = cores.get(env);
  if (!core) {
    core = buildWorkerCore(env, systemClock);
    cores.set(env, core);
  }
  return core;
}

export function buildWorkerCore(env: WorkerEnv, clock: Clock): WorkerCore {
  const config = readWorkerConfig(env);
  const opsSettings = readWorkerOpsSettings(env, config);
  const database = openD1(env.DB);
  const store = createSqlStore(database, () => clock.now());
  const blobs = createR2BlobStore(env.BLOBS);
  const users = createUserRepository(database.db, () => clock.now());
  const pipeline: PipelineDeps = {
    store,
    blobs,
    clock,
    parseMail: parseMailWithPostalMime,
    // The same splitter and split plan as on Node; page images are read in the isolate (no sharp, no threads).
    // No pdfjs fallback (it needs a native canvas): a page without an extractable image has no code.
    splitPdf: createStreamingCoverSheetSplitter({
      keyring: keyringOf(config),
      pool: createInlineQrScanner,
      renderPage: null,
    }),
    // No font file to read in the isolate: the stamp uses pdf-lib's Helvetica (WinAnsi covers German).
    stampPdf: createReceiptStamper({
      officeName: config.officeName,
      timeZone: config.timeZone,
      font: "helvetica",
    }),
    newId: () => newId(clock.now().getTime()),
    timeZone: config.timeZone,
    subjectOptions: {
      caseRefPattern: config.caseRefPattern,
      customerNoPattern: config.customerNoPattern,
      docTypes: config.docTypes,
    },
    routingOptions: { umlautVariant: config.umlautVariant, skipParticles: config.skipNameParticles },
  };
  const appDeps = buildAppDeps({
    db: database.db,
    store,
    blobs,
    users,
    audit: createAuditQueries(database.db),
    clock,
    timeZone: config.timeZone,
    backlog: () => 0,
    sources: () => [
      {
        name: "email-routing",
        kind: "email-routing",
        state: "push",
        lastMailAt: null,
        lastError: null,
        backlog: null,
      },
    ],
  });
  const inbox = createWorkerInboxDeps({
    config,
    database,
    clock,
    users,
    routingOptions: pipeline.routingOptions,
  });
  // No issueCoverSheets: rendering a sheet's QR code needs sharp (Node/Bun); sheets are issued there.
  const app = createApp({ ...appDeps, inbox });
  const captureDeps = { store, blobs, clock, newId: pipeline.newId };
  return {
    config,
    database,
    pipeline,
    app,
    ops: createWorkerOpsApp(appDeps, opsSettings),
    opsSettings,
    log: consoleLogger,
    capture: (input) => captureMessage(captureDeps, input),
  };
}

/** No data dir to generate a secret into: on Workers it must be set (`wrangler secret put POSTKORB_SECRET`). */
function keyringOf(config: Readonly<Config>): () => CoverSheetKeyring {
  let keyring: CoverSheetKeyring | null = null;
  return () => {
    if (!config.secret) throw new ConfigError(MISSING_SECRET);
    keyring ??= createKeyring(config.secret, config.previousSecrets);
    return keyring;
  };
}

/** Workers Logs keep console output; one JSON object per line, as pino writes on Node. */
export const consoleLogger: Logger = {
  info: (fields, msg) => console.log(JSON.stringify({ level: "info", msg, ...fields })),
  warn: (fields, msg) => console.warn(JSON.stringify({ level: "warn", msg, ...fields })),
  error: (fields, msg) => console.error(JSON.stringify({ level: "error", msg, ...fields })),
  debug: () => {},
};
