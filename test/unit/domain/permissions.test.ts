import { describe, expect, it } from "vitest";
import type { Absence } from "../../../src/domain/office.js";
import {
  ACTION_NEEDS,
  canActOnDocument,
  canSeeDocument,
  canSeeMessage,
  type DocumentAccessFacts,
  type DocumentAction,
  inScope,
  ledTeams,
  managementScope,
  ownQueuesOf,
  type ScopeFacts,
  substitutionsOf,
  TRIAGE_QUEUE,
  teamQueueOf,
  type Viewer,
  visibilityOf,
  workScopeOf,
} from "../../../src/domain/permissions.js";
import { queueOf, TRIAGE_QUEUE as STORED_TRIAGE_QUEUE } from "../../../src/ingest/queue-name.js";

const day = "2026-11-15";
const logins = ["sb1", "sb2", "sb3", "sb4", "tl1", "tl2", "tl0", "admin"];
const absent = (person: string, substitute: string | null, to = "2026-11-30"): Absence => ({
  person,
  from: "2026-11-01",
  to,
  substitute,
});
const facts = (absences: Absence[] = [], inactive: string[] = []): ScopeFacts => ({
  people: logins.map((login) => ({ login, active: !inactive.includes(login) })),
  absences,
  date: day,
});

const sb1: Viewer = { login: "sb1", role: "caseworker", teamId: "grusi" };
const sb2: Viewer = { login: "sb2", role: "caseworker", teamId: "grusi" };
const sb3: Viewer = { login: "sb3", role: "caseworker", teamId: "grusi" };
const sb4: Viewer = { login: "sb4", role: "caseworker", teamId: "wohnen" };
const tl1: Viewer = { login: "tl1", role: "supervisor", teamId: "grusi" };
const tl2: Viewer = { login: "tl2", role: "supervisor", teamId: "wohnen" };
const tl0: Viewer = { login: "tl0", role: "supervisor", teamId: null };
const admin: Viewer = { login: "admin", role: "admin", teamId: null };

const teamOf: Record<string, string> = {
  sb1: "grusi",
  sb2: "grusi",
  sb3: "grusi",
  sb4: "wohnen",
  tl1: "grusi",
};
const personal = (login: string): DocumentAccessFacts => ({
  queue: login,
  assignee: login,
  teamId: teamOf[login] ?? null,
  assigneeTeamId: teamOf[login] ?? null,
});
const teamQueue = (teamId: string): DocumentAccessFacts => ({
  queue: `team:${teamId}`,
  assignee: null,
  teamId,
  assigneeTeamId: null,
});
const triage: DocumentAccessFacts = { queue: "triage", assignee: null, teamId: null, assigneeTeamId: null };

const sees = (viewer: Viewer, doc: DocumentAccessFacts, f = facts(), handled = false) =>
  canSeeDocument(workScopeOf(viewer, f), doc, handled);
const mayAct = (
  viewer: Viewer,
  doc: DocumentAccessFacts,
  action: DocumentAction,
  handled = false,
  f = facts(),
) => canActOnDocument(workScopeOf(viewer, f), doc, action, handled);

