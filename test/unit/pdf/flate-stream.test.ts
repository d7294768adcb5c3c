import { constants, deflateSync, inflateSync } from "node:zlib";
import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  type FlateImageLayout,
  type InflatedImage,
  inflateFlateTask,
  inflateImageSamples,
} from "../../../src/pdf/flate-image.js";
import {
  decodeFlateTask,
  inflateImageSamplesStreaming,
  inflateInChunks,
  inflateInChunksSync,
} from "../../../src/pdf/flate-stream.js";
import type { PageImageTask } from "../../../src/pdf/page-image-task.js";
import { extractPageImage } from "../../../src/pdf/page-images.js";
import { decodeFirstPass } from "../../../src/pdf/scan-page-image.js";

/** Deterministic noise with some structure (runs of equal bytes), so every filter sees real work. */
function samples(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = (s >>> 16) % 5 === 0 ? (s >>> 8) & 0xff : i > 0 ? out[i - 1]! : 200;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** PNG-filters rows of `rowBytes` with the given filter type per row (RFC 2083 §6), `bpp` bytes a pixel. */
function pngFilter(data: Uint8Array, rowBytes: number, bpp: number, filterOf: (row: number) => number) {
  const rows = data.length / rowBytes;
  const out = new Uint8Array(rows * (rowBytes + 1));
  for (let r = 0; r < rows; r++) {
    const f = filterOf(r);
    out[r * (rowBytes + 1)] = f;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[r * rowBytes + i]!;
      const a = i >= bpp ? data[r * rowBytes + i - bpp]! : 0;
      const b = r > 0 ? data[(r - 1) * rowBytes + i]! : 0;
      const c = r > 0 && i >= bpp ? data[(r - 1) * rowBytes + i - bpp]! : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][f]!;
      out[r * (rowBytes + 1) + 1 + i] = (x - predicted) & 0xff;
    }
  }
  return out;
}

/**
 * The former whole-buffer decoding, written out plainly: the stream inflated at once (what a cut-off stream
 * holds), whole rows taken, RGB folded to gray (BT.601, 10-bit), each n × n block (partial ones at the right
 * and bottom edges) rounded to its mean; 1-bit rows and unshrunk gray rows as they are.
 */
function reference(unfiltered: Uint8Array, encoded: Uint8Array, layout: FlateImageLayout): InflatedImage {
  const { width, channels, bitsPerComponent: bpc } = layout;
  const png = layout.predictor.predictor >= 10;
  const rowBytes = bpc === 1 ? Math.ceil(width / 8) : width * channels;
  const stride = png ? rowBytes + 1 : rowBytes;
  const inflated = inflateSync(encoded, { finishFlush: constants.Z_SYNC_FLUSH });
  const rows = Math.min(layout.height, Math.floor(inflated.length / stride));
  // The filters' inverse is checked against the original samples, which the test kept.
  const pixels = unfiltered.subarray(0, rows * rowBytes);
  if (bpc === 1 || (channels === 1 && layout.shrink <= 1))
    return { bytes: pixels, width, height: rows, channels: 1 };
  const gray = new Uint8Array(width * rows);
  for (let i = 0; i < gray.length; i++)
    gray[i] =
      channels === 1
        ? pixels[i]!
        : (pixels[3 * i]! * 306 + pixels[3 * i + 1]! * 601 + pixels[3 * i + 2]! * 117 + 512) >> 10;
  const n = layout.shrink;
  const outW = Math.ceil(width / n);
  const outH = Math.ceil(rows / n);
  const out = new Uint8Array(outW * outH);
  for (let by = 0; by < outH; by++)
    for (let bx = 0; bx < outW; bx++) {
      let sum = 0;
      let count = 0;
      for (let y = by * n; y < Math.min(rows, by * n + n); y++)
        for (let x = bx * n; x < Math.min(width, bx * n + n); x++, count++) sum += gray[y * width + x]!;
      out[by * outW + bx] = Math.round(sum / count);
    }
  return { bytes: out, width: outW, height: outH, channels: 1 };
}

interface Case {
  name: string;
  width: number;
  height: number;
  channels: 1 | 3;
  bpc: 1 | 8;
  shrink: number;
  /** PNG filter type of each row, or none (no predictor). */
  filter?: (row: number) => number;
  /** Keep this share of the deflated stream. */
  cut?: number;
}

