import { describe, expect, it } from "vitest";
import type { Absence } from "../../../src/domain/office.js";
import { findAbsence, resolveSubstitute } from "../../../src/domain/substitute-chain.js";

const day = "2026-11-15";
const absent = (
  person: string,
  substitute: string | null,
  from = "2026-11-01",
  to = "2026-11-30",
): Absence => ({
  person,
  from,
  to,
  substitute,
});

describe("resolveSubstitute", () => {
  it("keeps a present person and follows no chain", () => {
    expect(resolveSubstitute("sb1", [], day)).toEqual({ login: "sb1", chain: [], problem: null });
  });

  it("hands over to the substitute when the person is absent", () => {
    expect(resolveSubstitute("sb1", [absent("sb1", "sb2")], day)).toEqual({
      login: "sb2",
      chain: ["sb1", "sb2"],
      problem: null,
    });
  });

  it("follows a substitute who is absent too, to the next level", () => {
    const absences = [absent("sb1", "sb2"), absent("sb2", "sb3")];
    expect(resolveSubstitute("sb1", absences, day)).toEqual({
      login: "sb3",
      chain: ["sb1", "sb2", "sb3"],
      problem: null,
    });
  });

  it("reports a cycle instead of looping", () => {
    const absences = [absent("sb1", "sb2"), absent("sb2", "sb1")];
    expect(resolveSubstitute("sb1", absences, day)).toEqual({
      login: null,
      chain: ["sb1", "sb2", "sb1"],
      problem: "cycle",
    });
  });

  it("reports a person who names themself as substitute as a cycle", () => {
    expect(resolveSubstitute("sb1", [absent("sb1", "sb1")], day).problem).toBe("cycle");
  });

  it("reports an absence without a substitute", () => {
    expect(resolveSubstitute("sb1", [absent("sb1", null)], day)).toEqual({
      login: null,
      chain: ["sb1"],
      problem: "no-substitute",
    });
  });

  it("treats absences as inclusive on their first and last day", () => {
    const absences = [absent("sb1", "sb2", day, day)];
    expect(resolveSubstitute("sb1", absences, day).login).toBe("sb2");
    expect(resolveSubstitute("sb1", absences, "2026-11-14").login).toBe("sb1");
    expect(resolveSubstitute("sb1", absences, "2026-11-16").login).toBe("sb1");
  });

  it("treats people the caller marks unavailable as absent without a substitute", () => {
    const inactive = (login: string) => login === "sb2";
    const result = resolveSubstitute("sb1", [absent("sb1", "sb2"), absent("sb2", "sb3")], day, inactive);
    expect(result).toEqual({ login: null, chain: ["sb1", "sb2"], problem: "no-substitute" });
  });
});

describe("findAbsence", () => {
  it("prefers an overlapping absence that names a substitute", () => {
    const absences = [absent("sb1", null), absent("sb1", "sb4", "2026-11-10", "2026-11-20")];
    expect(findAbsence("sb1", absences, day)?.substitute).toBe("sb4");
  });
});
