/**
 * The directory holding Postkorb's package.json. Files that are not compiled (drizzle/ migrations, the
 * inbox's static assets) are found from it, so the same module works from src/ (tsx, vitest) and from a
 * build under dist/.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let found: string | undefined;

export function packageRoot(): string {
  if (found) return found;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "postkorb") {
        found = dir;
        return dir;
      }
    } catch {
      // No package.json here (or not JSON): keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`postkorb's package.json not found above ${import.meta.url}`);
    dir = parent;
  }
}
