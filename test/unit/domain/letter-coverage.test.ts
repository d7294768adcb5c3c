import { describe, expect, it } from "vitest";
import { analyseLetterCoverage } from "../../../src/domain/letter-coverage.js";
import type { LetterRange } from "../../../src/domain/office.js";

const range = (from: string, to: string, assignee: string, teamId = "grusi"): LetterRange => ({
  teamId,
  from,
  to,
  assignee,
});

describe("analyseLetterCoverage", () => {
  it("reports nothing when A–Z is split without gaps", () => {
    const report = analyseLetterCoverage(
      [range("A", "G", "sb1"), range("H", "O", "sb2"), range("P", "Z", "sb3")],
      "grusi",
    );
    expect(report).toEqual({ gaps: [], overlaps: [], invalid: [] });
  });

  it("finds a gap between two ranges and one at the end", () => {
    const report = analyseLetterCoverage([range("A", "G", "sb1"), range("K", "R", "sb2")], "grusi");
    expect(report.gaps).toEqual([
      { from: "H", to: "J" },
      { from: "S", to: "Z" },
    ]);
  });

  it("finds an overlap and names both people", () => {
    const report = analyseLetterCoverage([range("A", "H", "sb1"), range("H", "Z", "sb2")], "grusi");
    expect(report.overlaps).toEqual([{ from: "H", to: "H", assignees: ["sb1", "sb2"] }]);
  });

  it("works at two-letter depth", () => {
    const report = analyseLetterCoverage([range("A", "K", "sb1"), range("KM", "Z", "sb2")], "grusi");
    expect(report.gaps).toEqual([]);
    const gapReport = analyseLetterCoverage([range("A", "KA", "sb1"), range("KM", "Z", "sb2")], "grusi");
    expect(gapReport.gaps).toEqual([{ from: "KB", to: "KL" }]);
  });

  it("ignores other teams and flags backwards bounds", () => {
    const report = analyseLetterCoverage([range("A", "Z", "sb4", "wohnen"), range("M", "C", "sb1")], "grusi");
    expect(report.invalid).toHaveLength(1);
    expect(report.gaps).toEqual([{ from: "A", to: "Z" }]);
  });

  it("folds umlauts in bounds like surnames", () => {
    const report = analyseLetterCoverage([range("A", "N", "sb1"), range("Ö", "Z", "sb2")], "grusi");
    expect(report.gaps).toEqual([]);
  });
});
