/**
 * The supervisor's repository: reads of documents, cases, absences, ranges and rules, and builders for the
 * statements that change them. Use cases pass the statements to the event writer so each change commits
 * together with its audit event.
 */
import { and, asc, eq, inArray, isNull, ne, or } from "drizzle-orm";
import type { NewEvent } from "../ingest/ports.js";
import type { Database, Statement } from "./database.js";
import { createEventWriter } from "./event-log.js";
import { loadOffice } from "./office-queries.js";
import { toDocumentRecord } from "./row-mapping.js";
import {
  absences,
  caseAssignments,
  caseRegister,
  docTypeRules,
  documents,
  letterRanges,
  teams,
  users,
} from "./schema.js";

export type AbsenceRow = typeof absences.$inferSelect;
export type LetterRangeRow = typeof letterRanges.$inferSelect;
export type CaseAssignmentRow = typeof caseAssignments.$inferSelect;
export type RegisterRow = typeof caseRegister.$inferSelect;

export interface DocumentMove {
  id: string;
  assignee: string | null;
  queue: string;
  teamId: string | null;
  routeReason: string;
  routeReasonEn: string;
}

export function createOfficeRepository(database: Database, clock: () => Date) {
  const { db } = database;
  const writeWithEvents = createEventWriter(database, clock);
  return {
    write: (statements: Statement[], events: NewEvent[]) => writeWithEvents(statements, events),
    loadOffice: () => loadOffice(db),
    now: clock,

    async getDocuments(ids: string[]) {
      if (ids.length === 0) return [];
      const rows = await db.select().from(documents).where(inArray(documents.id, ids));
      return rows.map(toDocumentRecord);
    },
    /** Open documents of `assignee` that carry one of the cases' Aktenzeichen or Kundennummern. */
    async openDocumentsOfCases(caseRefs: string[], customerNos: string[], assignee: string) {
      if (caseRefs.length === 0 && customerNos.length === 0) return [];
      const rows = await db
        .select()
        .from(documents)
        .where(
          and(
            eq(documents.assignee, assignee),
            eq(documents.status, "open"),
            or(inArray(documents.caseRef, caseRefs), inArray(documents.customerNo, customerNos)),
          ),
        );
      return rows.map(toDocumentRecord);
    },
    /** Only open documents move: a document finished in the meantime keeps who finished it. */
    moveDocument(move: DocumentMove, at: string): Statement {
      const { id, ...set } = move;
      return db
        .update(documents)
        .set({ ...set, routeRule: "reassigned", routeChain: "[]", updatedAt: at })
        .where(and(eq(documents.id, id), eq(documents.status, "open")));
    },

    async registerOf(assignee: string): Promise<RegisterRow[]> {
      return db
        .select()
        .from(caseRegister)
        .where(eq(caseRegister.assignee, assignee))
        .orderBy(asc(caseRegister.caseRef));
    },
    async registerEntries(caseRefs: string[]): Promise<RegisterRow[]> {
      if (caseRefs.length === 0) return [];
      return db.select().from(caseRegister).where(inArray(caseRegister.caseRef, caseRefs));
    },
    async listRegister(filter: { teamId?: string | null; search?: string; limit?: number }) {
      const base = db
        .select({ entry: caseRegister, teamId: users.teamId })
        .from(caseRegister)
        .innerJoin(users, eq(users.login, caseRegister.assignee));
      const where = filter.teamId ? eq(users.teamId, filter.teamId) : undefined;
      const rows = await base
        .where(where)
        .orderBy(asc(caseRegister.caseRef))
        .limit(filter.limit ?? 500);
      return rows.map((r) => r.entry);
    },
    upsertRegister(
      entry: { caseRef: string; customerNo: string | null; surname: string | null; assignee: string },
      at: string,
    ): Statement {
      return db
        .insert(caseRegister)
        .values({ ...entry, updatedAt: at })
        .onConflictDoUpdate({
          target: caseRegister.caseRef,
          set: {
            customerNo: entry.customerNo,
            surname: entry.surname,
            assignee: entry.assignee,
            updatedAt: at,
          },
        });
    },
    /** Closes the open period (to the day before `fromDate`) and opens a new one for `assignee`. */
    handOverCase(
      change: {
        caseRef: string;
        assignee: string;
        fromDate: string;
        closeOn: string;
        changedBy: string;
        reason: string;
      },
      at: string,
    ): Statement[] {
      return [
        db
          .update(caseAssignments)
          .set({ toDate: change.closeOn })
          .where(and(eq(caseAssignments.caseRef, change.caseRef), isNull(caseAssignments.toDate))),
        db.insert(caseAssignments).values({
          caseRef: change.caseRef,
          assignee: change.assignee,
          fromDate: change.fromDate,
          changedBy: change.changedBy,
          reason: change.reason,
          at,
        }),
      ];
    },
    async caseHistory(caseRef: string): Promise<CaseAssignmentRow[]> {
      return db
        .select()
        .from(caseAssignments)
        .where(eq(caseAssignments.caseRef, caseRef))
        .orderBy(asc(caseAssignments.fromDate), asc(caseAssignments.id));
    },

    async listAbsences(): Promise<AbsenceRow[]> {
      return db.select().from(absences).orderBy(asc(absences.fromDate), asc(absences.id));
    },
    async getAbsence(id: number): Promise<AbsenceRow | null> {
      return (await db.select().from(absences).where(eq(absences.id, id)).limit(1))[0] ?? null;
    },
    async absencesExcept(id: number | null): Promise<AbsenceRow[]> {
      return id === null ? db.select().from(absences) : db.select().from(absences).where(ne(absences.id, id));
    },
    saveAbsence(row: Omit<AbsenceRow, "id"> & { id: number | null }): Statement {
      const { id, ...values } = row;
      return id === null
        ? db.insert(absences).values(values)
        : db.update(absences).set(values).where(eq(absences.id, id));
    },
    deleteAbsence: (id: number): Statement => db.delete(absences).where(eq(absences.id, id)),

    async listLetterRanges(teamId: string | null): Promise<LetterRangeRow[]> {
      const q = db.select().from(letterRanges);
      const rows = await (teamId === null ? q : q.where(eq(letterRanges.teamId, teamId)));
      return rows.sort((a, b) => a.teamId.localeCompare(b.teamId) || a.fromKey.localeCompare(b.fromKey));
    },
    async getLetterRange(id: number): Promise<LetterRangeRow | null> {
      return (await db.select().from(letterRanges).where(eq(letterRanges.id, id)).limit(1))[0] ?? null;
    },
    saveLetterRange(row: Omit<LetterRangeRow, "id"> & { id: number | null }): Statement {
      const { id, ...values } = row;
      return id === null
        ? db.insert(letterRanges).values(values)
        : db.update(letterRanges).set(values).where(eq(letterRanges.id, id));
    },
    deleteLetterRange: (id: number): Statement => db.delete(letterRanges).where(eq(letterRanges.id, id)),

    listRules: () => db.select().from(docTypeRules).orderBy(asc(docTypeRules.docType)),
    saveRule: (docType: string, teamId: string): Statement =>
      db
        .insert(docTypeRules)
        .values({ docType, teamId })
        .onConflictDoUpdate({ target: docTypeRules.docType, set: { teamId } }),
    deleteRule: (docType: string): Statement =>
      db.delete(docTypeRules).where(eq(docTypeRules.docType, docType)),

    listTeams: () => db.select().from(teams).orderBy(asc(teams.name)),
    listPeople: () => db.select().from(users).orderBy(asc(users.displayName)),
  };
}

export type OfficeRepository = ReturnType<typeof createOfficeRepository>;
