/**
 * A light child process for the kill -9 rounds: the production IMAP poller and capture on the service's SQLite
 * file and blob store, without HTTP, SMTP and the PDF pipeline (whose imports cost seconds per start on a loaded
 * machine). Run as `node --import tsx test/helpers/imap-capture-child.ts` with the service's environment.
 */
import { loadConfig } from "../../src/config.js";
import { openSqlite } from "../../src/db/open-sqlite.js";
import { createSqlStore } from "../../src/db/sql-store.js";
import { captureMessage } from "../../src/ingest/capture-message.js";
import { newId } from "../../src/ingest/new-id.js";
import { silentLogger } from "../../src/log.js";
import { createImapPoller } from "../../src/mail/imap-poller.js";
import { dataPaths } from "../../src/runtime/data-dir.js";
import { imapQuarantine } from "../../src/runtime/imap-sources.js";
import { createFileBlobStore } from "../../src/storage/file-blob-store.js";

const config = loadConfig(process.env);
const paths = dataPaths(config);
const store = createSqlStore(openSqlite(paths.database));
const blobs = createFileBlobStore(paths.blobs);
const clock = { now: () => new Date() };
const deps = { store, blobs, clock, newId: () => newId(Date.now()) };

for (const url of config.imapUrls) {
  createImapPoller({
    url,
    processedFolder: config.imapProcessedFolder,
    pollSeconds: config.imapPollSeconds,
    maxMessageBytes: config.maxMessageBytes,
    capture: (input) => captureMessage(deps, input),
    quarantine: imapQuarantine(store),
    log: silentLogger,
  }).start();
}
