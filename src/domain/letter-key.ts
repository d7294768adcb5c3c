/** Surname → letter key for Buchstabenzuständigkeit: DIN 5007 normalisation, name particles, double names. */

import { type RoutingOptions, resolveRoutingOptions } from "./routing-options.js";

/** DIN 5007 variant 2 spells umlauts out; variant 1 drops the diaeresis (done by NFD below). */
const variant2Umlauts: Record<string, string> = { Ä: "AE", ä: "ae", Ö: "OE", ö: "oe", Ü: "UE", ü: "ue" };

/** Latin letters that Unicode does not decompose into base letter + mark, so NFD alone would lose them. */
const undecomposable: Record<string, string> = {
  ß: "SS",
  ẞ: "SS",
  Ł: "L",
  ł: "l",
  Ø: "O",
  ø: "o",
  Đ: "D",
  đ: "d",
  Ð: "D",
  ð: "d",
  Ħ: "H",
  ħ: "h",
  Þ: "TH",
  þ: "th",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
  ı: "i",
  Ŋ: "N",
  ŋ: "n",
};

const apostrophes = /['’‘`´ʼ]/g;
const hyphens = /[-‐‑‒–—]/;

/** Upper-case A–Z only: what remains of `text` after DIN 5007 folding; other characters are dropped. */
export function normaliseLetters(text: string, umlautVariant: 1 | 2): string {
  let s = text.normalize("NFC");
  if (umlautVariant === 2) s = s.replace(/[ÄäÖöÜü]/g, (c) => variant2Umlauts[c] ?? c);
  s = Array.from(s, (c) => undecomposable[c] ?? c).join("");
  s = s.normalize("NFD").replace(/\p{M}/gu, "");
  return s.toUpperCase().replace(/[^A-Z]/g, "");
}

/**
 * The key a surname is filed under. "Heide, von der" and "von der Heide" → "HEIDE" (particles skipped by
 * default); double names file under their first part ("Meyer-Lüdenscheidt" → "MEYER", "García Márquez" →
 * "GARCIA"); apostrophes vanish ("O'Neill" → "ONEILL"). Empty when nothing maps to A–Z.
 */
export function letterKey(surname: string, options?: Partial<RoutingOptions>): string {
  const opts = resolveRoutingOptions(options);
  const beforeComma = surname.split(",")[0] ?? "";
  const words = beforeComma
    .replace(apostrophes, "")
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const particles = new Set(opts.particles);
  let first = 0;
  while (first < words.length - 1 && particles.has((words[first] ?? "").toLowerCase())) first++;
  const leading = opts.skipParticles ? [] : words.slice(0, first);
  const main = (words[first] ?? "").split(hyphens).find((part) => part.length > 0) ?? "";
  return normaliseLetters([...leading, main].join(""), opts.umlautVariant);
}
