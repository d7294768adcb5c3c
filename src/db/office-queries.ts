/** Loads the office's routing data (teams, people, register, ranges, absences, rules, open counts). */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { OfficeSnapshot } from "../domain/office.js";
import type { SqliteDb } from "./database.js";
import { preparedOnce } from "./prepared.js";
import {
  absences,
  caseRegister,
  docTypeRules,
  documents,
  letterRanges,
  officeRevision,
  teams,
  users,
} from "./schema.js";

type RoutingData = Omit<OfficeSnapshot, "openCounts">;

export async function loadOffice(db: SqliteDb): Promise<OfficeSnapshot> {
  const office = await loadRoutingData(db);
  return { ...office, openCounts: await loadOpenCounts(db, office) };
}

/**
 * loadOffice for a long-lived reader (the pipeline routes every document against it): the routing data is read
 * again only when office_revision moved — triggers bump it on every change, from any process — so a mail costs
 * one tiny query instead of reading the whole register. Open counts are always fresh.
 */
export function createOfficeCache(db: SqliteDb): () => Promise<OfficeSnapshot> {
  let cached: { revision: number; office: RoutingData } | null = null;
  const revisionQuery = preparedOnce(() =>
    db
      .select({ revision: officeRevision.revision })
      .from(officeRevision)
      .where(eq(officeRevision.id, sql.placeholder("id")))
      .prepare(),
  );
  const readRevision = async () => (await revisionQuery().all({ id: 1 }))[0]?.revision ?? null;
  return async () => {
    const revision = await readRevision();
    if (!cached || revision === null || cached.revision !== revision) {
      // Frozen: every caller shares these objects until the next change.
      const office = deepFreeze(await loadRoutingData(db));
      cached = revision === null ? null : { revision, office };
      return { ...office, openCounts: await loadOpenCounts(db, office) };
    }
    return { ...cached.office, openCounts: await loadOpenCounts(db, cached.office) };
  };
}

/** Only capacity-aware teams read them: counted for their members alone, through the assignee index. */
async function loadOpenCounts(db: SqliteDb, office: RoutingData): Promise<Record<string, number>> {
  const capacityTeams = new Set(office.teams.filter((t) => t.queueMode === "fewest-open").map((t) => t.id));
  const members = office.people.filter((p) => p.teamId && capacityTeams.has(p.teamId)).map((p) => p.login);
  if (members.length === 0) return {};
  const counts: Record<string, number> = {};
  // SQLite/D1 cap bound parameters per statement; stay well below.
  for (let i = 0; i < members.length; i += 90) {
    const rows = await db
      .select({ assignee: documents.assignee, open: count() })
      .from(documents)
      .where(and(inArray(documents.assignee, members.slice(i, i + 90)), eq(documents.status, "open")))
      .groupBy(documents.assignee);
    for (const r of rows) if (r.assignee) counts[r.assignee] = r.open;
  }
  return counts;
}

async function loadRoutingData(db: SqliteDb): Promise<RoutingData> {
  const [teamRows, userRows, registerRows, rangeRows, absenceRows, ruleRows] = await Promise.all([
    db.select().from(teams),
    db.select().from(users),
    db.select().from(caseRegister),
    db.select().from(letterRanges),
    db.select().from(absences),
    db.select().from(docTypeRules),
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
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
