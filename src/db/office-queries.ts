/** Loads the office's routing data (teams, people, register, ranges, absences, rules, open counts). */
import { count, eq } from "drizzle-orm";
import type { OfficeSnapshot } from "../domain/office.js";
import type { SqliteDb } from "./database.js";
import { absences, caseRegister, docTypeRules, documents, letterRanges, teams, users } from "./schema.js";

export async function loadOffice(db: SqliteDb): Promise<OfficeSnapshot> {
  const [teamRows, userRows, registerRows, rangeRows, absenceRows, ruleRows, openRows] = await Promise.all([
    db.select().from(teams),
    db.select().from(users),
    db.select().from(caseRegister),
    db.select().from(letterRanges),
    db.select().from(absences),
    db.select().from(docTypeRules),
    db
      .select({ assignee: documents.assignee, open: count() })
      .from(documents)
      .where(eq(documents.status, "open"))
      .groupBy(documents.assignee),
  ]);
  return {
    teams: teamRows.map((t) => ({ id: t.id, name: t.name, queueMode: t.queueMode })),
    people: userRows.map((u) => ({
      login: u.login,
      displayName: u.displayName,
      role: u.role,
      teamId: u.teamId,
      active: u.active,
    })),
    register: registerRows.map((r) => ({
      caseRef: r.caseRef,
      customerNo: r.customerNo,
      surname: r.surname,
      assignee: r.assignee,
    })),
    letterRanges: rangeRows.map((r) => ({
      teamId: r.teamId,
      from: r.fromKey,
      to: r.toKey,
      assignee: r.assignee,
    })),
    absences: absenceRows.map((a) => ({
      person: a.login,
      from: a.fromDate,
      to: a.toDate,
      substitute: a.substitute,
    })),
    docTypeRules: ruleRows.map((r) => ({ docType: r.docType, teamId: r.teamId })),
    openCounts: Object.fromEntries(openRows.filter((r) => r.assignee).map((r) => [r.assignee, r.open])),
  };
}
