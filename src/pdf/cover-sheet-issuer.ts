/** Wires issueCoverSheets to the embedded core: repository, office, keyring, fonts. Shared by CLI and HTTP. */
import type { Config } from "../config.js";
import { createCoverSheetRepository } from "../db/cover-sheet-repository.js";
import type { Database } from "../db/database.js";
import type { CoverSheetKeyring } from "../domain/cover-sheet-codec.js";
import { newId } from "../ingest/new-id.js";
import type { Clock, Store } from "../ingest/ports.js";
import {
  type IssueCoverSheetsRequest,
  type IssueCoverSheetsResult,
  issueCoverSheets,
} from "./issue-cover-sheets.js";
import { loadUnicodeFont } from "./unicode-font.js";

export type CoverSheetIssuer = (request: IssueCoverSheetsRequest) => Promise<IssueCoverSheetsResult>;

export function createCoverSheetIssuer(core: {
  config: Readonly<Config>;
  database: Database;
  store: Store;
  clock: Clock;
  keyring: () => CoverSheetKeyring;
}): CoverSheetIssuer {
  const repository = createCoverSheetRepository(core.database, () => core.clock.now());
  return (request) =>
    issueCoverSheets(
      {
        keyring: core.keyring,
        recordIssued: repository.recordIssued,
        loadOffice: () => core.store.loadOffice(),
        now: () => core.clock.now(),
        // The random tail of a ULID: 10 Crockford characters, 50 bits.
        newSerial: () => newId().slice(-10),
        timeZone: core.config.timeZone,
        officeName: core.config.officeName,
        fonts: () => ({ regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") }),
      },
      request,
    );
}
