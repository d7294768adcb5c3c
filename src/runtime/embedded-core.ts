/** The embedded default's adapters (better-sqlite3 + file blobs + mailparser), shared by the service and the CLI. */
import type { Config } from "../config.js";
import { createAuditQueries } from "../db/audit-queries.js";
import type { Database } from "../db/database.js";
import { openSqlite } from "../db/open-sqlite.js";
import { createSqlStore } from "../db/sql-store.js";
import { createUserRepository } from "../db/user-repository.js";
import { type CoverSheetKeyring, createKeyring } from "../domain/cover-sheet-codec.js";
import { type CaptureDeps, type CaptureInput, captureMessage } from "../ingest/capture-message.js";
import { newId } from "../ingest/new-id.js";
import type { BlobStore, Clock, PdfSplitter, PdfStamper, Store } from "../ingest/ports.js";
import type { PipelineDeps } from "../ingest/process-message.js";
import { silentLogger } from "../log.js";
import { parseMailWithMailparser } from "../mail/parse-mail-mailparser.js";
import { createStreamingCoverSheetSplitter } from "../pdf/cover-sheet-splitter.js";
import { imageToPdf } from "../pdf/images-to-pdf.js";
import { sharedQrWorkerPool, warmUpQrWorkers } from "../pdf/qr-worker-pool.js";
import { createReceiptStamper } from "../pdf/stamp-receipt.js";
import { loadUnicodeFont } from "../pdf/unicode-font.js";
import { createBlobHandOff } from "../storage/blob-hand-off.js";
import { createFileBlobStore } from "../storage/file-blob-store.js";
import { dataPaths, resolveSecret } from "./data-dir.js";

export interface EmbeddedCore {
  config: Readonly<Config>;
  database: Database;
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  users: ReturnType<typeof createUserRepository>;
  audit: ReturnType<typeof createAuditQueries>;
  pipeline: PipelineDeps;
  /** Cover-sheet keys, derived on first use. */
  coverSheetKeyring: () => CoverSheetKeyring;
  capture(input: CaptureInput): ReturnType<typeof captureMessage>;
  /** Starts the QR workers ahead of the first scan (a service does at start); nothing where no pool is used. */
  warmUp(): Promise<void>;
  close(): void;
}

export interface CoreOverrides {
  clock?: Clock;
  splitPdf?: PdfSplitter;
  stampPdf?: PdfStamper;
  /** Opens the SQLite file: better-sqlite3 by default; bun:sqlite under Bun (src/runtime/bun.ts). */
  openDatabase?: (file: string) => Database;
  /** Cover-sheet keys; default: derived from POSTKORB_SECRET (or the generated one) and POSTKORB_SECRET_PREVIOUS. */
  coverSheetKeyring?: CoverSheetKeyring;
}

/** The keyring is derived on first use: reading the secret may generate it into the data dir. */
export function coverSheetKeyringFor(
  config: Readonly<Config>,
  override?: CoverSheetKeyring,
): () => CoverSheetKeyring {
  let keyring = override ?? null;
  return () => {
    keyring ??= createKeyring(resolveSecret(config, silentLogger), config.previousSecrets);
    return keyring;
  };
}

export function openEmbeddedCore(config: Readonly<Config>, overrides: CoreOverrides = {}): EmbeddedCore {
  const paths = dataPaths(config);
  const clock = overrides.clock ?? { now: () => new Date() };
  const database = (overrides.openDatabase ?? openSqlite)(paths.database);
  const store = createSqlStore(database, () => clock.now());
  const blobs = createFileBlobStore(paths.blobs);
  const handOff = createBlobHandOff(blobs);
  const coverSheetKeyring = coverSheetKeyringFor(config, overrides.coverSheetKeyring);
  const pipeline: PipelineDeps = {
    store,
    blobs: handOff.process,
    clock,
    parseMail: parseMailWithMailparser,
    splitPdf:
      overrides.splitPdf ??
      createStreamingCoverSheetSplitter({
        keyring: coverSheetKeyring,
        pool: sharedQrWorkerPool,
      }),
    imageToPdf,
    stampPdf:
      overrides.stampPdf ??
      createReceiptStamper({
        officeName: config.officeName,
        timeZone: config.timeZone,
        font: loadUnicodeFont,
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
  const captureDeps: CaptureDeps = { store, blobs: handOff.capture, clock, newId: pipeline.newId };
  return {
    config,
    database,
    store,
    blobs,
    clock,
    users: createUserRepository(database.db, () => clock.now()),
    audit: createAuditQueries(database.db),
    pipeline,
    coverSheetKeyring,
    capture: (input) => captureMessage(captureDeps, input),
    warmUp: async () => {
      if (!overrides.splitPdf) await warmUpQrWorkers(sharedQrWorkerPool());
    },
    close: () => database.close(),
  };
}