describe("need-to-know: seeing documents", () => {
  it("lets a caseworker see their own queue and not a colleague's", () => {
    expect(sees(sb1, personal("sb1"))).toBe(true);
    expect(sees(sb1, personal("sb2"))).toBe(false);
    expect(sees(sb4, personal("sb1"))).toBe(false);
  });

  it("lets caseworkers see their own team's queue, and no other team's", () => {
    expect(sees(sb1, teamQueue("grusi"))).toBe(true);
    expect(sees(sb2, teamQueue("grusi"))).toBe(true);
    expect(sees(sb4, teamQueue("grusi"))).toBe(false);
    expect(sees(sb4, teamQueue("wohnen"))).toBe(true);
  });

  it("keeps a caseworker without a team out of every team queue", () => {
    const loner: Viewer = { login: "sb9", role: "caseworker", teamId: null };
    expect(sees(loner, teamQueue("grusi"))).toBe(false);
    expect(workScopeOf(loner, facts())).toEqual({ all: false, people: ["sb9"], teams: [], queues: [] });
  });

  it("keeps triage from caseworkers and shows it to every supervisor", () => {
    expect(sees(sb1, triage)).toBe(false);
    expect(sees(tl1, triage)).toBe(true);
    expect(sees(tl2, triage)).toBe(true);
  });

  it("shows supervisors their team's queue and members' queues, not another team's", () => {
    expect(sees(tl1, personal("sb1"))).toBe(true);
    expect(sees(tl1, teamQueue("grusi"))).toBe(true);
    expect(sees(tl1, personal("sb4"))).toBe(false);
    expect(sees(tl1, teamQueue("wohnen"))).toBe(false);
    // a document of the team's type in a member's queue whose document team differs still counts by the member
    expect(sees(tl1, { ...personal("sb1"), teamId: "wohnen" })).toBe(true);
  });

  it("shows a supervisor without a team only triage, never every team", () => {
    expect(ledTeams(tl0)).toEqual([]);
    expect(sees(tl0, triage)).toBe(true);
    expect(sees(tl0, personal("sb1"))).toBe(false);
    expect(sees(tl0, teamQueue("grusi"))).toBe(false);
    expect(sees(tl0, { queue: "sb9", assignee: "sb9", teamId: null, assigneeTeamId: null })).toBe(false);
  });

  it("shows admins everything", () => {
    for (const doc of [personal("sb1"), personal("sb4"), teamQueue("wohnen"), triage])
      expect(sees(admin, doc)).toBe(true);
    expect(ledTeams(admin)).toBe("all");
  });

  it("keeps documents a person handled visible to them (history)", () => {
    expect(sees(sb4, personal("sb1"), facts(), true)).toBe(true);
    expect(sees(sb1, triage, facts(), true)).toBe(true);
  });
});

describe("need-to-know: acting on documents", () => {
  const moving: DocumentAction[] = ["done", "forward", "return", "correct"];

  it("lets the person working the queue act", () => {
    for (const action of moving) {
      expect(mayAct(sb1, personal("sb1"), action)).toBe(true);
      expect(mayAct(sb2, teamQueue("grusi"), action)).toBe(true);
      expect(mayAct(tl1, triage, action)).toBe(true);
      expect(mayAct(tl1, personal("sb2"), action)).toBe(true);
      expect(mayAct(admin, personal("sb4"), action)).toBe(true);
    }
  });

  it("does not let a former handler act on a document that left their queue, but lets them add a note", () => {
    const forwarded = personal("sb2");
    for (const action of moving) expect(mayAct(sb1, forwarded, action, true)).toBe(false);
    expect(mayAct(sb1, forwarded, "note", true)).toBe(true);
    expect(ACTION_NEEDS.note).toBe("see");
  });

  it("refuses every action, the note included, to someone with no need to know", () => {
    for (const action of [...moving, "note" as const]) {
      expect(mayAct(sb4, personal("sb1"), action)).toBe(false);
      expect(mayAct(sb1, triage, action)).toBe(false);
      expect(mayAct(tl2, personal("sb1"), action)).toBe(false);
      expect(mayAct(tl0, personal("sb1"), action)).toBe(false);
    }
  });

  it("lets the substitute act only while the absence lasts", () => {
    const during = facts([absent("sb3", "sb2")]);
    const after = { ...during, date: "2026-12-01" };
    expect(mayAct(sb2, personal("sb3"), "done", false, during)).toBe(true);
    expect(mayAct(sb2, personal("sb3"), "done", false, after)).toBe(false);
  });
});

