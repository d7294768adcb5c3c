/** Finds the letter range (Buchstabenzuständigkeit) of one team that covers a letter key. */

import { normaliseLetters } from "./letter-key.js";
import type { LetterRange } from "./office.js";

/**
 * from ≤ key, and key ≤ to on to's prefix, so "A"–"K" includes "KZZZ" and "KA"–"KL" includes "KLEIN".
 * Bounds go through the same folding as keys, so a range typed as "Ö" means "O" (v1) or "OE" (v2).
 */
export function isInLetterRange(key: string, range: LetterRange, umlautVariant: 1 | 2): boolean {
  if (key.length === 0) return false;
  const from = normaliseLetters(range.from, umlautVariant);
  const to = normaliseLetters(range.to, umlautVariant);
  return key >= from && key.slice(0, to.length) <= to;
}

/** The first range of `teamId` covering `key`; ranges of other teams never match. */
export function findLetterRange(
  key: string,
  ranges: readonly LetterRange[],
  teamId: string,
  umlautVariant: 1 | 2,
): LetterRange | null {
  return ranges.find((r) => r.teamId === teamId && isInLetterRange(key, r, umlautVariant)) ?? null;
}
