import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyring } from "../../../src/domain/cover-sheet-codec.js";
import { createCoverSheetSplitter } from "../../../src/pdf/cover-sheet-splitter.js";
import { createQrWorkerPool } from "../../../src/pdf/qr-worker-pool.js";
import { CORPUS_SECRET, type Corpus, makeCoverSheetCorpus } from "../../fixtures/cover-sheets/make-corpus.js";

const pool = createQrWorkerPool();
const splitter = createCoverSheetSplitter({ keyring: () => createKeyring(CORPUS_SECRET), pool: () => pool });
let corpus: Corpus;

beforeAll(async () => {
  corpus = await makeCoverSheetCorpus();
}, 600_000);
afterAll(() => pool.close());

describe("cover-sheet detection on a degraded scan corpus", () => {
  it("has at least 200 sheet pages and 300 content pages", () => {
    expect(corpus.sheetPageCount).toBeGreaterThanOrEqual(200);
    expect(corpus.contentPageCount).toBeGreaterThanOrEqual(300);
  });

  it("finds every sheet, mistakes no content page for one, and splits every scan correctly", async () => {
    const problems: string[] = [];
    let sheetsFound = 0;
    await Promise.all(
      corpus.scans.map(async (scan) => {
        const split = await splitter(new Uint8Array(readFileSync(scan.file)));
        if (!split.ok) return void problems.push(`${scan.file}: ${split.reason}`);
        const got = split.parts.map((p) => ({
          serial: /Deckblatt (\S+)/.exec(p.note ?? "")?.[1] ?? null,
          pages: p.pages,
          pageCountMismatch: p.flags.includes("seitenzahl-abweichend"),
        }));
        sheetsFound += split.parts.filter((p) => p.metadata?.source === "cover-sheet").length;
        if (JSON.stringify(got) !== JSON.stringify(scan.expected))
          problems.push(
            `${scan.file}: expected ${JSON.stringify(scan.expected)}, got ${JSON.stringify(got)}; ${JSON.stringify(scan.damage)}`,
          );
      }),
    );
    expect(problems).toEqual([]);
    expect(sheetsFound).toBe(corpus.sheetPageCount);
  }, 600_000);
});
