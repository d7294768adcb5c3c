/**
 * Need-to-know, the one policy every route and query applies. Pure; the caller supplies the facts.
 *
 * - Caseworkers work their own queue, the queues whose substitute chain ends with them today, and their team's
 *   queue; they may still look at documents they handled before (history), but no longer act on them.
 * - Supervisors work their team's documents (the team queue and their members' queues) and the triage queue,
 *   which is the Poststelle's queue in this office; a supervisor without a team works triage only.
 * - Admins see and work everything.
 */
import type { Absence, Person, Role } from "./office.js";
import { coversDate, findAbsence, resolveSubstitute } from "./substitute-chain.js";

export interface Viewer {
  login: string;
  role: Role;
  teamId: string | null;
}

/** Queue names as stored on documents; the same as ingest/queue-name.ts, which the domain may not import. */
export const TRIAGE_QUEUE = "triage";

export function teamQueueOf(teamId: string): string {
  return `team:${teamId}`;
}

/**
 * The documents a person works today. `people`: personal queues (assignee logins); `teams`: teams they lead
 * (documents of the team and of its members); `queues`: shared queues by name (a team queue, triage).
 */
export type WorkScope = { all: true } | { all: false; people: string[]; teams: string[]; queues: string[] };

export const NOTHING: WorkScope = { all: false, people: [], teams: [], queues: [] };

/** The facts the scope depends on: who is active and who is absent on `date` (yyyy-mm-dd, office time). */
export interface ScopeFacts {
  people: readonly Pick<Person, "login" | "active">[];
  absences: readonly Absence[];
  date: string;
}

/** One queue a person stands in for today, following substitutes of substitutes (A → B → me). */
export interface Substitution {
  /** Whose queue. */
  person: string;
  /** Last day of the stand-in: the earliest end of the absences along the chain. */
  until: string;
  /** From the absent person to the viewer, e.g. ["sb3", "sb2", "sb1"]. */
  chain: string[];
}

/**
 * Whose queues `login` stands in for on `facts.date`: every absent person whose substitute chain ends with
 * `login` — the same chain routing follows (inactive or unknown people break it there as here).
 */
export function substitutionsOf(login: string, facts: ScopeFacts): Substitution[] {
  const active = new Set(facts.people.filter((p) => p.active).map((p) => p.login));
  const unavailable = (l: string) => !active.has(l);
  const absent = new Set(facts.absences.filter((a) => coversDate(a, facts.date)).map((a) => a.person));
  const found: Substitution[] = [];
  for (const person of [...absent].sort()) {
    if (person === login) continue;
    const resolution = resolveSubstitute(person, facts.absences, facts.date, unavailable);
    if (resolution.login !== login) continue;
    const ends = resolution.chain
      .slice(0, -1)
      .map((p) => findAbsence(p, facts.absences, facts.date)?.to.slice(0, 10) ?? facts.date);
    found.push({ person, until: ends.sort()[0] ?? facts.date, chain: resolution.chain });
  }
  return found;
}

/** The teams a person leads: a supervisor their own (none without one), an admin every team. */
export function ledTeams(viewer: Viewer): "all" | string[] {
  if (viewer.role === "admin") return "all";
  if (viewer.role === "supervisor" && viewer.teamId !== null) return [viewer.teamId];
  return [];
}

/** What a supervisor manages (reassigns, sorts): their team's documents and triage. Nothing for caseworkers. */
export function managementScope(viewer: Viewer): WorkScope {
  const teams = ledTeams(viewer);
  if (teams === "all") return { all: true };
  if (viewer.role !== "supervisor") return NOTHING;
  return { all: false, people: [], teams, queues: [TRIAGE_QUEUE] };
}

/** The queues a person works as themselves ("Mein Postkorb"): their own, stand-ins, their team's queue. */
export interface OwnQueues {
  own: string;
  substitutions: Substitution[];
  /** The team queue (`team:<id>`) a caseworker shares with their team; supervisors see it under Teamleitung. */
  teamQueue: string | null;
}

export function ownQueuesOf(viewer: Viewer, facts: ScopeFacts): OwnQueues {
  return {
    own: viewer.login,
    substitutions: substitutionsOf(viewer.login, facts),
    teamQueue: viewer.role === "caseworker" && viewer.teamId !== null ? teamQueueOf(viewer.teamId) : null,
  };
}

/** Everything a person works today: their own queues, plus what they manage as a supervisor. */
export function workScopeOf(viewer: Viewer, facts: ScopeFacts): WorkScope {
  const managed = managementScope(viewer);
  if (managed.all) return managed;
  const own = ownQueuesOf(viewer, facts);
  return {
    all: false,
    people: [own.own, ...own.substitutions.map((s) => s.person)],
    teams: managed.teams,
    queues: [...(own.teamQueue === null ? [] : [own.teamQueue]), ...managed.queues],
  };
}

export interface DocumentAccessFacts {
  queue: string;
  assignee: string | null;
  teamId: string | null;
  /** The assignee's team (a supervisor works the documents of the people in their team). */
  assigneeTeamId: string | null;
}

export function inScope(scope: WorkScope, doc: DocumentAccessFacts): boolean {
  if (scope.all) return true;
  return (
    (doc.assignee !== null && scope.people.includes(doc.assignee)) ||
    scope.queues.includes(doc.queue) ||
    (doc.teamId !== null && scope.teams.includes(doc.teamId)) ||
    (doc.assigneeTeamId !== null && scope.teams.includes(doc.assigneeTeamId))
  );
}

/** May see (open, download): what they work now, and what they handled before (`handledByViewer`). */
export function canSeeDocument(
  scope: WorkScope,
  doc: DocumentAccessFacts,
  handledByViewer: boolean,
): boolean {
  return inScope(scope, doc) || handledByViewer;
}

export type DocumentAction = "done" | "forward" | "return" | "correct" | "note";

/**
 * Done, forward, return and correct move or change the document: only who works it now. A note only adds to
 * its record, so whoever may see it may add one — a former handler can still say "called back on Monday".
 */
export const ACTION_NEEDS: Readonly<Record<DocumentAction, "work" | "see">> = {
  done: "work",
  forward: "work",
  return: "work",
  correct: "work",
  note: "see",
};

export function canActOnDocument(
  scope: WorkScope,
  doc: DocumentAccessFacts,
  action: DocumentAction,
  handledByViewer: boolean,
): boolean {
  return ACTION_NEEDS[action] === "work" ? inScope(scope, doc) : canSeeDocument(scope, doc, handledByViewer);
}

/** What a query must keep for a viewer: documents in their scope, or documents `handledBy` acted on. */
export interface Visibility {
  scope: WorkScope;
  /** The viewer's login when handled documents count too; null when the scope already covers everything. */
  handledBy: string | null;
}

export function visibilityOf(viewer: Viewer, scope: WorkScope): Visibility {
  return { scope, handledBy: scope.all ? null : viewer.login };
}

/**
 * A captured message (subject, sender, status) is for supervisors and admins. A supervisor sees it when they
 * may see one of its documents, or when it is quarantined: such a message has no document yet, and sorting it
 * out is the Poststelle's job, which supervisors do here. Pending messages are an operator's matter (admins).
 */
export function canSeeMessage(
  viewer: Viewer,
  message: { status: "pending" | "processed" | "quarantined" },
  seesAnyDocument: boolean,
): boolean {
  if (viewer.role === "admin") return true;
  if (viewer.role !== "supervisor") return false;
  return seesAnyDocument || message.status === "quarantined";
}
