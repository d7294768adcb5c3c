#!/usr/bin/env node
/**
 * Compiles the optional native JPEG decoder (src/pdf/native/jpeg-gray.c, a Node-API addon over the system's
 * libjpeg-turbo) to dist/native/jpeg-gray.node. Node-API is ABI-stable, so one build serves every Node and
 * Bun version; no node-gyp: one C file, one cc call, Node's own headers.
 *
 * Without a C compiler or libjpeg's headers (Debian: gcc, libjpeg62-turbo-dev) nothing is built and the QR
 * worker decodes JPEG pages with sharp instead: slower, same results. So by default a failed build warns and
 * exits 0 (npm ci must not fail for it); `--require` makes it exit 1, for CI.
 * Rebuilt only when the C file is newer than the addon.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(ROOT, "src/pdf/native/jpeg-gray.c");
export const NATIVE_JPEG_ADDON = join(ROOT, "dist/native/jpeg-gray.node");

function nodeIncludeDir() {
  const candidates = [join(dirname(process.execPath), "..", "include", "node"), "/usr/include/node"];
  const found = candidates.find((dir) => existsSync(join(dir, "node_api.h")));
  if (!found) throw new Error(`node_api.h not found (looked in ${candidates.join(", ")})`);
  return found;
}

function upToDate() {
  const built = statSync(NATIVE_JPEG_ADDON, { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= statSync(SOURCE).mtimeMs;
}

export function buildNativeJpeg() {
  if (upToDate()) return NATIVE_JPEG_ADDON;
  mkdirSync(dirname(NATIVE_JPEG_ADDON), { recursive: true });
  const tmp = `${NATIVE_JPEG_ADDON}.${process.pid}.tmp`;
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
        SOURCE,
        "-ljpeg",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    renameSync(tmp, NATIVE_JPEG_ADDON);
  } finally {
    rmSync(tmp, { force: true });
  }
  return NATIVE_JPEG_ADDON;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${buildNativeJpeg()}\n`);
  } catch (err) {
    const detail = err?.stderr?.toString().trim() || err?.message || String(err);
    process.stderr.write(
      `native JPEG decoder not built (needs a C compiler and libjpeg headers, Debian: gcc libjpeg62-turbo-dev); ` +
        `JPEG pages are decoded with sharp instead.\n${detail}\n`,
    );
    if (process.argv.includes("--require")) process.exitCode = 1;
  }
}
