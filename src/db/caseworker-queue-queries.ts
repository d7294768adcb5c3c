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

export interface QueueFilter extends QueueSet {
  docType?: string | null;
  /** Matches Aktenzeichen, Kundennummer, Name or file name (substring, case-insensitive for ASCII). */
  search?: string | null;
  flaggedOnly?: boolean;
  limit: number;
  offset: number;
}

export interface QueueItem {
  doc: DocumentRecord;
  unread: boolean;
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
  return sql<number>`not exists (select 1 from ${events} e where e.subject_type = 'document'
    and e.subject_id = ${documents.id} and e.actor = ${viewer} and e.action = 'document.viewed')`;
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
function filters(f: QueueFilter): SQL[] {
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

export function createCaseworkerQueueQueries(db: SqliteDb) {
  return {
    async listQueue(viewer: string, f: QueueFilter): Promise<{ items: QueueItem[]; total: number }> {
      if (isEmpty(f)) return { items: [], total: 0 };
      const rest = filters(f);
      const queues = perQueue(f);
      const part = (queue: SQL) =>
        db
          .select()
          .from(documents)
          .where(and(queue, ...rest));
      const [first, second, ...more] = queues.map(part);
      // A compound select orders by its result columns, hence the bare names.
      const page =
        second === undefined
          ? first!.orderBy(asc(documents.receivedAt), asc(documents.id))
          : unionAll(first!, second, ...more).orderBy(sql`received_at`, sql`id`);
      const [rows, totals] = await Promise.all([
        page.limit(f.limit).offset(f.offset),
        db
          .select({ n: count() })
          .from(documents)
          .where(and(or(...queues), ...rest)),
      ]);
      // Read marks for this page only: computing them in the main query would run for every skipped row too.
      const ids = rows.map((r) => r.id);
      const seen =
        ids.length === 0
          ? []
          : await db
              .selectDistinct({ id: events.subjectId })
              .from(events)
              .where(
                and(
                  eq(events.subjectType, "document"),
                  inArray(events.subjectId, ids),
                  eq(events.actor, viewer),
                  eq(events.action, "document.viewed"),
                ),
              );
      const read = new Set(seen.map((r) => r.id));
      return {
        items: rows.map((r) => ({ doc: toDocumentRecord(r), unread: !read.has(r.id) })),
        total: totals[0]?.n ?? 0,
      };
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
     * Possible duplicates among `docs`: the same original PDF (sha256) arrived in another mail too. Splitting one
     * PDF yields parts that share the original hash, so only other messages count.
     */
    async findPossibleDuplicates(docs: DocumentRecord[]): Promise<Set<string>> {
      const hashes = [...new Set(docs.map((d) => d.originalSha256))];
      if (hashes.length === 0) return new Set();
      const rows = await db
        .select({
          hash: documents.originalSha256,
          messages: sql<number>`count(distinct ${documents.messageRef})`,
        })
        .from(documents)
        .where(inArray(documents.originalSha256, hashes))
        .groupBy(documents.originalSha256);
      const repeated = new Set(rows.filter((r) => r.messages > 1).map((r) => r.hash));
      return new Set(docs.filter((d) => repeated.has(d.originalSha256)).map((d) => d.id));
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
