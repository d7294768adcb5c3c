import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import { DIED_IN_HAND, openFileTakeJournal } from "../../../src/runtime/imap-take-journal-file.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const KEY = "imap:imap://postkorb@127.0.0.1:1143/INBOX:7:42";
let tmp: ReturnType<typeof makeTempDir>;
afterEach(() => tmp?.remove());

function journalPath() {
  tmp = makeTempDir();
  return join(tmp.path, "imap-take-journal.json");
}

describe("IMAP take journal in the data directory", () => {
  it("counts a mail that was in hand when the process died as an interruption at the next start", () => {
    const path = journalPath();
    openFileTakeJournal(path, silentLogger).begin(KEY); // the process dies here: no end()
    const next = openFileTakeJournal(path, silentLogger);
    expect(next.get(KEY)).toEqual({ faults: 0, interruptions: 1, lastError: DIED_IN_HAND });
    next.begin(KEY);
    expect(openFileTakeJournal(path, silentLogger).get(KEY)?.interruptions).toBe(2);
  });

  it("forgets a mail once it is captured, and does not count a mail that ended cleanly", () => {
    const path = journalPath();
    const journal = openFileTakeJournal(path, silentLogger);
    journal.begin(KEY);
    journal.end(KEY, { kind: "fault", error: "NO broken" });
    expect(openFileTakeJournal(path, silentLogger).get(KEY)).toEqual({
      faults: 1,
      interruptions: 0,
      lastError: "NO broken",
    });
    const again = openFileTakeJournal(path, silentLogger);
    again.begin(KEY);
    again.end(KEY, { kind: "done" });
    expect(openFileTakeJournal(path, silentLogger).get(KEY)).toBeUndefined();
  });

  it("does not count failures of our own side (store, disk) against the mail", () => {
    const path = journalPath();
    const journal = openFileTakeJournal(path, silentLogger);
    journal.begin(KEY);
    journal.end(KEY, { kind: "released" });
    expect(openFileTakeJournal(path, silentLogger).get(KEY)).toBeUndefined();
  });

  it("drops records of mails no longer in their mailbox, and keeps other mailboxes' records", () => {
    const path = journalPath();
    const other = "imap:imap://postkorb@127.0.0.1:1143/Scans:7:1";
    const journal = openFileTakeJournal(path, silentLogger);
    for (const key of [KEY, other]) {
      journal.begin(key);
      journal.end(key, { kind: "interrupted", error: "Connection not available" });
    }
    journal.retain("imap:imap://postkorb@127.0.0.1:1143/INBOX:", new Set());
    const reopened = openFileTakeJournal(path, silentLogger);
    expect(reopened.get(KEY)).toBeUndefined();
    expect(reopened.get(other)?.interruptions).toBe(1);
  });

  it("starts afresh from an unreadable file instead of refusing to start", () => {
    const path = journalPath();
    writeFileSync(path, "{not json");
    const journal = openFileTakeJournal(path, silentLogger);
    expect(journal.get(KEY)).toBeUndefined();
    journal.begin(KEY);
    expect(JSON.parse(readFileSync(path, "utf8")).inHand).toEqual([KEY]);
  });
});
