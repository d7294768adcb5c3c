/** The Unicode font embedded in generated PDFs: pdf-lib's standard fonts cannot encode Ł, Ş or ğ (WinAnsi only). */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const SYSTEM_DIR = "/usr/share/fonts/truetype/dejavu";

export type FontWeight = "regular" | "bold";

const cache = new Map<FontWeight, Uint8Array>();

/** DejaVu Sans from Debian's fonts-dejavu-core, else from the npm package dejavu-fonts-ttf if installed. */
export function loadUnicodeFont(weight: FontWeight = "regular"): Uint8Array {
  const cached = cache.get(weight);
  if (cached) return cached;
  const file = weight === "bold" ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
  const candidates = [`${SYSTEM_DIR}/${file}`];
  try {
    candidates.push(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`));
  } catch {
    // not installed: the Debian font is the documented source (apt-get install fonts-dejavu-core)
  }
  for (const path of candidates) {
    try {
      const bytes = new Uint8Array(readFileSync(path));
      cache.set(weight, bytes);
      return bytes;
    } catch {
      // try the next location
    }
  }
  throw new Error(
    `Schrift ${file} nicht gefunden: apt-get install fonts-dejavu-core (gesucht: ${candidates.join(", ")})`,
  );
}
