/**
 * Child of cover-sheet-bench.ts. `make <file>`: writes a 400-page 300 dpi scan with cover sheets, every other
 * content page a Flate-compressed gray image (half of them with PNG predictors) as flatbed scanners write
 * lossless scans; `measure <file>`: splits and stamps it and prints time, sheets found and peak RSS (a process
 * of its own, so the peak is that run's alone). Flate pages inflate to ~9 MB each, so the RSS shows whether
 * the workers decode them without holding whole pages. Exits 1 when a sheet is missed.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { PDFDocument, type PDFRef } from "pdf-lib";
import { createKeyring } from "../../src/domain/cover-sheet-codec.js";
import { createStreamingCoverSheetSplitter } from "../../src/pdf/cover-sheet-splitter.js";
import { createQrWorkerPool } from "../../src/pdf/qr-worker-pool.js";
import { createReceiptStamper } from "../../src/pdf/stamp-receipt.js";
import { loadUnicodeFont } from "../../src/pdf/unicode-font.js";

// `make` alone loads the scan and corpus generators (sharp, fonts, qrcode): `measure` imports what the
// pipeline does, so its peak RSS is the pipeline's and not the generators'.
const generators = () =>
  Promise.all([
    import("sharp"),
    import("../../src/pdf/sample-scan.js"),
    import("../../test/fixtures/cover-sheets/make-corpus.js"),
  ]);

const A4_PT: [number, number] = [595.28, 841.89];
const DPI = 300;

const [mode, file] = process.argv.slice(2) as [string, string];
if (mode === "make") writeFileSync(file, await makeBigScan());
// A Buffer is a Uint8Array: no second copy of the 70 MB scan (the pipeline holds one, from the mail parser).
else await measure(readFileSync(file));

/** Written into the PDF's Subject by `make`, read back by `measure`. */
interface Expectation {
  sheets: number;
  flatePages: number;
  /** The test corpus's cover-sheet secret the sheets are signed with. */
  secret: string;
}

async function makeBigScan(): Promise<Uint8Array> {
  const [{ default: sharp }, { buildPageSvg, makeScanPdf, SCAN_PAGE_VARIANTS }, corpusModule] =
    await generators();
  const { CORPUS_SECRET, makeCoverSheetCorpus } = corpusModule;
  const flatePageOf = (cache: Map<string, Uint8Array>, variant: number, predictor: boolean) =>
    flatePage(cache, variant, predictor, (seed, width, height) =>
      sharp(Buffer.from(buildPageSvg(seed, width, height)))
        .flatten({ background: "#ffffff" })
        .toColourspace("b-w")
        .raw()
        .toBuffer(),
    );
  // 395 content pages at 300 dpi with the first corpus scan's sheets (mixed dpi) spread through them.
  const content = await PDFDocument.load(await makeScanPdf({ pages: 395, dpi: DPI, seed: 11 }));
  const corpus = await makeCoverSheetCorpus();
  const sheets = await PDFDocument.load(readFileSync(corpus.scans[1]!.file));
  const out = await PDFDocument.create();
  const flate = new Map<string, Uint8Array>();
  let sheetIndex = 0;
  let flatePages = 0;
  for (let i = 0; i < 395; i++) {
    if (i % 79 === 0 && sheetIndex < corpus.scans[1]!.sheetPages.length) {
      const [page] = await out.copyPages(sheets, [corpus.scans[1]!.sheetPages[sheetIndex++]!]);
      out.addPage(page!);
    }
    if (i % 2 === 1) {
      addFlatePage(out, await flatePageOf(flate, i % SCAN_PAGE_VARIANTS, i % 4 === 1));
      flatePages++;
      continue;
    }
    const [page] = await out.copyPages(content, [i]);
    out.addPage(page!);
  }
  const expectation: Expectation = { sheets: sheetIndex, flatePages, secret: CORPUS_SECRET };
  out.setSubject(JSON.stringify(expectation));
  return out.save({ useObjectStreams: false });
}

interface FlatePage {
  encoded: Uint8Array;
  width: number;
  height: number;
  predictor: boolean;
}

/** A lossless 300 dpi gray page: Flate, plain or with PNG "Up" predictors (encoded once per variant). */
async function flatePage(
  cache: Map<string, Uint8Array>,
  variant: number,
  predictor: boolean,
  draw: (seed: number, width: number, height: number) => Promise<Uint8Array>,
): Promise<FlatePage> {
  const width = Math.round((210 / 25.4) * DPI);
  const height = Math.round((297 / 25.4) * DPI);
  const key = `${variant}:${predictor}`;
  let encoded = cache.get(key);
  if (!encoded) {
    const gray = await draw(0x5ca9 + variant * 7919, width, height);
    encoded = new Uint8Array(deflateSync(predictor ? pngUpRows(gray, width) : gray));
    cache.set(key, encoded);
  }
  return { encoded, width, height, predictor };
}

