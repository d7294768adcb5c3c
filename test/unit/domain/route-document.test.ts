import { describe, expect, it } from "vitest";
import type { DocumentMetadata } from "../../../src/domain/metadata.js";
import type { Absence, OfficeSnapshot, Person } from "../../../src/domain/office.js";
import { type RouteDecision, routeDocument } from "../../../src/domain/route-document.js";

const today = "2026-11-15";

function caseworker(login: string, teamId: string, active = true): Person {
  return { login, displayName: login.toUpperCase(), role: "caseworker", teamId, active };
}

/** A small office: "lb" shares its queue and has letter ranges A–K, L–R; "uv" assigns by fewest open. */
function buildOffice(changes: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
  return {
    teams: [
      { id: "lb", name: "Leistungsbezug", queueMode: "shared" },
      { id: "uv", name: "Unterhaltsvorschuss", queueMode: "fewest-open" },
    ],
    people: [
      ...["sb1", "sb2", "sb3", "sb4"].map((login) => caseworker(login, "lb")),
      ...["sb5", "sb6", "sb7"].map((login) => caseworker(login, "uv")),
      { login: "tl2", displayName: "TL2", role: "supervisor", teamId: "uv", active: true },
    ],
    register: [
      { caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller", assignee: "sb1" },
      { caseRef: "50-2000/2026", customerNo: "100500", surname: "Schulz", assignee: "sb2" },
      { caseRef: "51-0007/2026", customerNo: "100777", surname: "Klein", assignee: "sb5" },
    ],
    letterRanges: [
      { teamId: "lb", from: "A", to: "K", assignee: "sb3" },
      { teamId: "lb", from: "L", to: "R", assignee: "sb4" },
      { teamId: "uv", from: "A", to: "Z", assignee: "sb6" },
    ],
    absences: [],
    docTypeRules: [
      { docType: "Kontoauszug", teamId: "lb" },
      { docType: "Unterhaltsnachweis", teamId: "uv" },
      { docType: "Altakte", teamId: "archiv" },
    ],
    openCounts: {},
    ...changes,
  };
}

function meta(fields: Partial<DocumentMetadata>): DocumentMetadata {
  return { caseRef: null, customerNo: null, surname: null, docType: null, source: "subject", ...fields };
}

function absence(person: string, substitute: string | null, from = "2026-11-01", to = "2026-11-30"): Absence {
  return { person, from, to, substitute };
}

const muellerCase = meta({ caseRef: "50-1234/2026", docType: "Kontoauszug" });

describe("routeDocument: register", () => {
  it("routes by case reference to the caseworker in the case register", () => {
    const decision = routeDocument(muellerCase, buildOffice(), today);
    expect(decision).toMatchObject({
      kind: "person",
      assignee: "sb1",
      teamId: "lb",
      rule: "register-case",
      chain: [],
    });
    expect(decision.reason.de).toBe("Aktenzeichen 50-1234/2026 laut Aktenregister bei sb1.");
  });

  it("routes by customer number when no case reference is given", () => {
    const decision = routeDocument(meta({ customerNo: "100500" }), buildOffice(), today);
    expect(decision).toMatchObject({ kind: "person", assignee: "sb2", rule: "register-customer" });
  });

  it("uses the customer number when the case reference is unknown, and says so", () => {
    const decision = routeDocument(
      meta({ caseRef: "99-9999/2026", customerNo: "100234" }),
      buildOffice(),
      today,
    );
    expect(decision).toMatchObject({ assignee: "sb1", rule: "register-customer" });
    expect(decision.reason.de).toContain("Aktenzeichen 99-9999/2026 nicht im Aktenregister");
    expect(decision.reason.en).toContain("Case reference 99-9999/2026 is not in the case register");
  });

  it("prefers the case reference over a customer number that belongs to another entry", () => {
    const decision = routeDocument(
      meta({ caseRef: "50-1234/2026", customerNo: "100500" }),
      buildOffice(),
      today,
    );
    expect(decision).toMatchObject({ assignee: "sb1", rule: "register-case" });
  });

  it("matches case references regardless of spaces and letter case", () => {
    const decision = routeDocument(meta({ caseRef: " 50 - 1234/2026 " }), buildOffice(), today);
    expect(decision.assignee).toBe("sb1");
  });

  it("takes the register over the letter range of the document type's team", () => {
    const decision = routeDocument(
      meta({ caseRef: "50-1234/2026", surname: "Lampe", docType: "Kontoauszug" }),
      buildOffice(),
      today,
    );
    expect(decision).toMatchObject({ assignee: "sb1", rule: "register-case" });
  });
});

describe("routeDocument: substitutes", () => {
  it("routes to the substitute when the caseworker is absent", () => {
    const office = buildOffice({ absences: [absence("sb1", "sb2")] });
    const decision = routeDocument(muellerCase, office, today);
    expect(decision).toMatchObject({ kind: "person", assignee: "sb2", teamId: "lb", rule: "register-case" });
    expect(decision.chain).toEqual(["sb1", "sb2"]);
    expect(decision.reason.de).toBe(
      "Aktenzeichen 50-1234/2026 laut Aktenregister bei sb1; sb1 abwesend bis 30.11.2026, Vertretung sb2.",
    );
    expect(decision.reason.en).toContain("sb1 absent until 30.11.2026, substitute sb2");
  });

  it("follows a substitute chain over two levels", () => {
    // GIVEN sb1 and their substitute sb2 are both absent, sb2 names sb3
    const office = buildOffice({
      absences: [absence("sb1", "sb2"), absence("sb2", "sb3", "2026-11-10", "2026-12-01")],
    });
    // WHEN a document for sb1's case arrives
    const decision = routeDocument(muellerCase, office, today);
    // THEN sb3 gets it and the reason names both steps with their end dates
    expect(decision).toMatchObject({ assignee: "sb3", chain: ["sb1", "sb2", "sb3"] });
    expect(decision.reason.de).toContain(
      "sb1 abwesend bis 30.11.2026, Vertretung sb2; sb2 abwesend bis 01.12.2026, Vertretung sb3",
    );
  });

  it("does not follow an absence that has ended", () => {
    const office = buildOffice({ absences: [absence("sb1", "sb2", "2026-10-01", "2026-11-14")] });
    expect(routeDocument(muellerCase, office, today)).toMatchObject({ assignee: "sb1", chain: [] });
  });

  it("does not follow an absence that starts tomorrow", () => {
    const office = buildOffice({ absences: [absence("sb1", "sb2", "2026-11-16", "2026-11-30")] });
    expect(routeDocument(muellerCase, office, today)).toMatchObject({ assignee: "sb1", chain: [] });
  });

  it("falls back to the original person's team queue when the substitutes form a cycle", () => {
    // GIVEN sb1 is substituted by sb2 and sb2 by sb1, both absent
    const office = buildOffice({ absences: [absence("sb1", "sb2"), absence("sb2", "sb1")] });
    // WHEN sb1's case is routed
    const decision = routeDocument(muellerCase, office, today);
    // THEN it lands in team lb's queue, and the reason names the cycle
    expect(decision).toMatchObject({ kind: "team", assignee: null, teamId: "lb", rule: "team-queue" });
    expect(decision.chain).toEqual(["sb1", "sb2", "sb1"]);
    expect(decision.reason.de).toContain(
      "Vertretungskette sb1 → sb2 → sb1 ist ein Kreis; daher Teamqueue Leistungsbezug",
    );
    expect(decision.reason.en).toContain("substitute chain sb1 → sb2 → sb1 is a cycle");
  });

  it("falls back to the team queue when the caseworker is absent without a substitute", () => {
    const office = buildOffice({ absences: [absence("sb1", null)] });
    const decision = routeDocument(muellerCase, office, today);
    expect(decision).toMatchObject({ kind: "team", teamId: "lb", rule: "team-queue", chain: ["sb1"] });
    expect(decision.reason.de).toContain(
      "sb1 abwesend bis 30.11.2026 ohne Vertretung; daher Teamqueue Leistungsbezug",
    );
  });

  it("treats an inactive caseworker like one absent without a substitute", () => {
    const office = buildOffice({ people: [caseworker("sb1", "lb", false), caseworker("sb2", "lb")] });
    const decision = routeDocument(muellerCase, office, today);
    expect(decision).toMatchObject({ kind: "team", teamId: "lb", rule: "team-queue", chain: ["sb1"] });
    expect(decision.reason.de).toContain("sb1 ist nicht aktiv");
  });

  it("stops at an inactive substitute even when an absence names a further one", () => {
    const office = buildOffice({
      people: [caseworker("sb1", "lb"), caseworker("sb2", "lb", false), caseworker("sb3", "lb")],
      absences: [absence("sb1", "sb2"), absence("sb2", "sb3")],
    });
    expect(routeDocument(muellerCase, office, today)).toMatchObject({ kind: "team", chain: ["sb1", "sb2"] });
  });

  it("assigns by fewest open documents when the chain fails in a fewest-open team", () => {
    // GIVEN sb5 (team uv) is absent without a substitute, sb7 has the fewest open documents
    const office = buildOffice({ absences: [absence("sb5", null)], openCounts: { sb5: 0, sb6: 4, sb7: 1 } });
    // WHEN sb5's case is routed
    const decision = routeDocument(meta({ caseRef: "51-0007/2026" }), office, today);
    // THEN sb7 gets it, and the reason explains both the absence and the workload rule
    expect(decision).toMatchObject({ kind: "person", assignee: "sb7", teamId: "uv", rule: "fewest-open" });
    expect(decision.reason.de).toContain("sb5 abwesend bis 30.11.2026 ohne Vertretung");
    expect(decision.reason.de).toContain("sb7 hat die wenigsten offenen Dokumente (1)");
  });
});

describe("routeDocument: letter ranges", () => {
  it("routes by the surname's letter range within the document type's team", () => {
    const decision = routeDocument(meta({ surname: "Becker", docType: "Kontoauszug" }), buildOffice(), today);
    expect(decision).toMatchObject({
      kind: "person",
      assignee: "sb3",
      teamId: "lb",
      rule: "letter-range",
      chain: [],
    });
    expect(decision.reason.de).toBe(
      "Dokumentart Kontoauszug gehört zu Team Leistungsbezug; Nachname Becker (Schlüssel BECKER) im Buchstabenbereich A–K bei sb3.",
    );
  });

  it("ignores letter ranges of other teams and uses the team queue", () => {
    const decision = routeDocument(
      meta({ surname: "Schulze", docType: "Kontoauszug" }),
      buildOffice(),
      today,
    );
    expect(decision).toMatchObject({ kind: "team", teamId: "lb", rule: "team-queue" });
    expect(decision.reason.de).toContain(
      "kein Buchstabenbereich des Teams passt zu Schulze (Schlüssel SCHULZE)",
    );
  });

  it("routes through the substitute of the range's caseworker", () => {
    const office = buildOffice({ absences: [absence("sb3", "sb4")] });
    const decision = routeDocument(meta({ surname: "Becker", docType: "Kontoauszug" }), office, today);
    expect(decision).toMatchObject({ assignee: "sb4", rule: "letter-range", chain: ["sb3", "sb4"] });
  });

  it("places 'Ötzel' by DIN 5007 variant 1 or 2 as configured", () => {
    // GIVEN ranges that split the O names at OE
    const office = buildOffice({
      letterRanges: [
        { teamId: "lb", from: "A", to: "OD", assignee: "sb1" },
        { teamId: "lb", from: "OE", to: "OF", assignee: "sb2" },
        { teamId: "lb", from: "OG", to: "Z", assignee: "sb3" },
      ],
    });
    const oetzel = meta({ surname: "Ötzel", docType: "Kontoauszug" });
    // WHEN routed under each variant THEN v1 reads OTZEL (between O and P), v2 reads OETZEL
    expect(routeDocument(oetzel, office, today).assignee).toBe("sb3");
    expect(routeDocument(oetzel, office, today, { umlautVariant: 2 }).assignee).toBe("sb2");
  });

  it("places 'Strauß' as STRAUSS", () => {
    const office = buildOffice({
      letterRanges: [
        { teamId: "lb", from: "A", to: "STRAUR", assignee: "sb1" },
        { teamId: "lb", from: "STRAUS", to: "Z", assignee: "sb2" },
      ],
    });
    const decision = routeDocument(meta({ surname: "Strauß", docType: "Kontoauszug" }), office, today);
    expect(decision.assignee).toBe("sb2");
    expect(decision.reason.de).toContain("Schlüssel STRAUSS");
  });

  it("files 'von der Heide' under H, or under V when particles are not skipped", () => {
    const office = buildOffice({
      letterRanges: [
        { teamId: "lb", from: "A", to: "K", assignee: "sb3" },
        { teamId: "lb", from: "L", to: "Z", assignee: "sb4" },
      ],
    });
    const heide = meta({ surname: "von der Heide", docType: "Kontoauszug" });
    expect(routeDocument(heide, office, today).assignee).toBe("sb3");
    expect(routeDocument(heide, office, today, { skipParticles: false }).assignee).toBe("sb4");
  });

  it("files hyphenated, apostrophe and non-German Latin names by their first letters", () => {
    const office = buildOffice();
    const route = (surname: string) =>
      routeDocument(meta({ surname, docType: "Kontoauszug" }), office, today).assignee;
    expect(route("Meyer-Lüdenscheidt")).toBe("sb4");
    expect(route("O'Neill")).toBe("sb4");
    expect(route("Łukasiewicz")).toBe("sb4");
    expect(route("Ärger")).toBe("sb3");
  });

  it("uses the team queue when a surname has no A–Z letters", () => {
    const decision = routeDocument(meta({ surname: "Иванов", docType: "Kontoauszug" }), buildOffice(), today);
    expect(decision).toMatchObject({ kind: "team", rule: "team-queue" });
    expect(decision.reason.en).toContain("does not map to any letter A–Z");
  });
});

describe("routeDocument: team queues", () => {
  it("uses the shared team queue when no surname is given", () => {
    const decision = routeDocument(meta({ docType: "Kontoauszug" }), buildOffice(), today);
    expect(decision).toMatchObject({
      kind: "team",
      assignee: null,
      teamId: "lb",
      rule: "team-queue",
      chain: [],
    });
    expect(decision.reason.de).toBe(
      "Dokumentart Kontoauszug gehört zu Team Leistungsbezug; kein Nachname angegeben; daher Teamqueue Leistungsbezug.",
    );
  });

  it("assigns to the member with the fewest open documents in a fewest-open team", () => {
    const office = buildOffice({ openCounts: { sb5: 3, sb6: 2, sb7: 5, tl2: 0 } });
    const decision = routeDocument(meta({ docType: "Unterhaltsnachweis" }), office, today);
    expect(decision).toMatchObject({
      kind: "person",
      assignee: "sb6",
      teamId: "uv",
      rule: "fewest-open",
      chain: [],
    });
  });

  it("skips absent and inactive members and supervisors when assigning by fewest open", () => {
    // GIVEN sb5 has the fewest open documents but is absent, sb6 is inactive, tl2 is a supervisor
    const office = buildOffice({
      people: [caseworker("sb5", "uv"), caseworker("sb6", "uv", false), caseworker("sb7", "uv")],
      absences: [absence("sb5", "sb1")],
      openCounts: { sb5: 0, sb6: 0, sb7: 9 },
    });
    // WHEN a document for team uv arrives THEN the only present caseworker, sb7, gets it
    expect(routeDocument(meta({ docType: "Unterhaltsnachweis" }), office, today).assignee).toBe("sb7");
  });

  it("breaks fewest-open ties by login and counts missing members as zero", () => {
    const office = buildOffice({ openCounts: { sb5: 2 } });
    expect(routeDocument(meta({ docType: "Unterhaltsnachweis" }), office, today).assignee).toBe("sb6");
  });

  it("uses the shared queue of a fewest-open team when nobody there is present", () => {
    const office = buildOffice({ absences: ["sb5", "sb6", "sb7"].map((login) => absence(login, null)) });
    const decision = routeDocument(meta({ docType: "Unterhaltsnachweis" }), office, today);
    expect(decision).toMatchObject({ kind: "team", teamId: "uv", rule: "team-queue" });
    expect(decision.reason.de).toContain("niemand anwesend");
  });
});

describe("routeDocument: triage", () => {
  it("sends a document without any metadata to triage", () => {
    const decision = routeDocument(meta({ source: "none" }), buildOffice(), today);
    expect(decision).toMatchObject({
      kind: "triage",
      assignee: null,
      teamId: null,
      rule: "triage",
      chain: [],
    });
    expect(decision.reason.de).toContain("Keine Metadaten erkannt");
  });

  it("sends a document of unknown type without a register hit to triage", () => {
    const decision = routeDocument(meta({ surname: "Becker" }), buildOffice(), today);
    expect(decision.rule).toBe("triage");
    expect(decision.reason.de).toBe(
      "Dokumentart unbekannt oder nicht angegeben; daher zur Klärung in die Poststelle.",
    );
  });

  it("sends a document type without a team rule to triage, naming the type", () => {
    const decision = routeDocument(meta({ docType: "Gartenbau" }), buildOffice(), today);
    expect(decision.rule).toBe("triage");
    expect(decision.reason.en).toBe("No team rule exists for document type Gartenbau; so it goes to triage.");
  });

  it("sends a document to triage when its team rule names an unknown team", () => {
    const decision = routeDocument(meta({ docType: "Altakte" }), buildOffice(), today);
    expect(decision.rule).toBe("triage");
    expect(decision.reason.de).toContain("Team archiv ist nicht bekannt");
  });

  it("names the unknown case reference and customer number in the triage reason", () => {
    const decision = routeDocument(meta({ caseRef: "99-1/2026", customerNo: "999" }), buildOffice(), today);
    expect(decision.rule).toBe("triage");
    expect(decision.reason.de).toContain(
      "Aktenzeichen 99-1/2026 nicht im Aktenregister; Kundennummer 999 nicht im Aktenregister",
    );
  });
});

describe("routeDocument: reasons", () => {
  const office = buildOffice({ absences: [absence("sb1", "sb2"), absence("sb3", null)] });
  const cases: Array<[string, DocumentMetadata]> = [
    ["register with substitute", muellerCase],
    ["customer number", meta({ customerNo: "100500" })],
    ["letter range without substitute", meta({ surname: "Becker", docType: "Kontoauszug" })],
    ["fewest open", meta({ docType: "Unterhaltsnachweis" })],
    ["triage", meta({})],
  ];

  it.each(cases)("gives a non-empty sentence in German and English (%s)", (_label, metadata) => {
    const decision: RouteDecision = routeDocument(metadata, office, today);
    for (const text of [decision.reason.de, decision.reason.en]) {
      expect(text.length).toBeGreaterThan(10);
      expect(text).toMatch(/^[A-ZÄÖÜ].*\.$/);
    }
    expect(decision.reason.de).not.toBe(decision.reason.en);
  });
});
