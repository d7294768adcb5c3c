/** The documented office description (seed file) and how it is applied: validated, then upserted. */
import { z } from "zod";
import type { Database } from "./database.js";
import { createEventWriter } from "./event-log.js";
import {
  absences,
  caseAssignments,
  caseRegister,
  docTypeRules,
  letterRanges,
  teams,
  users,
} from "./schema.js";

const login = z.string().regex(/^[a-z0-9._-]{2,40}$/, "login: 2–40 lower-case letters, digits, . _ -");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date as yyyy-mm-dd");

export const officeSeedSchema = z.object({
  teams: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      queueMode: z.enum(["shared", "fewest-open"]).default("shared"),
    }),
  ),
  users: z.array(
    z.object({
      login,
      name: z.string().min(1),
      role: z.enum(["caseworker", "supervisor", "admin"]),
      team: z.string().nullable().default(null),
      email: z.string().email().nullable().default(null),
      /** Optional: password hash (scrypt$…) — clear-text passwords never go into a seed file. */
      passwordHash: z.string().optional(),
    }),
  ),
  letterRanges: z
    .array(z.object({ team: z.string(), from: z.string().min(1), to: z.string().min(1), assignee: login }))
    .default([]),
  register: z
    .array(
      z.object({
        caseRef: z.string().min(1),
        customerNo: z.string().nullable().default(null),
        surname: z.string().nullable().default(null),
        assignee: login,
      }),
    )
    .default([]),
  absences: z
    .array(
      z.object({
        login,
        from: isoDate,
        to: isoDate,
        substitute: login.nullable().default(null),
        note: z.string().optional(),
      }),
    )
    .default([]),
  docTypeRules: z.array(z.object({ docType: z.string().min(1), team: z.string() })).default([]),
});

export type OfficeSeed = z.infer<typeof officeSeedSchema>;

export function parseOfficeSeed(
  input: unknown,
): { ok: true; seed: OfficeSeed } | { ok: false; reason: string } {
  const parsed = officeSeedSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `  ${i.path.join(".")}: ${i.message}`);
    return { ok: false, reason: `Ungültige Büro-Beschreibung:\n${lines.join("\n")}` };
  }
  const seed = parsed.data;
  const logins = new Set(seed.users.map((u) => u.login));
  const teamIds = new Set(seed.teams.map((t) => t.id));
  const unknown = [
    ...seed.register
      .filter((r) => !logins.has(r.assignee))
      .map((r) => `register ${r.caseRef}: unknown assignee ${r.assignee}`),
    ...seed.letterRanges
      .filter((r) => !teamIds.has(r.team) || !logins.has(r.assignee))
      .map((r) => `letter range ${r.from}-${r.to}: unknown team or assignee`),
    ...seed.users
      .filter((u) => u.team !== null && !teamIds.has(u.team))
      .map((u) => `user ${u.login}: unknown team ${u.team}`),
    ...seed.docTypeRules
      .filter((r) => !teamIds.has(r.team))
      .map((r) => `rule ${r.docType}: unknown team ${r.team}`),
  ];
  if (unknown.length)
    return { ok: false, reason: `Ungültige Verweise:\n  ${unknown.slice(0, 20).join("\n  ")}` };
  return { ok: true, seed };
}

/** Teams, users and register are upserted; ranges, absences and rules are replaced as a whole. */
export async function applyOfficeSeed(
  database: Database,
  seed: OfficeSeed,
  actor: string,
  now: Date,
): Promise<void> {
  const { db } = database;
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const previous = new Map((await db.select().from(caseRegister)).map((r) => [r.caseRef, r.assignee]));
  const changedCases = seed.register.filter((r) => previous.get(r.caseRef) !== r.assignee);
  const statements = [
    ...seed.teams.map((t) =>
      db
        .insert(teams)
        .values(t)
        .onConflictDoUpdate({ target: teams.id, set: { name: t.name, queueMode: t.queueMode } }),
    ),
    ...seed.users.map((u) => {
      const values = {
        login: u.login,
        displayName: u.name,
        role: u.role,
        teamId: u.team,
        email: u.email,
        createdAt: at,
        ...(u.passwordHash ? { passwordHash: u.passwordHash } : {}),
      };
      const { createdAt: _c, login: _l, ...set } = values;
      return db.insert(users).values(values).onConflictDoUpdate({ target: users.login, set });
    }),
    db.delete(letterRanges),
    db.delete(absences),
    db.delete(docTypeRules),
    ...seed.register.map((r) =>
      db
        .insert(caseRegister)
        .values({ ...r, updatedAt: at })
        .onConflictDoUpdate({
          target: caseRegister.caseRef,
          set: { customerNo: r.customerNo, surname: r.surname, assignee: r.assignee, updatedAt: at },
        }),
    ),
    ...changedCases.map((r) =>
      db.insert(caseAssignments).values({
        caseRef: r.caseRef,
        assignee: r.assignee,
        fromDate: today,
        changedBy: actor,
        reason: "seed",
        at,
      }),
    ),
    ...seed.letterRanges.map((r) =>
      db.insert(letterRanges).values({ teamId: r.team, fromKey: r.from, toKey: r.to, assignee: r.assignee }),
    ),
    ...seed.absences.map((a) =>
      db.insert(absences).values({
        login: a.login,
        fromDate: a.from,
        toDate: a.to,
        substitute: a.substitute,
        note: a.note ?? null,
      }),
    ),
    ...seed.docTypeRules.map((r) => db.insert(docTypeRules).values({ docType: r.docType, teamId: r.team })),
  ];
  const write = createEventWriter(database, () => now);
  await write(statements, [
    {
      actor,
      action: "office.seeded",
      subjectType: "office",
      subjectId: "office",
      data: {
        teams: seed.teams.length,
        users: seed.users.length,
        register: seed.register.length,
        letterRanges: seed.letterRanges.length,
        absences: seed.absences.length,
      },
    },
  ]);
}
