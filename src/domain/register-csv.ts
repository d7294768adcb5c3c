/** Aktenregister CSV import: header mapping, row checks with a German reason per row, a preview of changes. */

import { parseCsv } from "./csv-parse.js";
import type { Person, RegisterEntry } from "./office.js";

export interface RegisterRowError {
  line: number;
  reason: string;
}

export interface RegisterChange {
  line: number;
  entry: RegisterEntry;
  /** new: not in the register yet; changed: different assignee, name or customer number; same: no change. */
  kind: "new" | "changed" | "same";
  previousAssignee: string | null;
}

export interface RegisterImportPreview {
  ok: boolean;
  /** Problems with the file as a whole (no header, unreadable). */
  fileError: string | null;
  changes: RegisterChange[];
  errors: RegisterRowError[];
}

type Column = "caseRef" | "customerNo" | "surname" | "assignee";

/** Header words accepted per column, lower-case, as offices name them in their exports. */
const HEADERS: Record<Column, string[]> = {
  caseRef: ["aktenzeichen", "az", "caseref"],
  customerNo: ["kundennummer", "kd.-nr.", "kdnr", "bg-nummer", "customerno"],
  surname: ["name", "nachname", "surname"],
  assignee: ["sachbearbeitung", "sachbearbeiter", "sachbearbeiterin", "kennung", "login", "assignee"],
};

function mapHeader(fields: string[]): Partial<Record<Column, number>> | string {
  const map: Partial<Record<Column, number>> = {};
  fields.forEach((raw, index) => {
    const word = raw.trim().toLowerCase();
    for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
      if (names.includes(word)) map[column] = index;
    }
  });
  if (map.caseRef === undefined) return "Spalte „Aktenzeichen“ fehlt in der Kopfzeile.";
  if (map.assignee === undefined) return "Spalte „Sachbearbeitung“ (Kennung) fehlt in der Kopfzeile.";
  return map;
}

function optional(value: string | undefined): string | null {
  const v = value?.trim() ?? "";
  return v === "" ? null : v;
}

function empty(fileError: string): RegisterImportPreview {
  return { ok: false, fileError, changes: [], errors: [] };
}

/** Reads the CSV against the current register and people; nothing is written here. */
export function previewRegisterImport(
  csv: string,
  register: readonly RegisterEntry[],
  people: readonly Person[],
): RegisterImportPreview {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return empty(`Zeile ${parsed.line}: ${parsed.reason}.`);
  const [header, ...rows] = parsed.records;
  if (header === undefined) return empty("Die Datei ist leer.");
  const map = mapHeader(header.fields);
  if (typeof map === "string") return empty(map);
  const current = new Map(register.map((e) => [e.caseRef.toUpperCase(), e]));
  const active = new Set(people.filter((p) => p.active).map((p) => p.login));
  const seen = new Map<string, number>();
  const changes: RegisterChange[] = [];
  const errors: RegisterRowError[] = [];
  for (const row of rows) {
    const at = (c: Column) => (map[c] === undefined ? null : optional(row.fields[map[c]]));
    const entry = {
      caseRef: at("caseRef") ?? "",
      customerNo: at("customerNo"),
      surname: at("surname"),
      assignee: at("assignee") ?? "",
    };
    const reason = checkRow(entry, active, seen.get(entry.caseRef.toUpperCase()));
    if (reason !== null) {
      errors.push({ line: row.line, reason });
      continue;
    }
    seen.set(entry.caseRef.toUpperCase(), row.line);
    const before = current.get(entry.caseRef.toUpperCase()) ?? null;
    changes.push({
      line: row.line,
      entry,
      kind: changeKind(before, entry),
      previousAssignee: before?.assignee ?? null,
    });
  }
  return { ok: errors.length === 0, fileError: null, changes, errors };
}

function checkRow(entry: RegisterEntry, active: Set<string>, earlierLine: number | undefined): string | null {
  if (entry.caseRef === "") return "Aktenzeichen fehlt.";
  if (entry.caseRef.length > 60) return "Aktenzeichen ist länger als 60 Zeichen.";
  if (earlierLine !== undefined) return `Aktenzeichen ${entry.caseRef} steht schon in Zeile ${earlierLine}.`;
  if (entry.assignee === "") return "Sachbearbeitung (Kennung) fehlt.";
  if (!active.has(entry.assignee)) return `Unbekannte oder deaktivierte Kennung „${entry.assignee}“.`;
  return null;
}

function changeKind(before: RegisterEntry | null, entry: RegisterEntry): RegisterChange["kind"] {
  if (before === null) return "new";
  const same =
    before.assignee === entry.assignee &&
    before.surname === entry.surname &&
    before.customerNo === entry.customerNo;
  return same ? "same" : "changed";
}
