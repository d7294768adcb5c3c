/** Read side of "Mein Postkorb": the open documents of a set of queues, with unread and duplicate marks. */
import { and, asc, count, eq, gte, inArray, lte, ne, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { DocumentRecord } from "../ingest/ports.js";
import type { SqliteDb } from "./database.js";
import { toDocumentRecord } from "./row-mapping.js";
import { absences, documents, events } from "./schema.js";

export interface QueueFilter {
  /** Whose personal queues (assignee logins). */
  assignees: string[];
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
  byAssignee: Record<string, number>;
}

/** A document counts as read for `viewer` once they opened it (`document.viewed` event). */
function unreadBy(viewer: string): SQL<number> {
  return sql<number>`not exists (select 1 from ${events} e where e.subject_type = 'document'
    and e.subject_id = ${documents.id} and e.actor = ${viewer} and e.action = 'document.viewed')`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function conditions(f: QueueFilter): SQL[] {
  const c: SQL[] = [inArray(documents.assignee, f.assignees), eq(documents.status, "open")];
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
      if (f.assignees.length === 0) return { items: [], total: 0 };
      const where = and(...conditions(f));
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(documents)
          .where(where)
          .orderBy(asc(documents.receivedAt), asc(documents.id))
          .limit(f.limit)
          .offset(f.offset),
        db.select({ n: count() }).from(documents).where(where),
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
    async countQueue(viewer: string, assignees: string[]): Promise<QueueCounts> {
      if (assignees.length === 0) return { open: 0, unread: 0, byAssignee: {} };
      const rows = await db
        .select({
          assignee: documents.assignee,
          open: count(),
          unread: sql<number>`sum(case when ${unreadBy(viewer)} then 1 else 0 end)`,
        })
        .from(documents)
        .where(and(inArray(documents.assignee, assignees), eq(documents.status, "open")))
        .groupBy(documents.assignee);
      return {
        open: rows.reduce((n, r) => n + r.open, 0),
        unread: rows.reduce((n, r) => n + Number(r.unread ?? 0), 0),
        byAssignee: Object.fromEntries(rows.map((r) => [r.assignee ?? "", r.open])),
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
    /** Who `login` substitutes for on `day` (yyyy-mm-dd), with the absence's end date. */
    async substitutedBy(login: string, day: string): Promise<{ person: string; until: string }[]> {
      const rows = await db
        .select({ person: absences.login, until: absences.toDate })
        .from(absences)
        .where(and(eq(absences.substitute, login), lte(absences.fromDate, day), gte(absences.toDate, day)))
        .orderBy(asc(absences.login));
      return rows;
    },
  };
}

export type CaseworkerQueueQueries = ReturnType<typeof createCaseworkerQueueQueries>;
