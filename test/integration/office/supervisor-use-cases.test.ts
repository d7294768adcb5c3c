import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuditQueries } from "../../../src/db/audit-queries.js";
import { createTeamOverviewQueries } from "../../../src/db/team-overview-queries.js";
import { officeDate } from "../../../src/domain/office-time.js";
import { canonicalSubject } from "../../../src/mail/scan-mail.js";
import { deleteAbsence } from "../../../src/office/supervisor/delete-absence.js";
import { importRegisterCsv, previewRegisterCsv } from "../../../src/office/supervisor/import-register.js";
import { reassignCases } from "../../../src/office/supervisor/reassign-cases.js";
import { reassignDocuments } from "../../../src/office/supervisor/reassign-documents.js";
import { saveAbsence } from "../../../src/office/supervisor/save-absence.js";
import { saveLetterRange } from "../../../src/office/supervisor/save-letter-range.js";
import type { Actor } from "../../../src/office/supervisor/supervisor-deps.js";
import { openSupervisorFixture, type SupervisorFixture } from "./supervisor-fixture.js";

const tl1: Actor = { login: "tl1", role: "supervisor", teamId: "grusi" };
const tl2: Actor = { login: "tl2", role: "supervisor", teamId: "wohnen" };
const sb1: Actor = { login: "sb1", role: "caseworker", teamId: "grusi" };
const mueller = canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" });

