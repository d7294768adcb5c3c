/** Reading the value behind one subject label: where it ends, and whether it is clearly a valid value. */

import { canonicalDocType } from "./doc-types.js";
import { type SubjectField, subjectFieldNames } from "./subject-labels.js";

export interface FieldRules {
  caseRefPattern: RegExp;
  customerNoPattern: RegExp;
  docTypes: Record<string, string[]>;
}

/** Positions in the normalised subject. */
export interface Span {
  start: number;
  end: number;
}

export interface FieldValue {
  value: string;
  span: Span;
}

/** What one label occurrence yielded: its value (plus rival values written next to it), or why none. */
export interface Occurrence {
  values: FieldValue[];
  problem: string | null;
}

type PartReading = { ok: true; value: string } | { ok: false; problem: string };

/**
 * Where a value ends. "/" separates fields but is also part of the default Aktenzeichen "50-1234/2026", so for
 * the Aktenzeichen only a slash next to whitespace or at the end separates. A dash separates only with spaces
 * around it: "Müller-Lüdenscheidt" and "50-1234" stay whole.
 */
const separators: Readonly<Record<SubjectField, RegExp>> = {
  caseRef: /[;,|\r\n]|\s[-–—](?=\s|$)|\s\/|\/(?=\s|$)/gu,
  customerNo: /[;,|/\r\n]|\s[-–—](?=\s|$)/gu,
  surname: /[;,|/\r\n]|\s[-–—](?=\s|$)/gu,
  docType: /[;,|/\r\n]|\s[-–—](?=\s|$)/gu,
};

/** Letters of any script, combining marks, spaces, hyphens, apostrophes and dots ("St. John", "d’Alembert"). */
const surnamePattern = /^(?=.*\p{L})[\p{L}\p{M} '’ʼ`´.\-‐]+$/u;

/**
 * Reads the stretch after one label. Only the part before the first separator is the value ("Name: Müller,
 * Hans" → "Müller"). Other parts that are themselves valid values of the field are reported as rivals, so that
 * "Art: Kontoauszug / Lohnabrechnung" is ambiguous rather than silently a Kontoauszug. Surnames have no rivals:
 * any word could be a name.
 */
export function readOccurrence(
  text: string,
  segment: Span,
  field: SubjectField,
  rules: FieldRules,
): Occurrence {
  const [first, ...rest] = splitParts(text, segment, field);
  if (first === undefined || first.start === first.end) {
    return { values: [], problem: `${subjectFieldNames[field]} ohne Wert` };
  }
  const reading = readPart(field, text.slice(first.start, first.end), rules);
  if (!reading.ok) return { values: [], problem: reading.problem };
  const values: FieldValue[] = [{ value: reading.value, span: first }];
  if (field === "surname") return { values, problem: null };
  for (const part of rest) {
    if (part.start === part.end) continue;
    const rival = readPart(field, text.slice(part.start, part.end), rules);
    if (rival.ok) values.push({ value: rival.value, span: part });
  }
  return { values, problem: null };
}

function splitParts(text: string, segment: Span, field: SubjectField): Span[] {
  const stretch = text.slice(segment.start, segment.end);
  const parts: Span[] = [];
  let from = 0;
  for (const separator of stretch.matchAll(separators[field])) {
    const at = separator.index ?? 0;
    parts.push(trimSpan(stretch, from, at, segment.start));
    from = at + separator[0].length;
  }
  parts.push(trimSpan(stretch, from, stretch.length, segment.start));
  return parts;
}

function trimSpan(stretch: string, from: number, to: number, offset: number): Span {
  let start = from;
  let end = to;
  while (start < end && /\s/u.test(stretch.charAt(start))) start += 1;
  while (end > start && /\s/u.test(stretch.charAt(end - 1))) end -= 1;
  return { start: offset + start, end: offset + end };
}

function readPart(field: SubjectField, text: string, rules: FieldRules): PartReading {
  switch (field) {
    case "caseRef":
      return readFormatted(text, rules.caseRefPattern, [text, text.toUpperCase()], "Aktenzeichen");
    case "customerNo":
      return readFormatted(text, rules.customerNoPattern, customerNoCandidates(text), "Kundennummer");
    case "surname":
      return readSurname(text);
    case "docType":
      return readDocType(text, rules.docTypes);
  }
}

/** Case and digit grouping are only notation: "12345bg0012345" and "100 234" are accepted in normal form. */
function customerNoCandidates(text: string): string[] {
  const candidates = [text, text.toUpperCase()];
  if (/^\d+(?:\s\d+)+$/u.test(text)) candidates.push(text.replace(/\s/gu, ""));
  return candidates;
}

function readFormatted(text: string, pattern: RegExp, candidates: string[], name: string): PartReading {
  const whole = toWholeMatch(pattern);
  const value = candidates.find((candidate) => whole.test(candidate));
  if (value === undefined) return { ok: false, problem: `${name} "${text}" hat nicht das erwartete Format` };
  return { ok: true, value };
}

/** Configured patterns may lack anchors or carry g/y flags (stateful `test`); match whole values, statelessly. */
function toWholeMatch(pattern: RegExp): RegExp {
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ""));
}

function readSurname(text: string): PartReading {
  const value = text.replace(/\s+/gu, " ");
  if (!surnamePattern.test(value))
    return { ok: false, problem: `Name "${text}" enthält unerwartete Zeichen` };
  return { ok: true, value };
}

function readDocType(text: string, docTypes: Record<string, string[]>): PartReading {
  const canonical = canonicalDocType(text, docTypes);
  if (canonical === null) return { ok: false, problem: `Dokumentart "${text}" ist nicht bekannt` };
  return { ok: true, value: canonical };
}
