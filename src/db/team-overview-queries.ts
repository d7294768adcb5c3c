/**
 * Read side of the Teamleitung pages: queue length and oldest open document per person, the team queue, the
 * triage backlog, the team's open documents, and daily counts. Each query stays on one of the documents
 * indexes (assignee/status/received_at, queue/status/received_at, team/status/received_at).
 */
import { and, asc, count, eq, gte, inArray, min, type SQL, sql } from "drizzle-orm";
import type { DocumentRecord } from "../ingest/ports.js";
import type { SqliteDb } from "./database.js";
import { toDocumentRecord } from "./row-mapping.js";
import { documents, teams, users } from "./schema.js";

export interface QueueFigures {
  open: number;
  oldestReceivedAt: string | null;
}

export interface PersonQueue extends QueueFigures {
  login: string;
  displayName: string;
  role: string;
  active: boolean;
}

export interface TeamOverview {
  teamId: string;
  teamName: string;
  people: PersonQueue[];
  teamQueue: QueueFigures;
}

export interface DayCount {
  day: string;
  received: number;
  done: number;
}

export function createTeamOverviewQueries(db: SqliteDb) {
  async function queueFigures(queue: string): Promise<QueueFigures> {
    const [row] = await db
      .select({ open: count(), oldest: min(documents.receivedAt) })
      .from(documents)
      .where(and(eq(documents.queue, queue), eq(documents.status, "open")));
    return { open: row?.open ?? 0, oldestReceivedAt: row?.oldest ?? null };
  }

  async function teamMembers(teamId: string) {
    return db.select().from(users).where(eq(users.teamId, teamId)).orderBy(asc(users.displayName));
  }

  return {
    /** One team, or every team when `teamId` is null (admins). */
    async overview(teamId: string | null): Promise<TeamOverview[]> {
      const teamRows = await (teamId === null
        ? db.select().from(teams).orderBy(asc(teams.name))
        : db.select().from(teams).where(eq(teams.id, teamId)));
      return Promise.all(
        teamRows.map(async (team) => {
          const members = await teamMembers(team.id);
          const logins = members.map((m) => m.login);
          const perPerson =
            logins.length === 0
              ? []
              : await db
                  .select({ login: documents.assignee, open: count(), oldest: min(documents.receivedAt) })
                  .from(documents)
                  .where(and(inArray(documents.assignee, logins), eq(documents.status, "open")))
                  .groupBy(documents.assignee);
          const byLogin = new Map(perPerson.map((r) => [r.login, r]));
          const people = members.map((m) => ({
            login: m.login,
            displayName: m.displayName,
            role: m.role,
            active: m.active,
            open: byLogin.get(m.login)?.open ?? 0,
            oldestReceivedAt: byLogin.get(m.login)?.oldest ?? null,
          }));
          return {
            teamId: team.id,
            teamName: team.name,
            people,
            teamQueue: await queueFigures(`team:${team.id}`),
          };
        }),
      );
    },
    triageFigures: () => queueFigures("triage"),

    /**
     * Open documents of a team (its queue and its members' queues), of one queue, or of every team and triage
     * (teamId null), oldest first. Built as one index range per queue, merged here: an OR across columns
     * would make SQLite scan and sort every open document.
     */
    async openDocuments(filter: {
      teamId: string | null;
      queue?: string;
      limit?: number;
    }): Promise<DocumentRecord[]> {
      const limit = filter.limit ?? 200;
      const open = eq(documents.status, "open");
      const oldest = (where: SQL | undefined) =>
        db
          .select()
          .from(documents)
          .where(and(where, open))
          .orderBy(asc(documents.receivedAt), asc(documents.id))
          .limit(limit);
      let parts: (typeof documents.$inferSelect)[][];
      if (filter.queue !== undefined) {
        parts = [await oldest(eq(documents.queue, filter.queue))];
      } else {
        const teamIds =
          filter.teamId === null
            ? (await db.select({ id: teams.id }).from(teams)).map((t) => t.id)
            : [filter.teamId];
        const members = (
          await db.select({ login: users.login }).from(users).where(inArray(users.teamId, teamIds))
        ).map((u) => u.login);
        parts = await Promise.all([
          ...teamIds.map((id) => oldest(eq(documents.teamId, id))),
          ...members.map((login) => oldest(eq(documents.assignee, login))),
          ...(filter.teamId === null ? [oldest(eq(documents.queue, "triage"))] : []),
        ]);
      }
      const unique = new Map(parts.flat().map((row) => [row.id, row]));
      return [...unique.values()]
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
        .slice(0, limit)
        .map(toDocumentRecord);
    },

    /** Received and done per UTC day since `sinceIso` (the page labels days as dates). */
    async dailyCounts(teamId: string | null, sinceIso: string): Promise<DayCount[]> {
      const day = sql<string>`substr(${documents.receivedAt}, 1, 10)`;
      const doneDay = sql<string>`substr(${documents.doneAt}, 1, 10)`;
      const scope = teamId === null ? undefined : eq(documents.teamId, teamId);
      const received = await db
        .select({ day, n: count() })
        .from(documents)
        .where(and(scope, inArray(documents.status, ["open", "done"]), gte(documents.receivedAt, sinceIso)))
        .groupBy(day);
      const done = await db
        .select({ day: doneDay, n: count() })
        .from(documents)
        .where(and(scope, eq(documents.status, "done"), gte(documents.doneAt, sinceIso)))
        .groupBy(doneDay);
      const days = new Set([...received.map((r) => r.day), ...done.map((r) => r.day)]);
      return [...days].sort().map((d) => ({
        day: d,
        received: received.find((r) => r.day === d)?.n ?? 0,
        done: done.find((r) => r.day === d)?.n ?? 0,
      }));
    },
  };
}

export type TeamOverviewQueries = ReturnType<typeof createTeamOverviewQueries>;
