import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/domain/csv-parse.js";
import type { Person } from "../../../src/domain/office.js";
import { previewRegisterImport } from "../../../src/domain/register-csv.js";

const people: Person[] = ["sb1", "sb2"].map((login) => ({
  login,
  displayName: login,
  role: "caseworker",
  teamId: "grusi",
  active: true,
}));

describe("parseCsv", () => {
  it("reads semicolons, quotes with doubled quotes, CRLF and a BOM", () => {
    const result = parseCsv('\uFEFFa;b\r\n"x;""y""";z\r\n');
    expect(result).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ['x;"y"', "z"] },
      ],
    });
  });

  it("keeps line breaks inside quotes and counts lines for the next record", () => {
    const result = parseCsv('a;b\n"1\n2";c\nd;e');
    expect(result.ok && result.records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("reports an unclosed quote with its line", () => {
    expect(parseCsv('a;b\n"oops;c\n')).toMatchObject({ ok: false, line: 2 });
  });
});

describe("previewRegisterImport", () => {
  const register = [{ caseRef: "50-1/2026", customerNo: null, surname: "Abel", assignee: "sb1" }];

  it("lists new and changed cases and row-level errors with their line", () => {
    const csv = [
      "Aktenzeichen;Kundennummer;Name;Sachbearbeitung",
      "50-1/2026;;Abel;sb2",
      "50-2/2026;4711;Müller;sb1",
      ";;Ohne;sb1",
      "50-3/2026;;Niemand;zz9",
      "50-2/2026;;Doppelt;sb1",
    ].join("\r\n");
    const preview = previewRegisterImport(csv, register, people);
    expect(preview.ok).toBe(false);
    expect(preview.changes.map((c) => [c.entry.caseRef, c.kind, c.previousAssignee])).toEqual([
      ["50-1/2026", "changed", "sb1"],
      ["50-2/2026", "new", null],
    ]);
    expect(preview.errors).toEqual([
      { line: 4, reason: "Aktenzeichen fehlt." },
      { line: 5, reason: "Unbekannte oder deaktivierte Kennung „zz9“." },
      { line: 6, reason: "Aktenzeichen 50-2/2026 steht schon in Zeile 3." },
    ]);
  });

  it("refuses a file without the Aktenzeichen column", () => {
    const preview = previewRegisterImport("Name;Login\nAbel;sb1", register, people);
    expect(preview.fileError).toContain("Aktenzeichen");
  });
});
