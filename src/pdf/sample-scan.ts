/** Sample PDFs that look like a scan terminal's output (image-only A4 pages), for the demo, tests and benches. */

import { PDFDocument } from "pdf-lib";
import sharp from "sharp";

export interface ScanPdfOptions {
  pages: number;
  seed?: number;
  /** Scan resolution of the page images; 100 keeps a page around 50–100 KB. */
  dpi?: number;
  /** Written to the PDF's Title; scans carry no text layer. */
  title?: string;
}

/** Distinct page images per dpi; pages cycle through them so 1,000 mails cost 8 renders, not 1,000. */
export const SCAN_PAGE_VARIANTS = 8;

const A4_WIDTH_PT = 595.28;
const A4_HEIGHT_PT = 841.89;
const A4_WIDTH_MM = 210;
const A4_HEIGHT_MM = 297;
const MM_PER_INCH = 25.4;
const JPEG_QUALITY = 65;
/** Scanner optics are not sharp; the blur also takes the edge off the grain, which JPEG would pay for. */
const SCAN_BLUR_SIGMA = 0.6;
const DEFAULT_DPI = 100;
const DEFAULT_SEED = 1;
const CREATION_EPOCH_MS = Date.UTC(2026, 0, 5, 8, 0, 0);

/** Rendered page JPEGs by "dpi:variant"; at most SCAN_PAGE_VARIANTS entries per dpi ever asked for. */
const pageImageCache = new Map<string, Promise<Uint8Array>>();

type Random = () => number;

