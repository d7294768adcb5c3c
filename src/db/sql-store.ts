/** The pipeline's Store port over drizzle SQLite (better-sqlite3, bun:sqlite, D1 alike). */
import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Visibility } from "../domain/permissions.js";
import type { CaptureResult, DocumentFilter, MessageRecord, NewEvent, Store } from "../ingest/ports.js";
import { HANDLING_ACTIONS } from "./audit-queries.js";
import { type Database, isUniqueViolation } from "./database.js";
import { createEventWriter } from "./event-log.js";
import { createOfficeCache } from "./office-queries.js";
import { preparedOnce } from "./prepared.js";
import { toDocumentRecord, toDocumentRow, toMessageRecord, toMessageRow } from "./row-mapping.js";
import { coverSheets, documents, events, messages, users } from "./schema.js";

export function createSqlStore(database: Database, clock: () => Date = () => new Date()): Store {
  const { db } = database;
  const write = createEventWriter(database, clock);
  const loadOffice = createOfficeCache(db);
  // The reads every mail makes, prepared once (see prepared.ts).
  const messageBySourceKey = preparedOnce(() =>
    db
      .select()
      .from(messages)
      .where(eq(messages.sourceKey, sql.placeholder("sourceKey")))
      .limit(1)
      .prepare(),
  );
  const messageByIdAndHash = preparedOnce(() =>
    db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.messageIdHeader, sql.placeholder("messageIdHeader")),
          eq(messages.sha256, sql.placeholder("sha256")),
        ),
      )
      .limit(1)
      .prepare(),
  );
  const messageById = preparedOnce(() =>
    db
      .select()
      .from(messages)
      .where(eq(messages.id, sql.placeholder("id")))
      .limit(1)
      .prepare(),
  );

  async function findDuplicate(m: MessageRecord): Promise<CaptureResult | null> {
    const bySource = await messageBySourceKey().all({ sourceKey: m.sourceKey });
    if (bySource[0])
      return { created: false, message: toMessageRecord(bySource[0]), duplicateBy: "source-key" };
    if (!m.messageIdHeader) return null;
    const byId = await messageByIdAndHash().all({ messageIdHeader: m.messageIdHeader, sha256: m.sha256 });
    if (byId[0])
      return { created: false, message: toMessageRecord(byId[0]), duplicateBy: "message-id-and-hash" };
    return null;
  }

  return {
    async captureMessage(message, event) {
      const existing = await findDuplicate(message);
      if (existing) return existing;
      try {
        await write([db.insert(messages).values(toMessageRow(message))], [event]);
        return { created: true, message };
      } catch (err) {
        // A concurrent delivery of the same mail won the race: the UNIQUE index decided, report that row.
        if (!isUniqueViolation(err)) throw err;
        const raced = await findDuplicate(message);
        if (raced) return raced;
        throw err;
      }
    },
    async getMessage(id) {
      const rows = await messageById().all({ id });
      return rows[0] ? toMessageRecord(rows[0]) : null;
    },
    async getMessagesByIds(ids) {
      const unique = [...new Set(ids)];
      const found: MessageRecord[] = [];
      // SQLite/D1 cap bound parameters per statement; stay well below.
      for (let i = 0; i < unique.length; i += 90) {
        const rows = await db
          .select()
          .from(messages)
          .where(inArray(messages.id, unique.slice(i, i + 90)));
        found.push(...rows.map(toMessageRecord));
      }
      return found;
    },
    async listMessages(filter = {}) {
      const rows = await db
        .select()
        .from(messages)
        .where(filter.status ? eq(messages.status, filter.status) : undefined)
        .orderBy(asc(messages.receivedAt), asc(messages.capturedAt))
        .limit(filter.limit ?? 10_000);
      return rows.map(toMessageRecord);
    },
    async listPendingMessageIds() {
      const rows = await db
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.status, "pending"))
        .orderBy(asc(messages.capturedAt));
      return rows.map((r) => r.id);
    },
    async recordAttempt(id) {
      const rows = await db
        .update(messages)
        .set({ attempts: sql`${messages.attempts} + 1` })
        .where(eq(messages.id, id))
        .returning({ attempts: messages.attempts });
      return rows[0]?.attempts ?? 0;
    },
    async completeMessage(id, outcome) {
      await write(
        [
          ...outcome.documents.map((d) => db.insert(documents).values(toDocumentRow(d))),
          db
            .update(messages)
            .set({
              status: "processed",
              subject: outcome.subject,
              reason: null,
              processedAt: clock().toISOString(),
            })
            .where(and(eq(messages.id, id), eq(messages.status, "pending"))),
        ],
        outcome.events,
      );
    },
    async quarantineMessage(id, outcome) {
      const set: Partial<typeof messages.$inferInsert> = {
        status: "quarantined",
        reason: outcome.reason,
        processedAt: clock().toISOString(),
      };
      if (outcome.subject !== null) set.subject = outcome.subject;
      await write([db.update(messages).set(set).where(eq(messages.id, id))], [outcome.event]);
    },
    async requeueMessage(id, event: NewEvent) {
      await write(
        [
          db
            .update(messages)
            .set({ status: "pending", reason: null, attempts: 0 })
            .where(eq(messages.id, id)),
        ],
        [event],
      );
    },
    async getDocument(id) {
      const rows = await db.select().from(documents).where(eq(documents.id, id)).limit(1);
      return rows[0] ? toDocumentRecord(rows[0]) : null;
    },
    async listDocuments(filter: DocumentFilter = {}) {
      const rows = await db
        .select()
        .from(documents)
        .where(and(...documentConditions(filter)))
        .orderBy(asc(documents.receivedAt), asc(documents.id))
        .limit(filter.limit ?? 10_000)
        .offset(filter.offset ?? 0);
      return rows.map(toDocumentRecord);
    },
    async listDocumentsOfMessage(messageRef) {
      const rows = await db
        .select()
        .from(documents)
        .where(eq(documents.messageRef, messageRef))
        .orderBy(asc(documents.partKey));
      return rows.map(toDocumentRecord);
    },
    loadOffice,
    async findIssuedCoverSheet(serial) {
      const rows = await db
        .select({ serial: coverSheets.serial, surname: coverSheets.surname })
        .from(coverSheets)
        .where(eq(coverSheets.serial, serial))
        .limit(1);
      return rows[0] ?? null;
    },
    appendEvents: (events) => write([], events),
  };
}

