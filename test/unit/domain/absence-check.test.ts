import { describe, expect, it } from "vitest";
import { checkAbsence } from "../../../src/domain/absence-check.js";
import type { Absence, Person } from "../../../src/domain/office.js";

const person = (login: string, active = true): Person => ({
  login,
  displayName: `SB ${login}`,
  role: "caseworker",
  teamId: "grusi",
  active,
});
const people = [person("sb1"), person("sb2"), person("sb3"), person("sb9", false)];
const away = (p: string, substitute: string | null, from = "2026-11-01", to = "2026-11-30"): Absence => ({
  person: p,
  from,
  to,
  substitute,
});

describe("checkAbsence", () => {
  it("accepts a valid absence and shows the substitute chain", () => {
    const result = checkAbsence(
      { person: "sb1", from: "2026-11-10", to: "2026-11-12", substitute: "sb2" },
      [away("sb2", "sb3")],
      people,
    );
    expect(result).toMatchObject({ ok: true, chain: ["sb1", "sb2", "sb3"], finalSubstitute: "sb3" });
  });

  it("refuses an end before the start", () => {
    const result = checkAbsence(
      { person: "sb1", from: "2026-11-12", to: "2026-11-10", substitute: null },
      [],
      people,
    );
    expect(result).toEqual({ ok: false, reason: "Das Ende der Abwesenheit liegt vor ihrem Beginn." });
  });

  it("refuses a date that does not exist", () => {
    const result = checkAbsence(
      { person: "sb1", from: "2026-02-30", to: "2026-03-01", substitute: null },
      [],
      people,
    );
    expect(result.ok).toBe(false);
  });

  it("refuses a person substituting for themselves and an inactive substitute", () => {
    const self = checkAbsence(
      { person: "sb1", from: "2026-11-01", to: "2026-11-02", substitute: "sb1" },
      [],
      people,
    );
    const inactive = checkAbsence(
      { person: "sb1", from: "2026-11-01", to: "2026-11-02", substitute: "sb9" },
      [],
      people,
    );
    expect(self.ok).toBe(false);
    expect(inactive).toMatchObject({ ok: false, reason: expect.stringContaining("deaktiviert") });
  });

  it("refuses a cycle through an existing absence and names the chain", () => {
    const result = checkAbsence(
      { person: "sb1", from: "2026-11-10", to: "2026-11-12", substitute: "sb2" },
      [away("sb2", "sb1")],
      people,
    );
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("sb1 → sb2 → sb1") });
  });

  it("finds a cycle that only starts in the middle of the new range", () => {
    const result = checkAbsence(
      { person: "sb1", from: "2026-11-01", to: "2026-11-30", substitute: "sb2" },
      [away("sb2", "sb1", "2026-11-20", "2026-11-22")],
      people,
    );
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("20.11.2026") });
  });

  it("accepts ranges that touch a would-be cycle without sharing a day", () => {
    const result = checkAbsence(
      { person: "sb1", from: "2026-11-01", to: "2026-11-19", substitute: "sb2" },
      [away("sb2", "sb1", "2026-11-20", "2026-11-22")],
      people,
    );
    expect(result.ok).toBe(true);
  });
});
