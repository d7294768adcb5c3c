/** Reads Aktenzeichen, Kundennummer, Name and Dokumentart from a scan mail's subject line, without guessing. */

import { defaultDocTypes } from "./doc-types.js";
import type { DocumentMetadata } from "./metadata.js";
import { type FieldValue, type Occurrence, readOccurrence } from "./subject-fields.js";
import {
  findLabeledSegments,
  type SubjectField,
  subjectFieldNames,
  subjectFields,
} from "./subject-labels.js";
import { type NormalizedText, normalizeText } from "./subject-text.js";

export interface SubjectParserOptions {
  /** Whole-value format of an Aktenzeichen. */
  caseRefPattern: RegExp;
  /** Whole-value format of a Kundennummer or BG-Nummer. */
  customerNoPattern: RegExp;
  /** Canonical document type → synonyms (compared case-insensitively). Replaces the defaults, does not extend them. */
  docTypes: Record<string, string[]>;
}

export const defaultSubjectParserOptions: SubjectParserOptions = Object.freeze({
  caseRefPattern: /^\d{2,3}-\d{1,6}\/\d{4}$/,
  customerNoPattern: /^(\d{5,10}|\d{5}BG\d{7})$/,
  docTypes: defaultDocTypes,
});

export interface ParsedField {
  value: string;
  /** The exact substring of the subject (as passed in, before NFC) that produced `value`; the label is not part of it. */
  matched: string;
}

export interface ParsedSubject {
  caseRef: ParsedField | null;
  customerNo: ParsedField | null;
  surname: ParsedField | null;
  /** value = canonical document type name. */
  docType: ParsedField | null;
  /** German notes for fields that were present but rejected, for the person working the triage queue. */
  problems: string[];
}

/**
 * Canonical form `Scan Az: <caseRef>; Kd: <customerNo>; Name: <surname>; Art: <docType>`; any field may be
 * missing, labels vary, order is free, and `;` `,` `|` `/` newlines or spaces separate. A field is read only
 * behind its label and only when its value is clearly valid; otherwise it is null, with a problem when a label
 * was there. Reply and forward prefixes (AW:, WG:, RE:, Fwd:) and unlabelled text are ignored.
 */
export function parseSubject(subject: string, options: Partial<SubjectParserOptions> = {}): ParsedSubject {
  const rules = resolveOptions(options);
  const text = normalizeText(subject);
  const segments = findLabeledSegments(text.text);
  const parsed: ParsedSubject = {
    caseRef: null,
    customerNo: null,
    surname: null,
    docType: null,
    problems: [],
  };
  for (const field of subjectFields) {
    const occurrences = segments
      .filter((segment) => segment.field === field)
      .map((segment) => readOccurrence(text.text, segment, field, rules));
    parsed[field] = decideField(field, occurrences, text, parsed.problems);
  }
  return parsed;
}

/** Convenience: to the shared metadata shape (source "subject" if any field was read, else "none"). */
export function toSubjectMetadata(parsed: ParsedSubject): DocumentMetadata {
  const metadata = {
    caseRef: parsed.caseRef?.value ?? null,
    customerNo: parsed.customerNo?.value ?? null,
    surname: parsed.surname?.value ?? null,
    docType: parsed.docType?.value ?? null,
  };
  const anyField = Object.values(metadata).some((value) => value !== null);
  return { ...metadata, source: anyField ? "subject" : "none" };
}

function resolveOptions(options: Partial<SubjectParserOptions>): SubjectParserOptions {
  return {
    caseRefPattern: options.caseRefPattern ?? defaultSubjectParserOptions.caseRefPattern,
    customerNoPattern: options.customerNoPattern ?? defaultSubjectParserOptions.customerNoPattern,
    docTypes: options.docTypes ?? defaultSubjectParserOptions.docTypes,
  };
}

/**
 * One value, however often written, is the field. Two different values (two labels, or rivals behind one label)
 * leave it null: choosing one would be a guess. Problems of rejected occurrences are reported either way, each once.
 */
function decideField(
  field: SubjectField,
  occurrences: Occurrence[],
  text: NormalizedText,
  problems: string[],
): ParsedField | null {
  for (const problem of new Set(occurrences.flatMap((occurrence) => occurrence.problem ?? []))) {
    problems.push(problem);
  }
  const values: FieldValue[] = occurrences.flatMap((occurrence) => occurrence.values);
  const distinct = [...new Set(values.map((candidate) => candidate.value))];
  const [first] = values;
  if (first === undefined) return null;
  if (distinct.length > 1) {
    const listed = distinct.map((value) => `"${value}"`).join(", ");
    problems.push(`${subjectFieldNames[field]} mehrdeutig: ${listed}`);
    return null;
  }
  return { value: first.value, matched: text.originalSlice(first.span.start, first.span.end) };
}