function build(c: Case) {
  const rowBytes = c.bpc === 1 ? Math.ceil(c.width / 8) : c.width * c.channels;
  const pixels = samples(rowBytes * c.height, c.width * 31 + c.height);
  const bpp = c.bpc === 1 ? 1 : c.channels;
  const stream = c.filter ? pngFilter(pixels, rowBytes, bpp, c.filter) : pixels;
  let encoded = new Uint8Array(deflateSync(stream));
  if (c.cut) encoded = encoded.subarray(0, Math.floor(encoded.length * c.cut));
  const layout: FlateImageLayout = {
    width: c.width,
    height: c.height,
    channels: c.channels,
    bitsPerComponent: c.bpc,
    predictor: c.filter
      ? { predictor: 15, colors: c.channels, bitsPerComponent: c.bpc, columns: c.width }
      : { predictor: 1, colors: 1, bitsPerComponent: 8, columns: 1 },
    shrink: c.shrink,
  };
  return { pixels, encoded, layout };
}

const CASES: Case[] = [
  { name: "plain gray, unshrunk", width: 37, height: 23, channels: 1, bpc: 8, shrink: 1 },
  { name: "plain gray, 2× (odd size)", width: 37, height: 23, channels: 1, bpc: 8, shrink: 2 },
  { name: "plain gray, 3× (odd size)", width: 41, height: 29, channels: 1, bpc: 8, shrink: 3 },
  ...[0, 1, 2, 3, 4].map((f) => ({
    name: `PNG filter ${["None", "Sub", "Up", "Average", "Paeth"][f]}, 2×`,
    width: 37,
    height: 23,
    channels: 1 as const,
    bpc: 8 as const,
    shrink: 2,
    filter: () => f,
  })),
  {
    name: "PNG filters mixed, 3×",
    width: 50,
    height: 31,
    channels: 1,
    bpc: 8,
    shrink: 3,
    filter: (r) => r % 5,
  },
  {
    name: "PNG filters mixed, unshrunk",
    width: 19,
    height: 11,
    channels: 1,
    bpc: 8,
    shrink: 1,
    filter: (r) => (r * 3) % 5,
  },
  { name: "RGB folded to gray, unshrunk", width: 21, height: 9, channels: 3, bpc: 8, shrink: 1 },
  {
    name: "RGB with Paeth/Sub/Average, 2×",
    width: 33,
    height: 17,
    channels: 3,
    bpc: 8,
    shrink: 2,
    filter: (r) => [4, 1, 3][r % 3]!,
  },
  { name: "1-bit rows", width: 45, height: 20, channels: 1, bpc: 1, shrink: 2 },
  {
    name: "1-bit rows with PNG Up/Sub",
    width: 45,
    height: 20,
    channels: 1,
    bpc: 1,
    shrink: 1,
    filter: (r) => 1 + (r % 2),
  },
  { name: "a cut-off stream, 2×", width: 300, height: 200, channels: 1, bpc: 8, shrink: 2, cut: 0.5 },
  {
    name: "a cut-off PNG stream, 3×",
    width: 301,
    height: 203,
    channels: 1,
    bpc: 8,
    shrink: 3,
    filter: (r) => r % 5,
    cut: 0.6,
  },
];

