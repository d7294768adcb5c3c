import { describe, expect, it } from "vitest";
import { findLetterRange, isInLetterRange } from "../../../src/domain/match-letter-range.js";
import type { LetterRange } from "../../../src/domain/office.js";

const range = (from: string, to: string, teamId = "lb", assignee = "sb1"): LetterRange => ({
  teamId,
  from,
  to,
  assignee,
});

describe("isInLetterRange", () => {
  it("includes every key that starts with the upper bound", () => {
    expect(isInLetterRange("K", range("A", "K"), 1)).toBe(true);
    expect(isInLetterRange("KZZZ", range("A", "K"), 1)).toBe(true);
    expect(isInLetterRange("LAMPE", range("A", "K"), 1)).toBe(false);
  });

  it("compares multi-letter bounds letter by letter", () => {
    expect(isInLetterRange("KLEIN", range("KA", "KL"), 1)).toBe(true);
    expect(isInLetterRange("KOCH", range("KA", "KL"), 1)).toBe(false);
    expect(isInLetterRange("JUNG", range("KA", "KL"), 1)).toBe(false);
  });

  it("folds umlauts in the bounds the same way as in the key", () => {
    expect(isInLetterRange("OETZEL", range("Ö", "Ö"), 2)).toBe(true);
    expect(isInLetterRange("OTZEL", range("Ö", "Ö"), 1)).toBe(true);
  });

  it("never matches an empty key", () => {
    expect(isInLetterRange("", range("A", "Z"), 1)).toBe(false);
  });
});

describe("findLetterRange", () => {
  it("ignores ranges of other teams", () => {
    const ranges = [range("A", "Z", "uv", "sb5"), range("A", "K", "lb", "sb3")];
    expect(findLetterRange("SCHULZ", ranges, "lb", 1)).toBeNull();
    expect(findLetterRange("BECKER", ranges, "lb", 1)?.assignee).toBe("sb3");
  });
});
