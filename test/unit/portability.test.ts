import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// DESIGN.md: domain/ and ingest/ run unchanged on Node, Bun and Workers; only runtime/ and adapters differ.
const root = fileURLToPath(new URL("../..", import.meta.url));
const PORTABLE_DIRS = ["src/domain", "src/ingest"];

const FORBIDDEN_MODULES = [
  /^node:/,
  /^bun(:|$)/,
  /^cloudflare:/,
  /^(better-sqlite3|imapflow|nodemailer|mailparser|smtp-server|sharp|pino)(\/|$)/,
  /^drizzle-orm(\/|$)/,
  /^hono(\/|$)/,
  /^@hono\//,
  // Node built-ins imported without the node: prefix.
  /^(fs|path|os|net|tls|crypto|stream|buffer|child_process|worker_threads|url|util|events)(\/|$)/,
];

const RUNTIME_GLOBALS: [RegExp, string][] = [
  [/\bprocess\./, "process."],
  [/\bBun\./, "Bun."],
  [/\bDeno\./, "Deno."],
  [/\brequire\(/, "require("],
  [/\b__dirname\b/, "__dirname"],
  [/\b__filename\b/, "__filename"],
  [/\bBuffer\b/, "Buffer"],
];

/** Lists what makes a source file runtime-specific: forbidden imports and runtime globals (comments ignored). */
function findPortabilityViolations(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const found: string[] = [];
  const specifiers = code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`]+)["'`]/g);
  for (const [, spec] of specifiers) {
    if (spec && FORBIDDEN_MODULES.some((re) => re.test(spec))) found.push(`imports "${spec}"`);
  }
  for (const [re, name] of RUNTIME_GLOBALS) if (re.test(code)) found.push(`uses ${name}`);
  return found;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("portability guard", () => {
  it("finds no runtime-specific import or global in src/domain and src/ingest", () => {
    const violations = PORTABLE_DIRS.flatMap((dir) => listSources(join(root, dir))).flatMap((file) =>
      findPortabilityViolations(readFileSync(file, "utf8")).map((v) => `${relative(root, file)}: ${v}`),
    );
    expect(violations).toEqual([]);
  });

  it("catches driver imports, node: modules and runtime globals, but not words in comments", () => {
    const source = [
      'import { readFile } from "node:fs/promises";',
      'import Database from "better-sqlite3";',
      'import { eq } from "drizzle-orm";',
      'const sharp = await import("sharp");',
      "const dir = __dirname + process.env.HOME;",
      "const bytes = Buffer.from('x');",
      "// Buffer and process.env are fine in a comment",
      'import { routeDocument } from "../domain/route-document.js";',
    ].join("\n");
    expect(findPortabilityViolations(source)).toEqual([
      'imports "node:fs/promises"',
      'imports "better-sqlite3"',
      'imports "drizzle-orm"',
      'imports "sharp"',
      "uses process.",
      "uses __dirname",
      "uses Buffer",
    ]);
  });
});
