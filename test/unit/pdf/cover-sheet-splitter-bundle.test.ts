import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the cover-sheet splitter module", () => {
  it("bundles without pdfjs-dist or @napi-rs/canvas, so the Worker does not carry the Node renderer", async () => {
    // As wrangler bundles src/runtime/worker.ts: esbuild follows static and literal dynamic imports.
    const result = await build({
      entryPoints: [`${root}src/pdf/cover-sheet-splitter.ts`],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      external: ["node:*", "sharp"],
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.includes("src/pdf/page-images.ts"))).toBe(true);
    expect(inputs.filter((file) => /pdfjs-dist|@napi-rs|render-page-pdfjs/.test(file))).toEqual([]);
  });
});
