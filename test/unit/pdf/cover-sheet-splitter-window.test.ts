import { deflateSync } from "node:zlib";
import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { observePages } from "../../../src/pdf/cover-sheet-splitter.js";
import { inflateFlateTask } from "../../../src/pdf/flate-image.js";
import type { PageImageTask, PageScan } from "../../../src/pdf/page-image-task.js";
import type { QrWorkerPool } from "../../../src/pdf/qr-worker-pool.js";

const WIDTH = 60;
const HEIGHT = 80;

/** A scan whose pages are Flate-compressed gray images (no JPEG); page i is filled with gray level i % 256. */
async function flateScan(pages: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const samples = new Uint8Array(WIDTH * HEIGHT).fill(i % 256);
    const image = doc.context.register(
      doc.context.stream(deflateSync(samples), {
        Type: "XObject",
        Subtype: "Image",
        Width: WIDTH,
        Height: HEIGHT,
        ColorSpace: "DeviceGray",
        BitsPerComponent: 8,
        Filter: "FlateDecode",
      }),
    );
    const page = doc.addPage([595, 842]);
    page.node.setXObject(PDFName.of("Im0"), image);
    const content = doc.context.register(
      doc.context.stream(new TextEncoder().encode("q 595 0 0 842 0 0 cm /Im0 Do Q")),
    );
    page.node.set(PDFName.of("Contents"), content);
  }
  return doc;
}

/** A pool that answers slowly, out of order, and records how many inflated images are in flight at once. */
function countingPool(size: number) {
  let inFlight = 0;
  let peak = 0;
  let order = 0;
  const pool: QrWorkerPool = {
    size,
    async scan(task: PageImageTask): Promise<PageScan> {
      inFlight++;
      peak = Math.max(peak, inFlight);
      // Flate pages come still compressed (the worker inflates them): decoded here to read the level.
      expect(task.kind).toBe("flate");
      const level = task.kind === "flate" ? inflateFlateTask(task)!.bytes[0]! : -1;
      await new Promise((r) => setTimeout(r, (order++ * 7) % 5));
      inFlight--;
      return { texts: [`page ${level}`], blank: level % 10 === 0, attempt: 0 };
    },
    close: async () => {},
  };
  return { pool, peak: () => peak };
}

describe("reading the pages of a long Flate scan", () => {
  it("keeps at most pool size × 2 page images in flight and returns the pages in order", async () => {
    const pages = 120;
    const doc = await flateScan(pages);
    const pdf = await doc.save();
    const { pool, peak } = countingPool(2);
    const seen = await observePages(pdf, await PDFDocument.load(pdf), pool, null);
    expect(seen).toHaveLength(pages);
    expect(seen.map((p) => p.qrTexts[0])).toEqual(Array.from({ length: pages }, (_, i) => `page ${i}`));
    expect(seen.filter((p) => p.blank)).toHaveLength(12);
    expect(peak()).toBe(4);
  });

  it("fails the whole scan when one page cannot be read, after the pages in flight have settled", async () => {
    const doc = await flateScan(20);
    const pdf = await doc.save();
    let settled = 0;
    const pool: QrWorkerPool = {
      size: 1,
      async scan(task) {
        await new Promise((r) => setTimeout(r, 1));
        settled++;
        const level = task.kind === "flate" ? inflateFlateTask(task)!.bytes[0] : -1;
        if (level === 5) throw new Error("QR-Erkennung fehlgeschlagen: kaputt");
        return { texts: [], blank: false, attempt: 0 };
      },
      close: async () => {},
    };
    await expect(observePages(pdf, await PDFDocument.load(pdf), pool, null)).rejects.toThrow(/kaputt/);
    expect(settled).toBeLessThan(20);
  });
});