describe("substitute chains", () => {
  it("gives the end of a chain the queues of everyone absent along it", () => {
    // sb1 absent → sb2 absent → sb3
    const f = facts([absent("sb1", "sb2", "2026-11-20"), absent("sb2", "sb3", "2026-11-18")]);
    expect(substitutionsOf("sb3", f)).toEqual([
      { person: "sb1", until: "2026-11-18", chain: ["sb1", "sb2", "sb3"] },
      { person: "sb2", until: "2026-11-18", chain: ["sb2", "sb3"] },
    ]);
    expect(sees(sb3, personal("sb1"), f)).toBe(true);
    expect(mayAct(sb3, personal("sb1"), "done", false, f)).toBe(true);
    // the absent middle of the chain no longer stands in for sb1
    expect(substitutionsOf("sb2", f)).toEqual([]);
    expect(sees(sb2, personal("sb1"), f)).toBe(false);
  });

  it("ends the stand-in when someone along the chain is back", () => {
    const f = facts([absent("sb1", "sb2"), absent("sb2", "sb3", "2026-11-10")]);
    // sb2's absence ended on the 10th: on the 15th sb2 stands in for sb1 again, sb3 does not
    expect(substitutionsOf("sb3", f)).toEqual([]);
    expect(substitutionsOf("sb2", f).map((s) => s.person)).toEqual(["sb1"]);
  });

  it("gives nobody the queue when the chain runs into a cycle or an inactive person", () => {
    expect(substitutionsOf("sb3", facts([absent("sb1", "sb2"), absent("sb2", "sb1")]))).toEqual([]);
    expect(substitutionsOf("sb2", facts([absent("sb1", "sb2")], ["sb2"]))).toEqual([]);
    // an inactive person in the middle breaks the chain here as in routing
    expect(substitutionsOf("sb3", facts([absent("sb1", "sb2"), absent("sb2", "sb3")], ["sb2"]))).toEqual([]);
  });

  it("lists the queues of Mein Postkorb: own, stand-ins, and the caseworker's team queue", () => {
    const f = facts([absent("sb1", "sb2"), absent("sb2", "sb3")]);
    expect(ownQueuesOf(sb3, f)).toEqual({
      own: "sb3",
      substitutions: [
        { person: "sb1", until: "2026-11-30", chain: ["sb1", "sb2", "sb3"] },
        { person: "sb2", until: "2026-11-30", chain: ["sb2", "sb3"] },
      ],
      teamQueue: "team:grusi",
    });
    // supervisors find the team queue under Teamleitung, not in their own Postkorb
    expect(ownQueuesOf(tl1, facts()).teamQueue).toBeNull();
  });
});

describe("scopes as data for queries and supervisor pages", () => {
  it("describes each role's scope", () => {
    const f = facts([absent("sb1", "sb2")]);
    expect(workScopeOf(sb2, f)).toEqual({
      all: false,
      people: ["sb2", "sb1"],
      teams: [],
      queues: ["team:grusi"],
    });
    expect(workScopeOf(tl1, f)).toEqual({
      all: false,
      people: ["tl1"],
      teams: ["grusi"],
      queues: ["triage"],
    });
    expect(workScopeOf(tl0, f)).toEqual({ all: false, people: ["tl0"], teams: [], queues: ["triage"] });
    expect(workScopeOf(admin, f)).toEqual({ all: true });
  });

  it("lets supervisors manage their team and triage, caseworkers nothing", () => {
    expect(inScope(managementScope(tl1), triage)).toBe(true);
    expect(inScope(managementScope(tl1), personal("sb1"))).toBe(true);
    expect(inScope(managementScope(tl1), personal("sb4"))).toBe(false);
    expect(inScope(managementScope(sb1), personal("sb1"))).toBe(false);
    expect(inScope(managementScope(tl0), personal("sb1"))).toBe(false);
  });

  it("adds handled documents to a limited scope's visibility, not to an admin's", () => {
    expect(visibilityOf(sb1, workScopeOf(sb1, facts())).handledBy).toBe("sb1");
    expect(visibilityOf(admin, workScopeOf(admin, facts()))).toEqual({
      scope: { all: true },
      handledBy: null,
    });
  });

  it("names queues as the pipeline stores them", () => {
    expect(TRIAGE_QUEUE).toBe(STORED_TRIAGE_QUEUE);
    expect(teamQueueOf("grusi")).toBe(queueOf({ kind: "team", assignee: null, teamId: "grusi" }));
  });
});

describe("need-to-know: captured messages", () => {
  it("shows messages to admins, and to supervisors with a visible document or in quarantine", () => {
    expect(canSeeMessage(admin, { status: "pending" }, false)).toBe(true);
    expect(canSeeMessage(tl1, { status: "processed" }, true)).toBe(true);
    expect(canSeeMessage(tl1, { status: "processed" }, false)).toBe(false);
    expect(canSeeMessage(tl1, { status: "quarantined" }, false)).toBe(true);
    expect(canSeeMessage(tl1, { status: "pending" }, false)).toBe(false);
    expect(canSeeMessage(sb1, { status: "processed" }, true)).toBe(false);
  });
});
