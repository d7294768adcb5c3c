#!/usr/bin/env node
// The `postkorb` command: runs the CLI compiled to JavaScript (scripts/build.mjs), rebuilding first when a
// source changed since the last build, so an edit to src/ is never run stale. Without esbuild (or without a
// writable dist/), it runs the TypeScript through tsx as before, at ~36 MB more RSS for tsx's loader thread.
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { currentBuild } from "./build.mjs";

/** A fresh build's directory, or null to run the sources through tsx. */
function build() {
  const fresh = currentBuild();
  if (fresh) return fresh;
  // In a child process: esbuild's module and service process stay out of this one's memory.
  const script = fileURLToPath(new URL("./build.mjs", import.meta.url));
  const result = spawnSync(process.execPath, [script], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status === 0) return result.stdout.trim();
  if (result.status === 1) {
    // A compile error: tsx would stop at the same line, so say where and stop.
    process.stderr.write(`postkorb: ${result.stderr}`);
    process.exit(1);
  }
  const reason = (result.stderr || String(result.error ?? `exit ${result.status}`)).split("\n")[0];
  process.stderr.write(`postkorb: running the sources through tsx (${reason})\n`);
  return null;
}

const dir = build();
if (dir) {
  await import(pathToFileURL(`${dir}/scripts/cli/main.js`).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./cli/main.ts");
}