/**
 * Need-to-know as SQL (domain/permissions.ts): the viewer's personal queues, shared queues, the documents of the
 * teams they lead and of those teams' members, and what they handled (the audit trail's handling actions).
 */
function visibleCondition(v: Visibility): SQL | undefined {
  const { scope, handledBy } = v;
  if (scope.all) return undefined;
  const any: SQL[] = [];
  if (scope.people.length > 0) any.push(inArray(documents.assignee, scope.people));
  if (scope.queues.length > 0) any.push(inArray(documents.queue, scope.queues));
  if (scope.teams.length > 0) {
    any.push(inArray(documents.teamId, scope.teams));
    any.push(
      sql`${documents.assignee} in (select ${users.login} from ${users} where ${inArray(users.teamId, scope.teams)})`,
    );
  }
  if (handledBy !== null) {
    any.push(sql`exists (select 1 from ${events} e where e.subject_type = 'document'
      and e.subject_id = ${documents.id} and e.actor = ${handledBy}
      and e.action in (${sql.join(
        HANDLING_ACTIONS.map((a) => sql`${a}`),
        sql`, `,
      )}))`);
  }
  return any.length === 0 ? sql`0` : or(...any);
}

function documentConditions(f: DocumentFilter): (SQL | undefined)[] {
  const c: (SQL | undefined)[] = [];
  if (f.visibleTo) c.push(visibleCondition(f.visibleTo));
  if (f.queue) c.push(eq(documents.queue, f.queue));
  if (f.assignee) c.push(eq(documents.assignee, f.assignee));
  if (f.team) c.push(eq(documents.teamId, f.team));
  if (f.status) c.push(eq(documents.status, f.status));
  if (f.messageRef) c.push(eq(documents.messageRef, f.messageRef));
  return c;
}
