/** Appending to and reading the hash-chained audit trail. */
import { asc, desc, gt } from "drizzle-orm";
import { canonicalJson, GENESIS_HASH, hashEvent } from "../domain/event-chain.js";
import type { NewEvent } from "../ingest/ports.js";
import { createMutex, type Database, isUniqueViolation, type Statement } from "./database.js";
import { events } from "./schema.js";

export type EventRow = typeof events.$inferSelect;

const MAX_SEQUENCE_RETRIES = 20;

/**
 * Writes `statements` and `newEvents` in one atomic step. The chain head is read first and the event rows
 * carry seq = head+1…; a concurrent writer (another process, another Worker) makes the batch fail on the
 * seq primary key, and we rebuild and retry.
 */
export function createEventWriter(database: Database, clock: () => Date) {
  const withLock = createMutex();
  return function writeWithEvents(statements: Statement[], newEvents: NewEvent[]): Promise<void> {
    return withLock(async () => {
      for (let attempt = 0; ; attempt++) {
        const head = await readHead(database);
        const rows = chain(newEvents, head, clock().toISOString());
        const inserts = rows.map((row) => database.db.insert(events).values(row));
        try {
          await database.atomic([...statements, ...inserts]);
          return;
        } catch (err) {
          if (!isUniqueViolation(err, "events.seq") || attempt >= MAX_SEQUENCE_RETRIES) throw err;
        }
      }
    });
  };
}

async function readHead(database: Database): Promise<{ seq: number; hash: string }> {
  const last = await database.db
    .select({ seq: events.seq, hash: events.hash })
    .from(events)
    .orderBy(desc(events.seq))
    .limit(1);
  return last[0] ?? { seq: 0, hash: GENESIS_HASH };
}

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
