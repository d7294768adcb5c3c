/** An NFC-normalised subject that still knows which part of the original string each of its characters came from. */

export interface NormalizedText {
  /** The subject in NFC. All positions below are positions in this string. */
  text: string;
  /** The part of the original (possibly NFD) subject that produced `text.slice(start, end)`. */
  originalSlice(start: number, end: number): string;
}

/** A base character with its combining marks: NFC composes within such a cluster only. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

/**
 * Normalises cluster by cluster, so that each normalised code unit maps back to the original cluster it came
 * from. Scripts whose composition spans clusters (Hangul conjoining jamo) fail the final check; then positions
 * refer to the normalised string itself, which is still correct, only no longer the caller's exact bytes.
 */
export function normalizeText(original: string): NormalizedText {
  const whole = original.normalize("NFC");
  const starts: number[] = [];
  const ends: number[] = [];
  let text = "";
  for (const cluster of original.matchAll(CLUSTER)) {
    const piece = cluster[0].normalize("NFC");
    const from = cluster.index ?? 0;
    for (let unit = 0; unit < piece.length; unit += 1) {
      starts.push(from);
      ends.push(from + cluster[0].length);
    }
    text += piece;
  }
  if (text !== whole) {
    return { text: whole, originalSlice: (start, end) => whole.slice(start, end) };
  }
  return {
    text,
    originalSlice: function originalSlice(start, end) {
      if (end <= start) return "";
      return original.slice(starts[start] ?? 0, ends[end - 1] ?? original.length);
    },
  };
}
