/**
 * Child of cover-sheet-bench.ts. `make <file>`: writes a 400-page 300 dpi scan with cover sheets; `measure <file>`:
 * splits and stamps it and prints time and peak RSS (a process of its own, so the peak is that run's alone).
 */

import { readFileSync, writeFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { createKeyring } from "../../src/domain/cover-sheet-codec.js";
import { createCoverSheetSplitter } from "../../src/pdf/cover-sheet-splitter.js";
import { createQrWorkerPool } from "../../src/pdf/qr-worker-pool.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { createReceiptStamper } from "../../src/pdf/stamp-receipt.js";
import { loadUnicodeFont } from "../../src/pdf/unicode-font.js";
import { CORPUS_SECRET, makeCoverSheetCorpus } from "../../test/fixtures/cover-sheets/make-corpus.js";

const [mode, file] = process.argv.slice(2) as [string, string];
if (mode === "make") writeFileSync(file, await makeBigScan());
else await measure(new Uint8Array(readFileSync(file)));

async function makeBigScan(): Promise<Uint8Array> {
  // 395 content pages at 300 dpi with the first corpus scan's sheets (mixed dpi) spread through them.
  const content = await PDFDocument.load(await makeScanPdf({ pages: 395, dpi: 300, seed: 11 }));
  const corpus = await makeCoverSheetCorpus();
  const sheets = await PDFDocument.load(readFileSync(corpus.scans[1]!.file));
  const out = await PDFDocument.create();
  let sheetIndex = 0;
  for (let i = 0; i < 395; i++) {
    if (i % 79 === 0 && sheetIndex < corpus.scans[1]!.sheetPages.length) {
      const [page] = await out.copyPages(sheets, [corpus.scans[1]!.sheetPages[sheetIndex++]!]);
      out.addPage(page!);
    }
    const [page] = await out.copyPages(content, [i]);
    out.addPage(page!);
  }
  return out.save({ useObjectStreams: false });
}

async function measure(pdf: Uint8Array): Promise<void> {
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  const pool = createQrWorkerPool();
  const split = createCoverSheetSplitter({ keyring: () => createKeyring(CORPUS_SECRET), pool: () => pool });
  const stamp = createReceiptStamper({ officeName: "Amt", timeZone: "Europe/Berlin", font: loadUnicodeFont });
  const started = performance.now();
  const result = await split(pdf);
  if (!result.ok) throw new Error(result.reason);
  for (const part of result.parts)
    await stamp(part.bytes, { receivedAt: new Date(), documentId: "01KAVZ7B5Q00000000K3M9QXTA" });
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${pages} pages (${(pdf.length / 1e6).toFixed(0)} MB PDF), ${result.parts.length} documents, ` +
      `${seconds.toFixed(1)} s, ${(pages / seconds).toFixed(1)} pages/s, ` +
      `peak RSS ${peakMb.toFixed(0)} MB\n`,
  );
}