describe("decoding a Flate scan image in chunks, row by row", () => {
  for (const c of CASES) {
    it(`gives the whole-buffer pixels: ${c.name}`, async () => {
      const { pixels, encoded, layout } = build(c);
      const expected = reference(pixels, encoded, layout);
      if (c.cut) {
        expect(expected.height).toBeGreaterThan(0);
        expect(expected.height).toBeLessThan(Math.ceil(c.height / c.shrink));
      }
      const whole = inflateImageSamples(encoded, layout);
      expect(whole).toEqual(expected);
      // Chunks that cut rows anywhere (7 bytes), align with nothing (1000), or hold the page (default).
      for (const chunk of [7, 1000, undefined]) {
        expect(await inflateImageSamplesStreaming(encoded, layout, chunk)).toEqual(expected);
      }
    });
  }

  it("gives the same pixels through the stream's 'data' events (the fallback)", async () => {
    const { encoded, pixels } = build(CASES.find((c) => c.name.startsWith("RGB with"))!);
    const chunks: Uint8Array[] = [];
    await inflateInChunks(encoded, { push: (c) => chunks.push(Uint8Array.from(c)), done: false }, 64);
    const all = Buffer.concat(chunks);
    expect(all.equals(inflateSync(encoded))).toBe(true);
    expect(chunks.every((c) => c.length <= 64)).toBe(true);
    expect(pixels.length).toBeGreaterThan(0);
  });

  it("inflates into one reused buffer of the chunk size on this Node, and stops once the image is complete", () => {
    const big = new Uint8Array(1_000_000).fill(7);
    const encoded = deflateSync(big);
    const seen: Uint8Array[] = [];
    let bytes = 0;
    const sink = {
      push(chunk: Uint8Array) {
        seen.push(chunk);
        bytes += chunk.length;
      },
      get done() {
        return bytes >= 300_000;
      },
    };
    expect(inflateInChunksSync(encoded, sink, 65_536)).toBe(true);
    expect(new Set(seen.map((c) => c.buffer)).size).toBe(1);
    expect(seen.every((c) => c.length <= 65_536)).toBe(true);
    expect(bytes).toBeGreaterThanOrEqual(300_000);
    expect(bytes).toBeLessThan(300_000 + 65_536);
  });

  it("ignores what the stream holds beyond the image's rows", async () => {
    const gray = samples(20 * 10, 3);
    const withTail = deflateSync(Buffer.concat([gray, new Uint8Array(5000).fill(9)]));
    const layout = build({ name: "", width: 20, height: 10, channels: 1, bpc: 8, shrink: 1 }).layout;
    const image = await inflateImageSamplesStreaming(withTail, layout, 16);
    expect(image).toEqual({ bytes: gray, width: 20, height: 10, channels: 1 });
  });

  it("fails a corrupt stream as inflateSync does, and gives null when not one row is in it", async () => {
    const { encoded, layout } = build(CASES[1]!);
    const corrupt = Uint8Array.from(encoded);
    corrupt[0] = 0x12; // no zlib header
    await expect(inflateImageSamplesStreaming(corrupt, layout)).rejects.toThrow(/header/);
    expect(() => inflateImageSamples(corrupt, layout)).toThrow(/header/);
    expect(await inflateImageSamplesStreaming(encoded.subarray(0, 2), layout)).toBeNull();
    // TIFF predictor 2 is not decoded (the main thread renders such pages instead).
    const tiff = { ...layout, predictor: { ...layout.predictor, predictor: 2 } };
    expect(await inflateImageSamplesStreaming(encoded, tiff)).toBeNull();
  });

  it("keeps /Decode inversion and 1-bit depth on the raw task, and feeds the first pass as raw samples did", async () => {
    for (const c of [CASES[2]!, CASES.find((x) => x.bpc === 1)!]) {
      const { encoded, layout } = build(c);
      const task: PageImageTask = { kind: "flate", bytes: encoded, inverted: true, ...layout };
      const raw = await decodeFlateTask(task);
      expect(raw).toMatchObject({ kind: "raw", inverted: true, bitsPerComponent: c.bpc, channels: 1 });
      expect(raw).toEqual(inflateFlateTask(task));
      expect(await decodeFirstPass(task)).toEqual(await decodeFirstPass(raw!));
    }
  });
});

describe("extracting a Flate page image", () => {
  async function flatePdf(parms: Record<string, number> | null, decode?: number[]) {
    const doc = await PDFDocument.create();
    const gray = samples(64 * 48, 5);
    const image = doc.context.register(
      doc.context.stream(deflateSync(parms ? pngFilter(gray, 64, 1, () => 2) : gray), {
        Type: "XObject",
        Subtype: "Image",
        Width: 64,
        Height: 48,
        ColorSpace: "DeviceGray",
        BitsPerComponent: 8,
        Filter: "FlateDecode",
        ...(parms ? { DecodeParms: parms } : {}),
        ...(decode ? { Decode: decode } : {}),
      }),
    );
    doc.addPage([595, 842]).node.setXObject(PDFName.of("Im0"), image);
    return { doc: await PDFDocument.load(await doc.save()), gray };
  }

  it("hands the stream over still compressed, with its layout, for the worker to inflate", async () => {
    const { doc, gray } = await flatePdf(
      { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: 64 },
      [1, 0],
    );
    const task = await extractPageImage(doc, 0);
    expect(task).toMatchObject({
      kind: "flate",
      width: 64,
      height: 48,
      channels: 1,
      bitsPerComponent: 8,
      inverted: true,
      shrink: 1,
      predictor: { predictor: 15, colors: 1, bitsPerComponent: 8, columns: 64 },
    });
    expect(task!.owned).toBeFalsy();
    const raw = await decodeFlateTask(task as Extract<PageImageTask, { kind: "flate" }>);
    expect(raw!.bytes).toEqual(gray);
  });

  it("leaves TIFF-predictor pages to the renderer", async () => {
    const { doc } = await flatePdf({ Predictor: 2, Colors: 1, BitsPerComponent: 8, Columns: 64 });
    expect(await extractPageImage(doc, 0)).toBeNull();
  });
});