describe("supervisor use cases on a real SQLite file", () => {
  let f: SupervisorFixture;
  beforeEach(async () => {
    f = await openSupervisorFixture();
  });
  afterEach(() => f.close());

  it("reassigns documents to another caseworker with one document.reassigned event each", async () => {
    const docs = [...(await f.scan(mueller)), ...(await f.scan(mueller))];
    expect(docs.map((d) => d.assignee)).toEqual(["sb1", "sb1"]);
    const result = await reassignDocuments(f.deps, tl1, {
      documentIds: docs.map((d) => d.id),
      target: { kind: "person", login: "sb2" },
      reason: "Urlaubsvertretung",
    });
    expect(result).toEqual({ ok: true, moved: docs.map((d) => d.id) });
    const after = await f.core.store.listDocuments({ assignee: "sb2" });
    expect(after.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    expect(after[0]?.routeReason).toContain("Urlaubsvertretung");
    const history = await createAuditQueries(f.core.database.db).historyOf("document", docs[0]!.id);
    expect(history.at(-1)).toMatchObject({ action: "document.reassigned", actor: "tl1" });
  });

  it("refuses another team's supervisor and a caseworker", async () => {
    const [doc] = await f.scan(mueller);
    const input = {
      documentIds: [doc!.id],
      target: { kind: "team" as const, teamId: "wohnen" },
      reason: "x",
    };
    await expect(reassignDocuments(f.deps, tl2, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(reassignDocuments(f.deps, sb1, input)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("requires a reason", async () => {
    const [doc] = await f.scan(mueller);
    const result = await reassignDocuments(f.deps, tl1, {
      documentIds: [doc!.id],
      target: { kind: "person", login: "sb2" },
      reason: "  ",
    });
    expect(result).toEqual({ ok: false, reason: "Bitte einen Grund für die Umverteilung angeben." });
  });

  it("moves a case with its open documents, records the history, and routes the next scan to the new owner", async () => {
    // GIVEN a document of case 50-1234/2026 in sb1's queue
    const [old] = await f.scan(mueller);
    const day = officeDate(new Date(), "Europe/Berlin");
    // WHEN tl1 moves the case to sb2 from today, taking the open documents along
    const result = await reassignCases(f.deps, tl1, {
      fromAssignee: "sb1",
      toAssignee: "sb2",
      caseRefs: ["50-1234/2026"],
      letterRange: null,
      effectiveDate: day,
      takeOpenDocuments: true,
      reason: "Zuständigkeitswechsel",
    });
    // THEN the open document moved, the history shows both periods, and the next scan lands with sb2
    expect(result).toEqual({ ok: true, cases: ["50-1234/2026"], documents: [old!.id] });
    expect((await f.core.store.getDocument(old!.id))?.assignee).toBe("sb2");
    const history = await f.deps.repo.caseHistory("50-1234/2026");
    expect(history.map((h) => [h.assignee, h.toDate === null])).toEqual([
      ["sb1", false],
      ["sb2", true],
    ]);
    const [next] = await f.scan(mueller);
    expect(next?.assignee).toBe("sb2");
  });

  it("moves all of a person's cases within a letter range", async () => {
    const before = await f.deps.repo.registerOf("sb1");
    const result = await reassignCases(f.deps, tl1, {
      fromAssignee: "sb1",
      toAssignee: "sb3",
      caseRefs: [],
      letterRange: { from: "A", to: "K" },
      effectiveDate: "2026-01-01",
      takeOpenDocuments: false,
      reason: "Neuaufteilung",
    });
    expect(result.ok).toBe(true);
    const moved = result.ok ? result.cases : [];
    expect(moved.length).toBeGreaterThan(0);
    const stayed = (await f.deps.repo.registerOf("sb1")).map((e) => e.surname ?? "");
    expect(stayed.every((s) => s.localeCompare("L", "de") >= 0)).toBe(true);
    expect(stayed.length + moved.length).toBe(before.length);
  });

  it("refuses a future effective date", async () => {
    const result = await reassignCases(f.deps, tl1, {
      fromAssignee: "sb1",
      toAssignee: "sb2",
      caseRefs: ["50-1234/2026"],
      letterRange: null,
      effectiveDate: "2999-01-01",
      takeOpenDocuments: false,
      reason: "x",
    });
    expect(result.ok).toBe(false);
  });

  it("stores an absence with its chain, refuses a cycle, and deletes it", async () => {
    // The demo office has sb3 absent with sb2 as substitute.
    const cycle = await saveAbsence(f.deps, tl1, {
      id: null,
      person: "sb2",
      from: officeDate(new Date(), "Europe/Berlin"),
      to: "2999-12-31",
      substitute: "sb3",
      note: null,
    });
    expect(cycle).toMatchObject({ ok: false, reason: expect.stringContaining("Vertretungskreis") });
    const ok = await saveAbsence(f.deps, tl1, {
      id: null,
      person: "sb1",
      from: "2030-01-01",
      to: "2030-01-05",
      substitute: "sb2",
      note: "Urlaub",
    });
    expect(ok).toEqual({ ok: true, chain: ["sb1", "sb2"], finalSubstitute: "sb2" });
    const row = (await f.deps.repo.listAbsences()).find((a) => a.login === "sb1");
    expect(await deleteAbsence(f.deps, tl1, row!.id)).toEqual({ ok: true });
    await expect(
      saveAbsence(f.deps, tl2, {
        id: null,
        person: "sb1",
        from: "2030-01-01",
        to: "2030-01-05",
        substitute: null,
        note: null,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("saves a letter range only for a member of the team", async () => {
    const wrong = await saveLetterRange(f.deps, tl1, {
      id: null,
      teamId: "grusi",
      from: "A",
      to: "B",
      assignee: "sb4",
    });
    expect(wrong.ok).toBe(false);
    expect(
      await saveLetterRange(f.deps, tl1, { id: null, teamId: "grusi", from: "a", to: "b", assignee: "sb2" }),
    ).toEqual({ ok: true });
  });

  it("imports a register CSV only without row errors, and records the new owner in the history", async () => {
    const bad = "Aktenzeichen;Name;Sachbearbeitung\n50-9999/2026;Neu;sb1\n50-9998/2026;Falsch;sb4\n";
    const preview = await previewRegisterCsv(f.deps, tl1, bad);
    expect(preview.errors).toEqual([{ line: 3, reason: "Akte 50-9998/2026 liegt außerhalb Ihres Teams." }]);
    expect((await importRegisterCsv(f.deps, tl1, bad)).ok).toBe(false);
    const good = "Aktenzeichen;Name;Sachbearbeitung\n50-9999/2026;Neu;sb1\n50-1234/2026;Müller;sb2\n";
    expect(await importRegisterCsv(f.deps, tl1, good)).toEqual({ ok: true, created: 1, changed: 1 });
    const history = await f.deps.repo.caseHistory("50-1234/2026");
    expect(history.at(-1)).toMatchObject({ assignee: "sb2", reason: "CSV-Import" });
  });

  it("shows queue length and oldest document per person and the triage backlog", async () => {
    await f.scan(mueller);
    await f.scan("kein Betreff");
    const queries = createTeamOverviewQueries(f.core.database.db);
    const [grusi] = await queries.overview("grusi");
    expect(grusi?.people.find((p) => p.login === "sb1")).toMatchObject({ open: 1 });
    expect((await queries.triageFigures()).open).toBe(1);
    expect(await queries.overview(null)).toHaveLength(3);
  });
});
