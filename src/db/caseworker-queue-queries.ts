/** Read side of "Mein Postkorb": the open documents of a set of queues, with unread and duplicate marks. */
import {
  and,
  asc,
  count,
  eq,
  gte,
  inArray,
  isNull,
  lte,
  ne,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import { unionAll } from "drizzle-orm/sqlite-core";
import { type OwnQueues, ownQueuesOf, type Viewer } from "../domain/permissions.js";
import type { DocumentRecord } from "../ingest/ports.js";
import type { SqliteDb } from "./database.js";
import { toDocumentRecord } from "./row-mapping.js";
import { absences, documents, events, teams, users } from "./schema.js";

/** The queues a page lists: personal queues by assignee, shared ones (`team:<id>`) by queue name. */
export interface QueueSet {
  /** Whose personal queues (assignee logins). */
  assignees: string[];
  /** Shared queues by name (a team queue: no assignee yet). */
  queues?: string[];
}

/** What narrows a queue besides the queues themselves. */
export interface QueueNarrowing {
  docType?: string | null;
  /** Matches Aktenzeichen, Kundennummer, Name or file name (substring, case-insensitive for ASCII). */
  search?: string | null;
  flaggedOnly?: boolean;
}

export interface QueueFilter extends QueueSet, QueueNarrowing {
  limit: number;
  offset: number;
}

export interface QueueItem {
  doc: DocumentRecord;
  unread: boolean;
  /** The same original PDF also arrived in another mail. */
  possibleDuplicate: boolean;
}

export interface QueueCounts {
  open: number;
  unread: number;
  /** Open documents per queue: an assignee's login, or a shared queue's name. */
  byQueue: Record<string, number>;
}

/** "Mein Postkorb"'s queues with what the page shows about them. */
export interface OwnQueueView extends OwnQueues {
  /** The team queue's team name (for "Teampostkorb Grundsicherung"), or null without a team queue. */
  teamQueueName: string | null;
}

/** A document counts as read for `viewer` once they opened it (`document.viewed` event). */
function unreadBy(viewer: string): SQL<number> {
  // The literals match the partial index events_document_viewed; the outer row qualified by hand (drizzle leaves
  // columns unqualified in a one-table select).
  return sql<number>`not exists (select 1 from ${events} e where e.subject_type = 'document'
    and e.subject_id = ${documents}.id and e.actor = ${viewer} and e.action = 'document.viewed')`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function isEmpty(set: QueueSet): boolean {
  return set.assignees.length === 0 && (set.queues ?? []).length === 0;
}

/**
 * One condition per queue: a personal queue by assignee, a shared one by name (no assignee yet). Each stays on
 * one index that already yields the queue oldest first, so SQLite merges them instead of sorting them all.
 */
function perQueue(set: QueueSet): SQL[] {
  return [
    ...set.assignees.map((login) => eq(documents.assignee, login)),
    ...(set.queues ?? []).map((queue) => and(eq(documents.queue, queue), isNull(documents.assignee))!),
  ];
}

/** The filters besides the queue: open, document type, hints, search. */
function filters(f: QueueNarrowing): SQL[] {
  const c: SQL[] = [eq(documents.status, "open")];
  if (f.docType) c.push(eq(documents.docType, f.docType));
  if (f.flaggedOnly) c.push(ne(documents.flags, "[]"));
  if (f.search) {
    const pattern = `%${escapeLike(f.search)}%`;
    const like = (column: SQLWrapper) => sql`${column} like ${pattern} escape '\\'`;
    c.push(
      or(
        like(documents.caseRef),
        like(documents.customerNo),
        like(documents.surname),
        like(documents.filename),
      )!,
    );
  }
  return c;
}

/**
 * A document may be a duplicate when the same original PDF (sha256) also arrived in another mail. Splitting one PDF
 * yields parts that share the original hash, so only other messages count.
 */
function possibleDuplicate(): SQL<number> {
  // Qualified by hand: drizzle leaves columns unqualified in a one-table select, and they would bind to `other`.
  return sql<number>`exists (select 1 from ${documents} other where other.original_sha256 = ${documents}.original_sha256
    and other.message_ref <> ${documents}.message_ref)`;
}

export function createCaseworkerQueueQueries(db: SqliteDb) {
  return {
    /** One page of the queues in `f`, oldest first, with read and duplicate marks. */
    async listQueue(viewer: string, f: QueueFilter): Promise<QueueItem[]> {
      if (isEmpty(f)) return [];
      const rest = filters(f);
      const part = (queue: SQL) =>
        db
          .select({ id: documents.id, receivedAt: documents.receivedAt })
          .from(documents)
          .where(and(queue, ...rest));
      const [first, second, ...more] = perQueue(f).map(part);
      // The page's ids first, the full rows only for them: paging deep into a queue then skips index entries
      // instead of sorting every skipped row with all its columns. A compound select orders by its result columns,
      // hence the bare names.
      const page =
        second === undefined
          ? first!.orderBy(asc(documents.receivedAt), asc(documents.id))
          : unionAll(first!, second, ...more).orderBy(sql`received_at`, sql`id`);
      const pageIds = sql`select id from (${page.limit(f.limit).offset(f.offset)})`;
      // Read and duplicate marks in the same statement: they run for the page's rows only.
      const rows = await db
        .select({ doc: documents, unread: unreadBy(viewer), duplicate: possibleDuplicate() })
        .from(documents)
        .where(sql`${documents.id} in (${pageIds})`)
        .orderBy(asc(documents.receivedAt), asc(documents.id));
      return rows.map((r) => ({
        doc: toDocumentRecord(r.doc),
        unread: Boolean(r.unread),
        possibleDuplicate: Boolean(r.duplicate),
      }));
    },
    /** How many open documents match `f` in its queues (the page needs it only when a filter narrows them). */
    async countListed(f: QueueSet & QueueNarrowing): Promise<number> {
      if (isEmpty(f)) return 0;
      const rows = await db
        .select({ n: count() })
        .from(documents)
        .where(and(or(...perQueue(f)), ...filters(f)));
      return rows[0]?.n ?? 0;
    },
    async countQueue(viewer: string, set: QueueSet): Promise<QueueCounts> {
      if (isEmpty(set)) return { open: 0, unread: 0, byQueue: {} };
      const open = eq(documents.status, "open");
      const unread = sql<number>`sum(case when ${unreadBy(viewer)} then 1 else 0 end)`;
      const queues = set.queues ?? [];
      // Personal and shared queues separately: each grouping stays on its index.
      const [personal, shared] = await Promise.all([
        set.assignees.length === 0
          ? []
          : db
              .select({ queue: documents.assignee, open: count(), unread })
              .from(documents)
              .where(and(inArray(documents.assignee, set.assignees), open))
              .groupBy(documents.assignee),
        queues.length === 0
          ? []
          : db
              .select({ queue: documents.queue, open: count(), unread })
              .from(documents)
              .where(and(inArray(documents.queue, queues), isNull(documents.assignee), open))
              .groupBy(documents.queue),
      ]);
      const rows = [...personal, ...shared];
      return {
        open: rows.reduce((n, r) => n + r.open, 0),
        unread: rows.reduce((n, r) => n + Number(r.unread ?? 0), 0),
        byQueue: Object.fromEntries(rows.map((r) => [r.queue ?? "", r.open])),
      };
    },
    /**
     * The queues `viewer` works as themselves on `day` (yyyy-mm-dd): their own, those whose substitute chain ends
     * with them (A absent → B absent → viewer), their team's queue — the policy of domain/permissions.ts, from
     * the absences of that day and the users table only.
     */
    async ownQueues(viewer: Viewer, day: string): Promise<OwnQueueView> {
      const [absent, people] = await Promise.all([
        db
          .select()
          .from(absences)
          .where(and(lte(absences.fromDate, day), gte(absences.toDate, day))),
        db.select({ login: users.login, active: users.active }).from(users),
      ]);
      const own = ownQueuesOf(viewer, {
        people,
        absences: absent.map((a) => ({
          person: a.login,
          from: a.fromDate,
          to: a.toDate,
          substitute: a.substitute,
        })),
        date: day,
      });
      if (own.teamQueue === null || viewer.teamId === null) return { ...own, teamQueueName: null };
      const [team] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, viewer.teamId));
      return { ...own, teamQueueName: team?.name ?? viewer.teamId };
    },
  };
}

export type CaseworkerQueueQueries = ReturnType<typeof createCaseworkerQueueQueries>;
