/**
 * The IMAP take journal as a small JSON file in the data directory, so a mail that crashes Postkorb is counted
 * across restarts. Why a file and not a table: it holds only the mails in hand right now and the few that have
 * failed, it is rewritten whole, and it needs no migration. It survives a process death without fsync (the page
 * cache outlives the process); only an OS crash could lose it, and that costs a count, never a mail.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Logger } from "../log.js";
import { applyTakeEnd, retainRecords, type TakeJournal, type TakeRecord } from "../mail/imap-take-journal.js";

interface JournalFile {
  /** Mails whose FETCH or capture was in flight when the file was written. */
  inHand: string[];
  records: Record<string, TakeRecord>;
}

export const DIED_IN_HAND = "Postkorb wurde beendet, während die Nachricht abgerufen wurde";

export function openFileTakeJournal(path: string, log: Logger): TakeJournal {
  const loaded = load(path, log);
  const records = new Map(Object.entries(loaded.records));
  const inHand = new Set<string>();
  // Still in hand from the last run: that run died while taking them (a clean stop finishes the mail in hand).
  for (const key of loaded.inHand) {
    applyTakeEnd(records, key, { kind: "interrupted", error: DIED_IN_HAND });
    log.warn(
      { sourceKey: key, interruptions: records.get(key)?.interruptions },
      "imap mail was in hand at exit",
    );
  }
  const save = () => {
    const body: JournalFile = { inHand: [...inHand], records: Object.fromEntries(records) };
    writeFileSync(`${path}.tmp`, JSON.stringify(body));
    renameSync(`${path}.tmp`, path);
  };
  if (loaded.inHand.length > 0) save();
  return {
    get: (key) => records.get(key),
    begin(key) {
      inHand.add(key);
      save();
    },
    end(key, how) {
      const was = inHand.delete(key);
      if (applyTakeEnd(records, key, how) || was) save();
    },
    retain(prefix, present) {
      if (retainRecords(records, prefix, present)) save();
    },
  };
}

function load(path: string, log: Logger): JournalFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { inHand: [], records: {} };
  }
  try {
    const parsed = JSON.parse(text) as Partial<JournalFile>;
    return {
      inHand: Array.isArray(parsed.inHand) ? parsed.inHand.filter((k) => typeof k === "string") : [],
      records: parsed.records && typeof parsed.records === "object" ? parsed.records : {},
    };
  } catch (err) {
    // Only counts are lost; every mail is still in the inbox or captured.
    log.warn({ file: path, err: String(err) }, "imap take journal unreadable, starting afresh");
    return { inHand: [], records: {} };
  }
}
