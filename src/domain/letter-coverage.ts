/** Buchstabenzuständigkeit of one team over A–Z: which letters nobody has (gaps), and which two people share. */

import { normaliseLetters } from "./letter-key.js";
import { isInLetterRange } from "./match-letter-range.js";
import type { LetterRange } from "./office.js";

export interface CoverageSpan {
  /** First and last letter key of the span, shortened for display ("H", "KL"). */
  from: string;
  to: string;
}

export interface CoverageOverlap extends CoverageSpan {
  assignees: string[];
}

export interface CoverageReport {
  gaps: CoverageSpan[];
  overlaps: CoverageOverlap[];
  /** Bounds that fold to nothing (e.g. "1") or run backwards ("M"–"C"). */
  invalid: { range: LetterRange; reason: string }[];
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Three letters (17,576 cells) are finer than any office's split; longer bounds are judged at that depth. */
const MAX_DEPTH = 3;

function cellsOfDepth(depth: number): string[] {
  let cells = [""];
  for (let i = 0; i < depth; i++) cells = cells.flatMap((prefix) => [...ALPHABET].map((c) => prefix + c));
  return cells;
}

/** "HA".."OZ" reads as "H"–"O": trailing A on a start and trailing Z on an end add nothing. */
function shorten(cell: string, trailing: "A" | "Z"): string {
  let s = cell;
  while (s.length > 1 && s.endsWith(trailing)) s = s.slice(0, -1);
  return s;
}

function validate(range: LetterRange, umlautVariant: 1 | 2): string | null {
  const from = normaliseLetters(range.from, umlautVariant);
  const to = normaliseLetters(range.to, umlautVariant);
  if (from === "" || to === "") return "Grenze enthält keinen Buchstaben A–Z";
  if (from.slice(0, to.length) > to) return "Anfang liegt hinter dem Ende";
  return null;
}

/** Analyses the ranges of `teamId` (others are ignored) over A–Z, at the depth of the longest bound. */
export function analyseLetterCoverage(
  ranges: readonly LetterRange[],
  teamId: string,
  umlautVariant: 1 | 2 = 1,
): CoverageReport {
  const own = ranges.filter((r) => r.teamId === teamId);
  const invalid = own.flatMap((range) => {
    const reason = validate(range, umlautVariant);
    return reason === null ? [] : [{ range, reason }];
  });
  const valid = own.filter((r) => validate(r, umlautVariant) === null);
  const depth = Math.min(
    MAX_DEPTH,
    Math.max(
      1,
      ...valid.flatMap((r) => [r.from, r.to].map((b) => normaliseLetters(b, umlautVariant).length)),
    ),
  );
  const gaps: CoverageSpan[] = [];
  const overlaps: CoverageOverlap[] = [];
  let run: { start: string; end: string; owners: string } | null = null;
  const flush = () => {
    if (run === null) return;
    const span = { from: shorten(run.start, "A"), to: shorten(run.end, "Z") };
    if (run.owners === "") gaps.push(span);
    else overlaps.push({ ...span, assignees: run.owners.split(",") });
  };
  for (const cell of cellsOfDepth(depth)) {
    const owners = valid.filter((r) => isInLetterRange(cell, r, umlautVariant)).map((r) => r.assignee);
    const key = owners.length === 1 ? null : owners.join(",");
    if (run !== null && key === run.owners) {
      run.end = cell;
      continue;
    }
    flush();
    run = key === null ? null : { start: cell, end: cell, owners: key };
  }
  flush();
  return { gaps, overlaps, invalid };
}
