/** Appending to and reading the hash-chained audit trail. */
import { asc, desc, gt } from "drizzle-orm";
import { canonicalJson, GENESIS_HASH, hashEvent } from "../domain/event-chain.js";
import type { NewEvent } from "../ingest/ports.js";
import { type Database, isUniqueViolation, type Statement } from "./database.js";
import { preparedOnce } from "./prepared.js";
import { events } from "./schema.js";

export type EventRow = typeof events.$inferSelect;

const MAX_SEQUENCE_RETRIES = 20;

/**
 * Writes `statements` and `newEvents` in one atomic step. The chain head is read first and the event rows
 * carry seq = head+1…; a concurrent writer (another process, another Worker) makes the batch fail on the
 * seq primary key, and we rebuild and retry.
 *
 * Group commit: writes that arrive while a commit is in flight are committed together in the next one
 * (one fsync for many mails). If a combined batch fails, each write is retried alone so one bad write
 * cannot fail its neighbours.
 */
export function createEventWriter(database: Database, clock: () => Date) {
  const pending: PendingWrite[] = [];
  let flushing = false;
  const headQuery = preparedOnce(() =>
    database.db
      .select({ seq: events.seq, hash: events.hash })
      .from(events)
      .orderBy(desc(events.seq))
      .limit(1)
      .prepare(),
  );

  async function readHead(): Promise<{ seq: number; hash: string }> {
    const last = await headQuery().all();
    return last[0] ?? { seq: 0, hash: GENESIS_HASH };
  }

  async function commit(statements: Statement[], newEvents: NewEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const head = await readHead();
      const rows = chain(newEvents, head, clock().toISOString());
      const inserts = rows.map((row) => database.db.insert(events).values(row));
      try {
        await database.atomic([...statements, ...inserts]);
        return;
      } catch (err) {
        if (!isUniqueViolation(err, "events.seq") || attempt >= MAX_SEQUENCE_RETRIES) throw err;
      }
    }
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, MAX_GROUP);
        try {
          await commit(
            batch.flatMap((w) => w.statements),
            batch.flatMap((w) => w.events),
          );
          for (const w of batch) w.resolve();
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const w of batch) await commit(w.statements, w.events).then(w.resolve, w.reject);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return function writeWithEvents(statements: Statement[], newEvents: NewEvent[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      pending.push({ statements, events: newEvents, resolve, reject });
      if (!flushing) void flush();
    });
  };
}

interface PendingWrite {
  statements: Statement[];
  events: NewEvent[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

const MAX_GROUP = 64;

function chain(newEvents: NewEvent[], head: { seq: number; hash: string }, at: string): EventRow[] {
  let prev = head;
  return newEvents.map((e) => {
    const content = {
      seq: prev.seq + 1,
      at,
      actor: e.actor,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: canonicalJson(e.data),
    };
    const row = { ...content, prevHash: prev.hash, hash: hashEvent(content, prev.hash) };
    prev = { seq: row.seq, hash: row.hash };
    return row;
  });
}

/** Reads events in seq order, page by page, for verification and export. */
export async function* readEvents(database: Database, pageSize = 1000): AsyncGenerator<EventRow> {
  let after = 0;
  for (;;) {
    const page = await database.db
      .select()
      .from(events)
      .where(gt(events.seq, after))
      .orderBy(asc(events.seq))
      .limit(pageSize);
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.seq;
  }
}