/** Each page its own image XObject, drawn over the whole page. */
function addFlatePage(out: PDFDocument, { encoded, width, height, predictor }: FlatePage): void {
  const image: PDFRef = out.context.register(
    out.context.stream(encoded, {
      Type: "XObject",
      Subtype: "Image",
      Width: width,
      Height: height,
      ColorSpace: "DeviceGray",
      BitsPerComponent: 8,
      Filter: "FlateDecode",
      ...(predictor
        ? { DecodeParms: { Predictor: 12, Colors: 1, BitsPerComponent: 8, Columns: width } }
        : {}),
    }),
  );
  const page = out.addPage(A4_PT);
  const name = page.node.newXObject("Scan", image);
  const draw = `q ${A4_PT[0]} 0 0 ${A4_PT[1]} 0 0 cm ${name.asString()} Do Q`;
  page.node.addContentStream(out.context.register(out.context.stream(draw)));
}

/** PNG filter type 2 (Up) on every row: a filter byte, then each byte minus the one above it. */
function pngUpRows(gray: Uint8Array, width: number): Uint8Array {
  const rows = gray.length / width;
  const out = new Uint8Array(rows * (width + 1));
  for (let r = 0; r < rows; r++) {
    out[r * (width + 1)] = 2;
    for (let x = 0; x < width; x++) {
      const above = r > 0 ? gray[(r - 1) * width + x]! : 0;
      out[r * (width + 1) + 1 + x] = (gray[r * width + x]! - above) & 0xff;
    }
  }
  return out;
}

/**
 * Page count and what `make` wrote down, found by byte search in the file `make` wrote (pdf-lib, no object
 * streams): a full parse here would leave garbage that counts towards the measured peak.
 */
async function readExpectation(pdf: Buffer): Promise<{ pages: number; expected: Partial<Expectation> }> {
  const subject = pdfStringAfter(pdf, "/Subject");
  const expected = JSON.parse(subject ?? "{}") as Partial<Expectation>;
  // A scan made before the secret was written down: take it from the corpus module (from the sources only:
  // the build holds no test fixtures, so a compiled run needs a scan made since).
  expected.secret ??= (await import("../../test/fixtures/cover-sheets/make-corpus.js")).CORPUS_SECRET;
  return { pages: pageCount(pdf), expected };
}

/** The page tree root's /Count: the largest /Count in the file (a scan has no outlines, which count too). */
function pageCount(pdf: Buffer): number {
  let pages = 0;
  for (let at = pdf.indexOf("/Count"); at >= 0; at = pdf.indexOf("/Count", at + 6)) {
    const n = /^\s*(\d+)/.exec(pdf.toString("latin1", at + 6, at + 20));
    if (n) pages = Math.max(pages, Number(n[1]));
  }
  return pages;
}

/** The hex string after `key` (its first occurrence), UTF-16BE with a BOM as pdf-lib's setSubject writes it. */
function pdfStringAfter(pdf: Buffer, key: string): string | null {
  const at = pdf.indexOf(`${key} <`);
  if (at < 0) return null;
  const hex = pdf.toString("latin1", at + key.length + 2, pdf.indexOf(">", at)).replace(/\s/g, "");
  const bytes = Buffer.from(hex, "hex");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return bytes.toString("latin1");
}

/** rss (whole process, QR workers included) and the main isolate's share of it, in MB. */
function memory(): string {
  const m = process.memoryUsage();
  const mb = (n: number) => (n / 1048576).toFixed(0);
  return `rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})`;
}

async function measure(pdf: Buffer): Promise<void> {
  const { pages, expected } = await readExpectation(pdf);
  const secret = expected.secret!;
  const pool = createQrWorkerPool(Number(process.env.QR_N ?? 2));
  const split = createStreamingCoverSheetSplitter({ keyring: () => createKeyring(secret), pool: () => pool });
  const stamp = createReceiptStamper({ officeName: "Amt", timeZone: "Europe/Berlin", font: loadUnicodeFont });
  const stages = [`read: ${memory()}`];
  const started = performance.now();
  // As build-documents.ts: the pages are read and the split planned, then each part is cut, stamped and
  // dropped before the next.
  const result = await split(pdf);
  if (!result.ok) throw new Error(result.reason);
  stages.push(`pages read: ${memory()}`);
  let documents = 0;
  let found = 0;
  for await (const part of result.parts) {
    await stamp(part, { receivedAt: new Date(), documentId: "01KAVZ7B5Q00000000K3M9QXTA" });
    documents++;
    if (part.metadata?.source === "cover-sheet") found++;
  }
  const seconds = (performance.now() - started) / 1000;
  stages.push(`stamped: ${memory()}`);
  await pool.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${pages} pages (${(pdf.length / 1e6).toFixed(0)} MB PDF, ${expected.flatePages ?? "?"} Flate), ` +
      `${documents} documents, ${found}/${expected.sheets ?? "?"} sheets found, ` +
      `${seconds.toFixed(1)} s, ${(pages / seconds).toFixed(1)} pages/s, ` +
      `peak RSS ${peakMb.toFixed(0)} MB\n`,
  );
  if (process.env.BENCH_MEMORY) process.stdout.write(`${stages.map((s) => `  ${s}\n`).join("")}`);
  if (expected.sheets !== undefined && found !== expected.sheets) {
    process.stderr.write(`missed sheets: ${found} of ${expected.sheets} found\n`);
    process.exitCode = 1;
  }
}
