#!/usr/bin/env node
/**
 * Transpiles the TypeScript that runs in production (src/, the CLI, the demo and the benchmarks) to JavaScript
 * under dist/, one .js file per source file, so Node runs it without tsx (whose loader thread costs ~36 MB RSS
 * in each process and QR worker).
 *
 * Builds are content-addressed: dist/<key>/ where the key hashes the source list with each file's size and
 * mtime (a few ms of stat calls, no reads). A build is written to a temporary directory and renamed into place
 * whole, so a process never sees half a build; two processes building at once produce the same directory and
 * the second rename simply loses. A running service keeps importing its lazy modules from its own build even
 * after a newer one appears. dist/current links to the newest build, for people and scripts.
 *
 * `node scripts/build.mjs [--outdir DIR] [--root DIR]` builds if needed and prints the build's directory (absolute); it
 * exits 1 on compile errors and 2 when it cannot build at all (no esbuild, dist/ not writable).
 */
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_OUTDIR = join(ROOT, "dist");
/** Folders transpiled, relative to the package root; their layout is kept (dist/<key>/src/…, …/scripts/cli/…). */
export const SOURCE_DIRS = ["src", "scripts/cli", "scripts/demo", "scripts/bench"];
/** Files that change the output without being sources: this script, and the root's tsconfig.json. */
const configFiles = (root) => [fileURLToPath(import.meta.url), join(root, "tsconfig.json")];
/** Builds running in this process: esbuild's service is stopped when the last one ends. */
let running = 0;
/** Builds kept besides the newest: long-running processes may still import lazily from them. */
const KEEP_OLD_BUILDS = 3;

const isSource = (name) => /\.tsx?$/.test(name) && !name.endsWith(".d.ts");

function listSources(root) {
  const files = [];
  const walk = (dir) => {
    if (!existsSync(join(root, dir))) return;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && isSource(entry.name)) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return files.sort();
}

/** The build key for the sources as they are on disk now: changes with any edit, addition or removal. */
export function sourceKey(root = ROOT) {
  const hash = createHash("sha256");
  for (const file of [...configFiles(root), ...listSources(root).map((f) => join(root, f))]) {
    const s = statSync(file, { throwIfNoEntry: false });
    hash.update(`${file}\0${s?.size}\0${s?.mtimeMs}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** The directory of a build of the current sources, or null when there is none yet. */
export function currentBuild({ root = ROOT, outdir = DEFAULT_OUTDIR } = {}) {
  const dir = join(outdir, sourceKey(root));
  return existsSync(dir) ? dir : null;
}

/**
 * Returns the directory of a build of the current sources, building it first when there is none. Throws when
 * esbuild cannot be loaded (`err.code === "ERR_MODULE_NOT_FOUND"`) and on compile errors (`err.errors`).
 */
export async function ensureBuild({ root = ROOT, outdir = DEFAULT_OUTDIR } = {}) {
  // The key is taken before the sources are read: a file edited during the build makes the next start rebuild.
  const key = sourceKey(root);
  const dir = join(outdir, key);
  if (existsSync(dir)) return dir;
  const { build, stop } = await import("esbuild");
  mkdirSync(outdir, { recursive: true });
  running++;
  const tmp = join(outdir, `.tmp-${key}-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await build({
      absWorkingDir: root,
      entryPoints: listSources(root),
      outdir: tmp,
      outbase: ".",
      bundle: false,
      format: "esm",
      platform: "node",
      target: "node20",
      // As tsconfig.json: hono's JSX runtime.
      jsx: "automatic",
      jsxImportSource: "hono/jsx",
      sourcemap: "linked",
      sourcesContent: false,
      logLevel: "silent",
    });
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another process renamed the same build into place first: theirs is as good as ours.
      if (!existsSync(dir)) throw err;
    }
  } finally {
    // esbuild's service process would otherwise live (and hold ~70 MB) as long as this process.
    if (--running === 0) await stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  linkCurrent(outdir, key);
  pruneOldBuilds(outdir, key);
  return dir;
}

/** dist/current → the newest build, swapped atomically (a new link renamed over the old). */
function linkCurrent(outdir, key) {
  const link = join(outdir, "current");
  const tmp = join(outdir, `.current-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    symlinkSync(key, tmp, "dir");
    renameSync(tmp, link);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {}
  }
}

function pruneOldBuilds(outdir, key) {
  // Marks the build as the newest even when it was already on disk (its mtime is that of its rename).
  const now = new Date();
  utimesSync(join(outdir, key), now, now);
  const builds = readdirSync(outdir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{16}$/.test(e.name) && e.name !== key)
    .map((e) => ({ name: e.name, mtime: statSync(join(outdir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(KEEP_OLD_BUILDS)) {
    rmSync(join(outdir, old.name), { recursive: true, force: true });
  }
  // Temporary directories of builds that died half-way (an hour is far longer than any build).
  for (const e of readdirSync(outdir, { withFileTypes: true })) {
    if (!e.name.startsWith(".tmp-")) continue;
    const path = join(outdir, e.name);
    if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}

function formatBuildError(err) {
  if (!Array.isArray(err?.errors)) return String(err?.stack ?? err);
  return err.errors
    .map((e) =>
      e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text,
    )
    .join("\n");
}

export { formatBuildError };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? resolve(process.argv[at + 1]) : fallback;
  };
  try {
    const dir = await ensureBuild({
      root: option("--root", ROOT),
      outdir: option("--outdir", DEFAULT_OUTDIR),
    });
    process.stdout.write(`${dir}\n`);
  } catch (err) {
    const compile = Array.isArray(err?.errors);
    process.stderr.write(
      compile ? `build failed:\n${formatBuildError(err)}\n` : `cannot build: ${err?.message ?? err}\n`,
    );
    process.exitCode = compile ? 1 : 2;
  }
}
