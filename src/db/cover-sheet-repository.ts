/** Issued cover sheets: one row per printed sheet, written together with its audit event. */
import { eq } from "drizzle-orm";
import type { Database } from "./database.js";
import { createEventWriter } from "./event-log.js";
import { coverSheets } from "./schema.js";

export type CoverSheetRow = typeof coverSheets.$inferSelect;

export function createCoverSheetRepository(database: Database, clock: () => Date = () => new Date()) {
  const writeWithEvents = createEventWriter(database, clock);
  return {
    /** All rows and their `cover-sheet.issued` events in one atomic step. */
    async recordIssued(rows: CoverSheetRow[]): Promise<void> {
      await writeWithEvents(
        rows.map((row) => database.db.insert(coverSheets).values(row)),
        rows.map((row) => ({
          actor: row.issuedBy,
          action: "cover-sheet.issued",
          subjectType: "cover-sheet",
          subjectId: row.serial,
          data: {
            keyId: row.keyId,
            caseRef: row.caseRef,
            docType: row.docType,
            declaredPages: row.declaredPages,
            team: row.teamId,
          },
        })),
      );
    },
    async findCoverSheet(serial: string): Promise<CoverSheetRow | null> {
      const rows = await database.db
        .select()
        .from(coverSheets)
        .where(eq(coverSheets.serial, serial))
        .limit(1);
      return rows[0] ?? null;
    },
  };
}

export type CoverSheetRepository = ReturnType<typeof createCoverSheetRepository>;
