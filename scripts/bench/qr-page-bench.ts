/**
 * QR detection per page, in one thread: CPU ms a page (process CPU, so libvips' threads count too) and what
 * was found, for the worker's scanPageImage (current: JPEG first passes by the native libjpeg decoder; sharp:
 * the same scanner decoding with sharp, as where the addon is not built) against the former one (sharp resize
 * to 640 px, a second sharp call for the blank thumbnail, RGBA into zxing-wasm's readBarcodes), all measured
 * in this run.
 * Pages: the SMTP bench's 1-page scans (100 dpi JPEG) and every page of the degraded cover-sheet corpus.
 */
import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { readBarcodes } from "zxing-wasm/reader";
import { isBlank } from "../../src/pdf/blank-page.js";
import { inflateFlateTask } from "../../src/pdf/flate-image.js";
import { nativeJpegDecoder } from "../../src/pdf/native-jpeg.js";
import type { PageImageTask, PageScan } from "../../src/pdf/page-image-task.js";
import { extractPageImage } from "../../src/pdf/page-images.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { scanPageImage } from "../../src/pdf/scan-page-image.js";
import { type GrayImage, readQrCodes } from "../../src/pdf/zxing-node.js";
import { makeCoverSheetCorpus } from "../../test/fixtures/cover-sheets/make-corpus.js";
import { printTable } from "./bench-report.js";

type Scanner = (task: PageImageTask) => Promise<PageScan>;

interface Page {
  task: PageImageTask;
  group: string;
  sheet: boolean;
}

/** The former first pass and its blank test, as the worker ran them before (commit 8f66986). */
async function formerScan(task: PageImageTask): Promise<PageScan> {
  const first = await formerDecode(task, 640);
  const thumb = await formerResize(first, 160);
  if (isBlank(thumb)) return { texts: [], blank: true, attempt: 0 };
  const results = await readRgba(first, {
    tryHarder: true,
    tryRotate: false,
    tryInvert: false,
    tryDownscale: true,
    returnErrors: true,
    maxNumberOfSymbols: 4,
  });
  const texts = results.filter((r) => r.isValid).map((r) => r.text);
  if (texts.length > 0) return { texts, blank: false, attempt: 0 };
  // Later passes are the same in both and only run where a symbol was seen: left to the current scanner.
  if (results.length > 0) return scanPageImage(task);
  return { texts: [], blank: false, attempt: -1 };
}

