#!/usr/bin/env node
/**
 * Compiles the optional Node-API addons to dist/native/*.node:
 * - jpeg-gray (src/pdf/native/jpeg-gray.c, over the system's libjpeg-turbo): the QR worker's JPEG decoder.
 *   Without it, JPEG pages are decoded with sharp instead: slower, same results.
 * - durable-write (src/storage/native/durable-write.c, libc only): a blob put's create, write, fsync, rename and
 *   directory fsyncs as one thread-pool task. Without it, the blob store does the same through fs/promises.
 * Node-API is ABI-stable, so one build serves every Node and Bun version; no node-gyp: one C file, one cc call
 * each, Node's own headers.
 *
 * Without a C compiler (Debian: gcc) or libjpeg's headers (libjpeg62-turbo-dev) an addon is not built, and by
 * default that only warns and exits 0 (npm ci must not fail for it); `--require` makes it exit 1, for CI.
 * Each addon is rebuilt only when its C file is newer than it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const ADDONS = [
  {
    name: "jpeg-gray",
    source: "src/pdf/native/jpeg-gray.c",
    libs: ["-ljpeg"],
    without:
      "needs a C compiler and libjpeg headers, Debian: gcc libjpeg62-turbo-dev; JPEG pages are decoded with sharp instead",
  },
  {
    name: "durable-write",
    source: "src/storage/native/durable-write.c",
    libs: [],
    without: "needs a C compiler, Debian: gcc; blobs are written through fs/promises instead",
  },
];

export const NATIVE_JPEG_ADDON = join(ROOT, "dist/native/jpeg-gray.node");

function nodeIncludeDir() {
  const candidates = [join(dirname(process.execPath), "..", "include", "node"), "/usr/include/node"];
  const found = candidates.find((dir) => existsSync(join(dir, "node_api.h")));
  if (!found) throw new Error(`node_api.h not found (looked in ${candidates.join(", ")})`);
  return found;
}

function buildAddon({ name, source, libs }) {
  const out = join(ROOT, `dist/native/${name}.node`);
  const src = join(ROOT, source);
  const built = statSync(out, { throwIfNoEntry: false });
  if (built !== undefined && built.mtimeMs >= statSync(src).mtimeMs) return out;
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const cc = process.env.CC || "cc";
  try {
    execFileSync(
      cc,
      [
        "-O2",
        "-shared",
        "-fPIC",
        "-fvisibility=hidden",
        "-Wall",
        `-I${nodeIncludeDir()}`,
        "-o",
        tmp,
        src,
        ...libs,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return out;
}

export function buildNativeJpeg() {
  return buildAddon(ADDONS[0]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const addon of ADDONS) {
    try {
      process.stdout.write(`${buildAddon(addon)}\n`);
    } catch (err) {
      const detail = err?.stderr?.toString().trim() || err?.message || String(err);
      process.stderr.write(`native ${addon.name} not built (${addon.without}).\n${detail}\n`);
      if (process.argv.includes("--require")) process.exitCode = 1;
    }
  }
}
