/** Read side of the audit trail for the web layer: a document's history, and whether someone acted on it. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { SqliteDb } from "./database.js";
import type { EventRow } from "./event-log.js";
import { events } from "./schema.js";

/** Actions that make a person a handler of a document (they keep need-to-know access afterwards). */
export const HANDLING_ACTIONS = [
  "document.done",
  "document.forwarded",
  "document.returned",
  "document.noted",
  "document.corrected",
  "document.reassigned",
];

export function createAuditQueries(db: SqliteDb) {
  return {
    async hasActed(login: string, documentId: string): Promise<boolean> {
      const rows = await db
        .select({ seq: events.seq })
        .from(events)
        .where(
          and(
            eq(events.subjectType, "document"),
            eq(events.subjectId, documentId),
            eq(events.actor, login),
            inArray(events.action, HANDLING_ACTIONS),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },
    async historyOf(subjectType: string, subjectId: string): Promise<EventRow[]> {
      return db
        .select()
        .from(events)
        .where(and(eq(events.subjectType, subjectType), eq(events.subjectId, subjectId)))
        .orderBy(asc(events.seq));
    },
  };
}

export type AuditQueries = ReturnType<typeof createAuditQueries>;
