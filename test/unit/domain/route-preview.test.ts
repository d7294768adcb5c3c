import { describe, expect, it } from "vitest";
import type { OfficeSnapshot } from "../../../src/domain/office.js";
import { previewRoute } from "../../../src/domain/route-preview.js";

const office: OfficeSnapshot = {
  teams: [{ id: "grusi", name: "Grundsicherung", queueMode: "shared" }],
  people: [{ login: "sb1", displayName: "Anna Abel", role: "caseworker", teamId: "grusi", active: true }],
  register: [{ caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller", assignee: "sb1" }],
  letterRanges: [{ teamId: "grusi", from: "A", to: "Z", assignee: "sb1" }],
  absences: [],
  docTypeRules: [{ docType: "Kontoauszug", teamId: "grusi" }],
  openCounts: {},
};

describe("previewRoute", () => {
  it("names the person and the register rule for a known Aktenzeichen", () => {
    const p = previewRoute(
      { caseRef: "50-1234/2026", customerNo: "", surname: "", docType: "" },
      office,
      "2026-11-25",
    );
    expect(p.target).toBe("Anna Abel (sb1)");
    expect(p.decision.rule).toBe("register-case");
    expect(p.decision.reason.de).toContain("50-1234/2026");
  });

  it("shows the letter key used for the letter range", () => {
    const p = previewRoute(
      { caseRef: "", customerNo: "", surname: "von der Heide", docType: "Kontoauszug" },
      office,
      "2026-11-25",
    );
    expect(p.letterKey).toBe("HEIDE");
    expect(p.decision.rule).toBe("letter-range");
  });

  it("sends empty fields to the triage queue", () => {
    const p = previewRoute({ caseRef: "", customerNo: "", surname: "", docType: "" }, office, "2026-11-25");
    expect(p.target).toBe("Clearing (Poststelle)");
  });
});
