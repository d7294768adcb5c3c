/**
 * What taking a mail has cost so far, so a mail that cannot be taken is quarantined after a bounded number of
 * tries — and only a mail that is to blame: a failure of the connection or of our own store is not counted.
 */

export interface TakeRecord {
  /** The mail's own failures: the server refused its FETCH (NO/BAD) or sent no body while the connection stayed up. */
  faults: number;
  /**
   * The connection or the process died while this mail's FETCH or capture was in flight. A server restart
   * does that to whichever mail is in hand, so the bound is higher than for faults; but a mail whose FETCH
   * always kills the connection (a corrupt file on the server) or the process would otherwise block the
   * inbox forever.
   */
  interruptions: number;
  lastError: string;
}

export type TakeEnd =
  /** Captured, found as a duplicate, quarantined or gone: nothing to remember. */
  | { kind: "done" }
  /** Failed for a reason that is not the mail's (our store, our disk): no count. */
  | { kind: "released" }
  | { kind: "fault"; error: string }
  | { kind: "interrupted"; error: string };

export interface TakeJournal {
  get(key: string): TakeRecord | undefined;
  /**
   * The mail is in hand (FETCH → capture commit). A persistent journal writes this down before the FETCH, so a
   * process that dies now counts as an interruption of this mail at the next start. A batch has all its mails in
   * hand at once, so a death counts against each of them; the record then makes each one take its next turn alone.
   */
  begin(key: string): void;
  end(key: string, how: TakeEnd): void;
  /** Forgets the records of one mailbox (key prefix) whose mails are no longer in it. */
  retain(prefix: string, present: ReadonlySet<string>): void;
}

/** Applies an end to a record map; returns true when the map changed. Shared by the in-memory and file journals. */
export function applyTakeEnd(records: Map<string, TakeRecord>, key: string, how: TakeEnd): boolean {
  if (how.kind === "done") return records.delete(key);
  if (how.kind === "released") return false;
  const record = records.get(key) ?? { faults: 0, interruptions: 0, lastError: "" };
  if (how.kind === "fault") record.faults++;
  else record.interruptions++;
  record.lastError = how.error;
  records.set(key, record);
  return true;
}

export function retainRecords(
  records: Map<string, TakeRecord>,
  prefix: string,
  present: ReadonlySet<string>,
): boolean {
  let changed = false;
  for (const key of records.keys()) {
    if (key.startsWith(prefix) && !present.has(key)) changed = records.delete(key) || changed;
  }
  return changed;
}

/** Kept for the life of the process: bounds tries across reconnects, not across restarts. */
export function createMemoryTakeJournal(): TakeJournal {
  const records = new Map<string, TakeRecord>();
  return {
    get: (key) => records.get(key),
    begin() {},
    end(key, how) {
      applyTakeEnd(records, key, how);
    },
    retain(prefix, present) {
      retainRecords(records, prefix, present);
    },
  };
}
