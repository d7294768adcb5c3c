/**
 * Hints on a document that a caseworker must see ("Hinweise"): the codes stored in `documents.flags` and
 * their German labels. One list, used by the splitter that writes them and the inbox that shows them.
 */

export const FLAG_PAGE_COUNT_MISMATCH = "seitenzahl-abweichend";
export const FLAG_BLANK_PAGES_DROPPED = "leerseiten-entfernt";
export const FLAG_SHEET_WITHOUT_DOCUMENT = "deckblatt-ohne-dokument";
export const FLAG_INVALID_SHEET = "deckblatt-ungueltig";
export const FLAG_POSSIBLE_DUPLICATE = "possible-duplicate";

export type DocumentFlag =
  | typeof FLAG_PAGE_COUNT_MISMATCH
  | typeof FLAG_BLANK_PAGES_DROPPED
  | typeof FLAG_SHEET_WITHOUT_DOCUMENT
  | typeof FLAG_INVALID_SHEET
  | typeof FLAG_POSSIBLE_DUPLICATE;

export const FLAG_LABELS: Readonly<Record<DocumentFlag, string>> = {
  [FLAG_PAGE_COUNT_MISMATCH]: "Seitenzahl weicht ab",
  [FLAG_BLANK_PAGES_DROPPED]: "Leere Seiten entfernt",
  [FLAG_SHEET_WITHOUT_DOCUMENT]: "Deckblatt ohne Dokument",
  [FLAG_INVALID_SHEET]: "Deckblatt ungültig",
  [FLAG_POSSIBLE_DUPLICATE]: "Mögliches Duplikat",
};

const FLAG_LABELS_EN: Readonly<Record<DocumentFlag, string>> = {
  [FLAG_PAGE_COUNT_MISMATCH]: "page count differs",
  [FLAG_BLANK_PAGES_DROPPED]: "blank pages removed",
  [FLAG_SHEET_WITHOUT_DOCUMENT]: "cover sheet without a document",
  [FLAG_INVALID_SHEET]: "invalid cover sheet",
  [FLAG_POSSIBLE_DUPLICATE]: "possible duplicate",
};

/** Codes an earlier version wrote (and the inbox bench still seeds); stored rows keep them. */
const LEGACY_FLAGS: Readonly<Record<string, DocumentFlag>> = {
  "page-count-mismatch": FLAG_PAGE_COUNT_MISMATCH,
  "cover-sheet-invalid": FLAG_INVALID_SHEET,
};

/** The current code for a stored one (legacy codes mapped), or the code unchanged when it is unknown. */
export function canonicalFlag(code: string): string {
  return LEGACY_FLAGS[code] ?? code;
}

/** German label (English for operators); an unknown code is shown as written rather than hidden. */
export function flagLabel(code: string, lang: "de" | "en" = "de"): string {
  const labels: Record<string, string> = lang === "en" ? FLAG_LABELS_EN : FLAG_LABELS;
  return labels[canonicalFlag(code)] ?? code;
}

/** Facts behind a flag, as the splitter saw them, in German and English: "3 angegeben, 2 gefunden". */
export interface FlagDetail {
  de: string;
  en: string;
}

export type FlagDetails = Partial<Record<string, FlagDetail>>;

export function pageCountDetail(declared: number, found: number): FlagDetail {
  return { de: `${declared} angegeben, ${found} gefunden`, en: `${declared} declared, ${found} found` };
}

export function blankPagesDetail(dropped: number): FlagDetail {
  return dropped === 1
    ? { de: "1 leere Seite", en: "1 blank page" }
    : { de: `${dropped} leere Seiten`, en: `${dropped} blank pages` };
}

/** "Seitenzahl weicht ab (3 angegeben, 2 gefunden)". */
export function describeFlag(code: string, detail?: FlagDetail, lang: "de" | "en" = "de"): string {
  const label = flagLabel(code, lang);
  return detail ? `${label} (${detail[lang]})` : label;
}