/** mulberry32: a tiny seeded PRNG of 32-bit words, good enough for fake paper and stable across runtimes. */
function createSeededWords(seed: number): () => number {
  let state = seed >>> 0;
  return function nextWord() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Seeded floats in [0, 1). */
export function createSeededRandom(seed: number): Random {
  const nextWord = createSeededWords(seed);
  return function nextRandom() {
    return nextWord() / 4294967296;
  };
}

function between(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function fmt(n: number): string {
  return n.toFixed(2);
}

function grayHex(level: number): string {
  const byte = Math.max(0, Math.min(255, Math.round(level)))
    .toString(16)
    .padStart(2, "0");
  return `#${byte}${byte}${byte}`;
}

/**
 * One printed line as a row of "words" (SVG text would need installed fonts). All words go into one path:
 * librsvg renders one path of many subpaths several times faster than many elements.
 */
function textLine(random: Random, x: number, y: number, width: number, height = 2.2): string {
  const words: string[] = [];
  let cursor = x;
  while (cursor < x + width - 3) {
    const word = Math.min(between(random, 3, 16), x + width - cursor);
    words.push(`M${fmt(cursor)} ${fmt(y)}h${fmt(word)}v${fmt(height)}h${fmt(-word)}z`);
    cursor += word + between(random, 1.4, 2.4);
  }
  return `<path d="${words.join("")}" fill="${grayHex(between(random, 45, 80))}"/>`;
}

function paragraph(random: Random, x: number, y: number, width: number, lines: number, height = 2.2): string {
  const rows: string[] = [];
  for (let i = 0; i < lines; i++) {
    const last = i === lines - 1;
    const lineWidth = last ? between(random, 0.25, 0.8) * width : between(random, 0.92, 1) * width;
    rows.push(textLine(random, x, y + i * (height + 2.8), lineWidth, height));
  }
  return rows.join("");
}

function letterhead(random: Random): string {
  const logo = `<rect x="20" y="14" width="16" height="16" rx="2" fill="${grayHex(between(random, 60, 110))}"/>`;
  const name = textLine(random, 40, 16, between(random, 60, 90), 4);
  const unit = textLine(random, 40, 24, between(random, 40, 70), 2.4);
  const rule = `<line x1="20" y1="36" x2="190" y2="36" stroke="#555" stroke-width="0.5"/>`;
  const returnLine = textLine(random, 22, 46, 70, 1.4);
  const address = paragraph(random, 22, 52, 60, 4);
  const info = paragraph(random, 128, 46, 55, 5);
  const subject = textLine(random, 22, 88, between(random, 90, 140), 3.2);
  return logo + name + unit + rule + returnLine + address + info + subject;
}

function tableGrid(random: Random, top: number): { svg: string; bottom: number } {
  const rows = 4 + Math.floor(random() * 6);
  const columns = 3 + Math.floor(random() * 3);
  const rowHeight = 7;
  const width = 170;
  const bottom = top + rows * rowHeight;
  const parts = [
    `<rect x="20" y="${top}" width="${width}" height="${rows * rowHeight}" fill="none" stroke="#444" stroke-width="0.4"/>`,
  ];
  for (let r = 1; r < rows; r++) {
    const y = top + r * rowHeight;
    parts.push(`<line x1="20" y1="${y}" x2="${20 + width}" y2="${y}" stroke="#666" stroke-width="0.25"/>`);
  }
  for (let c = 0; c < columns; c++) {
    const x = 20 + (c * width) / columns;
    if (c > 0)
      parts.push(
        `<line x1="${fmt(x)}" y1="${top}" x2="${fmt(x)}" y2="${bottom}" stroke="#666" stroke-width="0.25"/>`,
      );
    for (let r = 0; r < rows; r++) {
      parts.push(
        textLine(random, x + 2, top + r * rowHeight + 2.4, between(random, 0.3, 0.8) * (width / columns - 4)),
      );
    }
  }
  return { svg: parts.join(""), bottom };
}

function signature(random: Random, y: number): string {
  const points: string[] = [];
  for (let i = 0; i <= 12; i++) points.push(`${fmt(25 + i * 4)},${fmt(y + between(random, -3, 3))}`);
  return `<polyline points="${points.join(" ")}" fill="none" stroke="#333" stroke-width="0.5"/>`;
}

function footer(random: Random): string {
  const rule = `<line x1="20" y1="276" x2="190" y2="276" stroke="#777" stroke-width="0.3"/>`;
  return rule + [20, 78, 136].map((x) => paragraph(random, x, 279, 48, 3, 1.4)).join("");
}

/** Body text with an optional table, laid out top-down until the footer area. */
function body(random: Random, top: number): string {
  const parts: string[] = [];
  let y = top;
  const tableAfter = random() < 0.5 ? Math.floor(random() * 3) : -1;
  for (let block = 0; y < 235; block++) {
    const lines = 3 + Math.floor(random() * 5);
    parts.push(paragraph(random, 22, y, 166, lines));
    y += lines * 5 + 5;
    if (block === tableAfter && y < 190) {
      const table = tableGrid(random, y);
      parts.push(table.svg);
      y = table.bottom + 7;
    }
  }
  parts.push(signature(random, Math.min(y + 4, 262)));
  return parts.join("");
}

/** A dark band fading inwards along one edge: the shadow of a lid that did not close flat. */
function edgeShadow(random: Random): string {
  const edge = pick(random, ["left", "right", "top"] as const);
  const depth = between(random, 5, 12);
  const opacity = fmt(between(random, 0.25, 0.45));
  const vector = { left: 'x1="0" x2="1"', right: 'x1="1" x2="0"', top: 'y1="0" y2="1" x2="0"' }[edge];
  const rect = {
    left: `x="0" y="0" width="${depth}" height="${A4_HEIGHT_MM}"`,
    right: `x="${A4_WIDTH_MM - depth}" y="0" width="${depth}" height="${A4_HEIGHT_MM}"`,
    top: `x="0" y="0" width="${A4_WIDTH_MM}" height="${depth}"`,
  }[edge];
  return (
    `<defs><linearGradient id="shade" ${vector}><stop offset="0" stop-color="#000" stop-opacity="${opacity}"/>` +
    `<stop offset="1" stop-color="#000" stop-opacity="0"/></linearGradient></defs><rect ${rect} fill="url(#shade)"/>`
  );
}

export function buildPageSvg(variantSeed: number, widthPx: number, heightPx: number): string {
  const random = createSeededRandom(variantSeed);
  const paper = grayHex(between(random, 234, 246));
  const angle = fmt(between(random, -1, 1));
  const hasLetterhead = random() < 0.6;
  const content =
    (hasLetterhead ? letterhead(random) : "") + body(random, hasLetterhead ? 100 : 22) + footer(random);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${A4_WIDTH_MM} ${A4_HEIGHT_MM}">` +
    `<rect width="${A4_WIDTH_MM}" height="${A4_HEIGHT_MM}" fill="${paper}"/>` +
    `<g transform="rotate(${angle} ${A4_WIDTH_MM / 2} ${A4_HEIGHT_MM / 2})">${content}</g>` +
    `${edgeShadow(random)}</svg>`
  );
}

/**
 * Paper grain: seeded (sharp's own noise is not reproducible) and mild, since noise is what JPEG pays for.
 * Each random byte gives one pixel's grain as a sum of its two nibbles: triangular, within ±6 gray levels.
 */
function addPaperNoise(pixels: Buffer, seed: number): void {
  const nextWord = createSeededWords(seed ^ 0x9e3779b9);
  const clamped = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  for (let i = 0; i < clamped.length; i += 4) {
    let bits = nextWord();
    for (let k = i; k < i + 4 && k < clamped.length; k++) {
      clamped[k] = clamped[k]! + ((bits & 15) + ((bits >>> 4) & 15) - 15) * 0.4;
      bits >>>= 8;
    }
  }
}

async function renderPageJpeg(variant: number, dpi: number): Promise<Uint8Array> {
  const width = Math.round((A4_WIDTH_MM / MM_PER_INCH) * dpi);
  const height = Math.round((A4_HEIGHT_MM / MM_PER_INCH) * dpi);
  const variantSeed = 0x5ca9 + variant * 7919;
  const { data, info } = await sharp(Buffer.from(buildPageSvg(variantSeed, width, height)))
    .flatten({ background: "#ffffff" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  addPaperNoise(data, variantSeed);
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .blur(SCAN_BLUR_SIGMA)
    // Without this sharp writes a 1-channel raw input as a 3-channel JPEG: larger, and not what a gray scan is.
    .toColourspace("b-w")
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
  return new Uint8Array(jpeg);
}

function cachedPageJpeg(variant: number, dpi: number): Promise<Uint8Array> {
  const key = `${dpi}:${variant}`;
  let image = pageImageCache.get(key);
  if (!image) {
    image = renderPageJpeg(variant, dpi);
    image.catch(() => pageImageCache.delete(key));
    pageImageCache.set(key, image);
  }
  return image;
}

function resolveOptions(opts: ScanPdfOptions): Required<ScanPdfOptions> {
  const resolved = {
    pages: opts.pages,
    seed: opts.seed ?? DEFAULT_SEED,
    dpi: opts.dpi ?? DEFAULT_DPI,
    title: opts.title ?? "Scan",
  };
  if (!Number.isInteger(resolved.pages) || resolved.pages < 1 || resolved.pages > 1000) {
    throw new RangeError(`pages must be an integer from 1 to 1000, got ${opts.pages}`);
  }
  if (!Number.isFinite(resolved.dpi) || resolved.dpi < 30 || resolved.dpi > 600) {
    throw new RangeError(`dpi must be from 30 to 600, got ${opts.dpi}`);
  }
  return resolved;
}

/** Variant of each page: a seed-chosen start, then consecutive variants so a short document has no repeats. */
function pageVariants(seed: number, pages: number): number[] {
  const start = Math.floor(createSeededRandom(seed)() * SCAN_PAGE_VARIANTS);
  return Array.from({ length: pages }, (_, i) => (start + i) % SCAN_PAGE_VARIANTS);
}

function setScanMetadata(doc: PDFDocument, title: string, seed: number): void {
  // Dates derive from the seed: same seed, same bytes; another seed, another file (blob stores dedupe by hash).
  const created = new Date(CREATION_EPOCH_MS + (seed >>> 0) * 1000);
  doc.setTitle(title);
  doc.setCreator("Kundenterminal Scan2Mail");
  doc.setProducer("Postkorb sample scanner");
  doc.setCreationDate(created);
  doc.setModificationDate(created);
}

export async function makeScanPdf(opts: ScanPdfOptions): Promise<Uint8Array> {
  const { pages, seed, dpi, title } = resolveOptions(opts);
  const variants = pageVariants(seed, pages);
  const images = await Promise.all(variants.map((variant) => cachedPageJpeg(variant, dpi)));
  const doc = await PDFDocument.create();
  for (const jpeg of images) {
    // A repeated variant is a distinct scan, so it gets its own XObject, as a real scanner's PDF would.
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([A4_WIDTH_PT, A4_HEIGHT_PT]);
    page.drawImage(image, { x: 0, y: 0, width: A4_WIDTH_PT, height: A4_HEIGHT_PT });
  }
  setScanMetadata(doc, title, seed);
  // Scanners write plain xref tables, not object streams; and a document this small need not yield to the
  // event loop every 50 objects (pdf-lib's default), which alone doubles the time per PDF.
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/** A file that claims to be a PDF but is cut off mid-object, as after an aborted upload. */
export async function makeBrokenPdf(): Promise<Uint8Array> {
  const text =
    "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R";
  return new TextEncoder().encode(text);
}
