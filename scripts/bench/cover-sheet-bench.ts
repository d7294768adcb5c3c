/**
 * Cover sheets: pages/s for detect + split + stamp on the degraded corpus, against poppler's pdftoppm -r150 -gray
 * + zbarimg on the same pages (both on all cores), detection rates of both, and peak RSS for a 400-page 300 dpi
 * scan (in a child process, so the figure is that run's alone).
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createKeyring } from "../../src/domain/cover-sheet-codec.js";
import { createCoverSheetSplitter } from "../../src/pdf/cover-sheet-splitter.js";
import { createQrWorkerPool } from "../../src/pdf/qr-worker-pool.js";
import { createReceiptStamper } from "../../src/pdf/stamp-receipt.js";
import { loadUnicodeFont } from "../../src/pdf/unicode-font.js";
import {
  CORPUS_SECRET,
  type CorpusScan,
  makeCoverSheetCorpus,
} from "../../test/fixtures/cover-sheets/make-corpus.js";
import { printTable } from "./bench-report.js";

const run = promisify(execFile);
const lanes = availableParallelism();

async function inLanes<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function benchPostkorb(scans: CorpusScan[]) {
  const pool = createQrWorkerPool();
  const split = createCoverSheetSplitter({ keyring: () => createKeyring(CORPUS_SECRET), pool: () => pool });
  const stamp = createReceiptStamper({
    officeName: "Amt für Soziales und Wohnen",
    timeZone: "Europe/Berlin",
    font: loadUnicodeFont,
  });
  let found = 0;
  let pages = 0;
  const started = performance.now();
  // Scans one after another, as the processor takes mails; the pool spreads each scan's pages over the cores.
  for (const scan of scans) {
    const result = await split(new Uint8Array(readFileSync(scan.file)));
    if (!result.ok) throw new Error(result.reason);
    for (const part of result.parts) {
      if (part.metadata?.source === "cover-sheet") found++;
      await stamp(part, { receivedAt: new Date(), documentId: "01KAVZ7B5Q00000000K3M9QXTA" });
    }
    pages += scan.sheetPages.length + scan.contentPages + countBlanks(scan);
  }
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { pages, seconds, found };
}

function countBlanks(scan: CorpusScan): number {
  const used = scan.expected.reduce((n, p) => n + p.pages.length, 0);
  const last = Math.max(...scan.expected.flatMap((p) => p.pages), ...scan.sheetPages);
  return last + 1 - used - scan.sheetPages.length;
}

async function benchBaseline(scans: CorpusScan[]) {
  let found = 0;
  let pages = 0;
  const started = performance.now();
  await inLanes(scans, async (scan) => {
    const dir = mkdtempSync(join(tmpdir(), "pk-baseline-"));
    try {
      await run("pdftoppm", ["-r", "150", "-gray", scan.file, join(dir, "p")]);
      const files = readdirSync(dir).map((f) => join(dir, f));
      pages += files.length;
      const out = await run("zbarimg", ["--nodbus", "-q", "--raw", ...files], { maxBuffer: 1 << 24 }).catch(
        (err: { stdout?: string }) => ({ stdout: err.stdout ?? "" }), // exit 4 = no symbol in some file
      );
      found += out.stdout.split("\n").filter((line) => line.startsWith("PK1*")).length;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return { pages, seconds: (performance.now() - started) / 1000, found };
}

/** `make` runs the generators from the sources (tsx); `measure` runs compiled, as the service does (no tsx). */
function peakRss(): string {
  const file = join(tmpdir(), "postkorb-400-pages-300dpi.pdf");
  const source = fileURLToPath(new URL("./cover-sheet-rss.ts", import.meta.url));
  const build = spawnSync(process.execPath, [fileURLToPath(new URL("../build.mjs", import.meta.url))], {
    encoding: "utf8",
  });
  if (build.status !== 0) return `build failed: ${build.stderr.slice(-300)}`;
  const compiled = join(build.stdout.trim(), "scripts/bench/cover-sheet-rss.js");
  try {
    for (const args of [
      ["--import", "tsx", source, "make"],
      [compiled, "measure"],
    ]) {
      const result = spawnSync(process.execPath, [...args, file], { encoding: "utf8" });
      if (result.status !== 0) return `failed: ${result.stderr.slice(-300)}`;
      if (args.includes("measure")) return result.stdout.trim();
    }
    return "";
  } finally {
    rmSync(file, { force: true });
  }
}

const corpus = await makeCoverSheetCorpus();
const ours = await benchPostkorb(corpus.scans);
const base = await benchBaseline(corpus.scans);
const rate = (r: { pages: number; seconds: number }) => r.pages / r.seconds;
const pct = (found: number) => `${((100 * found) / corpus.sheetPageCount).toFixed(1)} %`;
printTable(
  `Cover sheets on ${corpus.scans.length} scans (${corpus.sheetPageCount} sheets, ${corpus.contentPageCount} content pages), ${lanes} cores`,
  ["pipeline", "pages", "seconds", "pages/s", "sheets found"],
  [
    [
      "postkorb detect+split+stamp",
      String(ours.pages),
      ours.seconds.toFixed(1),
      rate(ours).toFixed(1),
      pct(ours.found),
    ],
    [
      "pdftoppm -r150 -gray + zbarimg",
      String(base.pages),
      base.seconds.toFixed(1),
      rate(base).toFixed(1),
      pct(base.found),
    ],
  ],
);
process.stdout.write(`ratio postkorb / baseline: ${(rate(ours) / rate(base)).toFixed(2)}×\n`);
process.stdout.write(`400-page 300 dpi scan: ${peakRss()}\n`);
