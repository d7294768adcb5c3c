/**
 * The caseworker actions' repository: reads a document, builds the statements that change it or add a note.
 * Use cases hand the statements to `write`, which commits them together with their audit events.
 */
import { and, asc, eq } from "drizzle-orm";
import type { NewEvent } from "../ingest/ports.js";
import type { Database, Statement } from "./database.js";
import { createEventWriter } from "./event-log.js";
import { loadOffice } from "./office-queries.js";
import { toDocumentRecord } from "./row-mapping.js";
import { documents, notes } from "./schema.js";

export type NoteRow = typeof notes.$inferSelect;

/** The columns an action may change on a document. */
export interface DocumentChange {
  status?: "open" | "done";
  doneAt?: string | null;
  assignee?: string | null;
  queue?: string;
  teamId?: string | null;
  caseRef?: string | null;
  customerNo?: string | null;
  surname?: string | null;
  docType?: string | null;
  routeRule?: string;
  routeReason?: string;
  routeReasonEn?: string;
  routeChain?: string[];
}

export function createDocumentActionRepository(database: Database, clock: () => Date) {
  const { db } = database;
  const writeWithEvents = createEventWriter(database, clock);
  return {
    now: clock,
    write: (statements: Statement[], events: NewEvent[]) => writeWithEvents(statements, events),
    loadOffice: () => loadOffice(db),
    async getDocument(id: string) {
      const rows = await db.select().from(documents).where(eq(documents.id, id)).limit(1);
      return rows[0] ? toDocumentRecord(rows[0]) : null;
    },
    /** Changes an open document only: a concurrent "erledigt" elsewhere wins, nothing is reopened by accident. */
    updateOpenDocument(id: string, change: DocumentChange, at: string): Statement {
      const { routeChain, ...rest } = change;
      const set = {
        ...rest,
        updatedAt: at,
        ...(routeChain ? { routeChain: JSON.stringify(routeChain) } : {}),
      };
      return db
        .update(documents)
        .set(set)
        .where(and(eq(documents.id, id), eq(documents.status, "open")));
    },
    insertNote(documentId: string, author: string, text: string, at: string): Statement {
      return db.insert(notes).values({ documentId, author, text, at });
    },
    async listNotes(documentId: string): Promise<NoteRow[]> {
      return db.select().from(notes).where(eq(notes.documentId, documentId)).orderBy(asc(notes.id));
    },
  };
}

export type DocumentActionRepository = ReturnType<typeof createDocumentActionRepository>;
