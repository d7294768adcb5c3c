import { PDFDict, PDFDocument, PDFName, type PDFPage, PDFRawStream } from "pdf-lib";
import { describe, expect, it, vi } from "vitest";
import { makeBrokenPdf, makeScanPdf } from "../../../src/pdf/sample-scan.js";

interface ImageInfo {
  subtype: string | undefined;
  filter: string | undefined;
  colorSpace: string | undefined;
}

function pageImages(doc: PDFDocument, page: PDFPage): ImageInfo[] {
  const xobjects = page.node.Resources()?.lookup(PDFName.of("XObject"), PDFDict);
  if (!xobjects) return [];
  return xobjects.entries().map(([, ref]) => {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) throw new Error(`XObject ${ref} is not a stream`);
    return {
      subtype: stream.dict.get(PDFName.of("Subtype"))?.toString(),
      filter: stream.dict.get(PDFName.of("Filter"))?.toString(),
      colorSpace: stream.dict.get(PDFName.of("ColorSpace"))?.toString(),
    };
  });
}

describe("makeScanPdf", () => {
  it("makes a PDF with the requested number of A4 pages", async () => {
    const doc = await PDFDocument.load(await makeScanPdf({ pages: 3, seed: 7 }));
    expect(doc.getPageCount()).toBe(3);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(595.28, 1);
      expect(page.getHeight()).toBeCloseTo(841.89, 1);
    }
  });

  it("puts exactly one grayscale JPEG image on each page, like a scanner", async () => {
    const doc = await PDFDocument.load(await makeScanPdf({ pages: 2, seed: 3 }));
    for (const page of doc.getPages()) {
      expect(pageImages(doc, page)).toEqual([
        { subtype: "/Image", filter: "/DCTDecode", colorSpace: "/DeviceGray" },
      ]);
    }
  });

  it("keeps a one-page scan at 100 dpi between 30 and 120 KB", async () => {
    const pdf = await makeScanPdf({ pages: 1, seed: 11 });
    expect(pdf.byteLength).toBeGreaterThan(30_000);
    expect(pdf.byteLength).toBeLessThan(120_000);
  });

  it("makes the same bytes for the same seed and different bytes for another seed", async () => {
    const first = await makeScanPdf({ pages: 2, seed: 42 });
    const again = await makeScanPdf({ pages: 2, seed: 42 });
    const other = await makeScanPdf({ pages: 2, seed: 43 });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it("writes the title into the PDF metadata", async () => {
    const doc = await PDFDocument.load(await makeScanPdf({ pages: 1, title: "Kontoauszug März" }));
    expect(doc.getTitle()).toBe("Kontoauszug März");
  });

  it("makes many scans quickly once the page variants are rendered", async () => {
    await makeScanPdf({ pages: 8, seed: 0 });
    const started = performance.now();
    for (let seed = 0; seed < 100; seed++) await makeScanPdf({ pages: 1 + (seed % 3), seed });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("rejects a page count that is not a positive integer", async () => {
    await expect(makeScanPdf({ pages: 0 })).rejects.toThrow(RangeError);
    await expect(makeScanPdf({ pages: 1.5 })).rejects.toThrow(/pages must be/);
  });
});

describe("makeBrokenPdf", () => {
  it("starts like a PDF but cannot be loaded", async () => {
    // pdf-lib warns on the console while it gives up; keep the test output clean.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const broken = await makeBrokenPdf();
    expect(new TextDecoder().decode(broken.subarray(0, 5))).toBe("%PDF-");
    await expect(PDFDocument.load(broken)).rejects.toThrow();
    warn.mockRestore();
  });
});