async function formerDecode(given: PageImageTask, maxWidth: number): Promise<GrayImage> {
  // The former scanner got Flate pages inflated by the main thread; inflated here, so it is charged the same.
  const task = given.kind === "flate" ? inflateFlateTask(given) : given;
  if (!task) throw new Error("Flate page without a readable row");
  const input =
    task.kind === "raw"
      ? sharp(formerExpand(task), {
          raw: { width: task.width, height: task.height, channels: task.channels },
        })
      : sharp(task.bytes, { failOn: "none" });
  const { data, info } = await input
    .resize({ width: maxWidth, height: maxWidth * 2, fit: "inside", withoutEnlargement: true })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

async function formerResize(image: GrayImage, width: number): Promise<GrayImage> {
  if (image.width <= width) return image;
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .resize({ width })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

function formerExpand(task: Extract<PageImageTask, { kind: "raw" }>): Uint8Array {
  if (task.bitsPerComponent === 8) return task.inverted ? task.bytes.map((v) => 255 - v) : task.bytes;
  const out = new Uint8Array(task.width * task.height);
  const rowBytes = Math.ceil(task.width / 8);
  const [zero, one] = task.inverted ? [255, 0] : [0, 255];
  for (let y = 0; y < task.height; y++)
    for (let x = 0; x < task.width; x++)
      out[y * task.width + x] = (task.bytes[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? one : zero;
  return out;
}

let rgba = new Uint8ClampedArray(0);

async function readRgba(image: GrayImage, options: Record<string, unknown>) {
  await readQrCodes({ data: new Uint8Array(1), width: 1, height: 1 }, {}); // loads the module from node_modules
  if (rgba.length < image.width * image.height * 4)
    rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const view = rgba.subarray(0, image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4)
    view[j] = view[j + 1] = view[j + 2] = image.data[i]!;
  return readBarcodes(
    { data: view, width: image.width, height: image.height, colorSpace: "srgb" } as ImageData,
    {
      formats: ["QRCode"],
      ...options,
    },
  );
}

async function pagesOf(pdf: Uint8Array, group: (index: number) => string, sheets: number[] = []) {
  const doc = await PDFDocument.load(pdf);
  const pages: Page[] = [];
  for (let i = 0; i < doc.getPageCount(); i++) {
    const task = await extractPageImage(doc, i);
    if (task) pages.push({ task, group: group(i), sheet: sheets.includes(i) });
  }
  return pages;
}

interface Tally {
  pages: number;
  cpuMs: number;
  sheetsRead: number;
  sheets: number;
  blanks: number;
}

/** Runs each scanner over the pages in alternating rounds, so a busy machine slows both alike. */
async function measure(pages: Page[], scanners: Record<string, Scanner>, rounds: number) {
  const tallies = new Map<string, Tally>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, scan] of Object.entries(scanners)) {
      for (const page of pages) {
        const started = process.cpuUsage();
        const result = await scan(page.task);
        const used = process.cpuUsage(started);
        const key = `${name}\t${page.group}`;
        const t = tallies.get(key) ?? { pages: 0, cpuMs: 0, sheetsRead: 0, sheets: 0, blanks: 0 };
        t.pages++;
        t.cpuMs += (used.user + used.system) / 1000;
        if (page.sheet) t.sheets++;
        if (page.sheet && result.texts.some((text) => text.startsWith("PK1*"))) t.sheetsRead++;
        if (result.blank) t.blanks++;
        tallies.set(key, t);
      }
    }
  }
  return tallies;
}

const smtp = await pagesOf(await makeScanPdf({ pages: 8, seed: 1 }), () => "SMTP bench page (100 dpi JPEG)");
const corpus = await makeCoverSheetCorpus();
const corpusPages: Page[] = [];
for (const scan of corpus.scans)
  corpusPages.push(
    ...(await pagesOf(
      new Uint8Array(readFileSync(scan.file)),
      (i) => (scan.sheetPages.includes(i) ? "corpus: cover sheet" : "corpus: other page"),
      scan.sheetPages,
    )),
  );

const native = nativeJpegDecoder();
if (!native)
  process.stdout.write("native JPEG decoder not built (node scripts/build-native.mjs): current = sharp\n");
const scanners: Record<string, Scanner> = {
  former: formerScan,
  sharp: (task) => scanPageImage(task, null),
  current: (task) => scanPageImage(task, native),
};
// Warm-up: module loads and JIT, not measured.
await measure(smtp.slice(0, 4), scanners, 1);
const tallies = new Map([
  ...(await measure(smtp, scanners, 25)),
  ...(await measure(corpusPages, scanners, 1)),
]);

const rows: string[][] = [];
for (const [key, t] of tallies) {
  const [name, group] = key.split("\t") as [string, string];
  rows.push([
    group,
    name,
    String(t.pages),
    (t.cpuMs / t.pages).toFixed(2),
    t.sheets ? `${t.sheetsRead}/${t.sheets}` : "–",
    String(t.blanks),
  ]);
}
const order = Object.keys(scanners);
rows.sort((a, b) => a[0]!.localeCompare(b[0]!) || order.indexOf(a[1]!) - order.indexOf(b[1]!));
printTable(
  "QR detection per page, one thread (CPU ms incl. libvips threads)",
  ["pages", "scanner", "scans", "CPU ms/page", "sheets read", "blank"],
  rows,
);
const perPage = (name: string, group: string) => {
  const t = tallies.get(`${name}\t${group}`)!;
  return t.cpuMs / t.pages;
};
const g = "SMTP bench page (100 dpi JPEG)";
process.stdout.write(
  `SMTP page: former ${perPage("former", g).toFixed(2)} → sharp ${perPage("sharp", g).toFixed(2)} → current ${perPage("current", g).toFixed(2)} ms ` +
    `(${(perPage("sharp", g) / perPage("current", g)).toFixed(1)}× less CPU than sharp, ${(perPage("former", g) / perPage("current", g)).toFixed(1)}× than former)\n`,
);
