/** Field labels in a subject line ("Az:", "Kd.-Nr.:", "Name:", "Art:") and the stretch of text each one governs. */

export type SubjectField = "caseRef" | "customerNo" | "surname" | "docType";

export const subjectFields: readonly SubjectField[] = ["caseRef", "customerNo", "surname", "docType"];

/** German name of each field, for problems a person reads. */
export const subjectFieldNames: Readonly<Record<SubjectField, string>> = {
  caseRef: "Aktenzeichen",
  customerNo: "Kundennummer",
  surname: "Name",
  docType: "Dokumentart",
};

/**
 * Spellings seen on terminals and in forwarded mails, matched case-insensitively. Longer spellings come first
 * within a group so that "Kd.-Nr." is not read as "Kd" followed by garbage.
 */
const labelPatterns: Readonly<Record<SubjectField, string>> = {
  caseRef: String.raw`aktenzeichen|aktenz\.?|akz\.?|az\.?`,
  customerNo: String.raw`kundennummer|kunden-?nr\.?|kd\.?[ -]?nr\.?|kd\.?|bg[ -]?nummer|bg[ -]?nr\.?`,
  surname: "nachname|familienname|name",
  docType: String.raw`dokumentart|dokumententyp|dokumenttyp|dok\.?[ -]?art|art`,
};

/**
 * A label is a word followed by a colon, not preceded by a letter or digit ("Vorname:" is not "Name:").
 * Any other "Word:" (AW:, WG:, Fwd:, Hinweis:) is recognised too, only so that it ends the previous value.
 */
const labelPattern = new RegExp(
  String.raw`(?<![\p{L}\p{M}\p{N}.\-])(?:` +
    subjectFields.map((field) => `(?<${field}>${labelPatterns[field]})`).join("|") +
    String.raw`|(?<other>\p{L}[\p{L}\p{M}\p{N}.\-]*))[ \t]*:`,
  "giu",
);

export interface LabeledSegment {
  /** null for a label that is not one of ours. */
  field: SubjectField | null;
  /** The label as written, including the colon. */
  label: string;
  /** The value stretch, from after the colon to the next label (positions in the normalised text). */
  start: number;
  end: number;
}

/** Every label in `text` with the stretch of text up to the next label; text before the first label is ignored. */
export function findLabeledSegments(text: string): LabeledSegment[] {
  const matches = [...text.matchAll(labelPattern)];
  return matches.map(function toSegment(match, position) {
    const start = (match.index ?? 0) + match[0].length;
    const next = matches[position + 1];
    return { field: fieldOf(match), label: match[0], start, end: next?.index ?? text.length };
  });
}

function fieldOf(match: RegExpMatchArray): SubjectField | null {
  return subjectFields.find((field) => match.groups?.[field] !== undefined) ?? null;
}
