import { degrees, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { unwrittenPart, writtenPart } from "../../../src/pdf/parsed-pdf-handoff.js";
import { createReceiptStamper, receiptStampText, toWinAnsi } from "../../../src/pdf/stamp-receipt.js";
import { loadUnicodeFont } from "../../../src/pdf/unicode-font.js";

const office = { officeName: "Amt für Soziales und Wohnen", timeZone: "Europe/Berlin" };
const id = "01KAVZ7B5Q00000000K3M9QXTA";
const at = { receivedAt: new Date("2026-11-25T08:41:00Z"), documentId: id };
const stampText = "Eingegangen am 25.11.2026, 09:41 Uhr · Amt für Soziales und Wohnen · K3M9QXTA";

describe("the receipt stamp", () => {
  it("shows the receipt time in Berlin time, winter and summer", () => {
    expect(receiptStampText(new Date("2026-11-25T08:41:00Z"), id, office)).toBe(
      "Eingegangen am 25.11.2026, 09:41 Uhr · Amt für Soziales und Wohnen · K3M9QXTA",
    );
    expect(receiptStampText(new Date("2026-07-01T21:59:00Z"), id, office)).toMatch(
      /^Eingegangen am 01\.07\.2026, 23:59 Uhr/,
    );
  });

  it("writes a new PDF and leaves the input bytes untouched", async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    source.addPage([595, 842]);
    const original = await source.save();
    const copy = original.slice();
    const stamp = createReceiptStamper({ ...office, font: loadUnicodeFont });
    const stamped = await stamp(original, { receivedAt: new Date("2026-11-25T08:41:00Z"), documentId: id });
    expect(original).toEqual(copy);
    expect(stamped).not.toEqual(original);
    expect((await PDFDocument.load(stamped)).getPageCount()).toBe(2);
  });

  it("draws on a parse the splitter handed over, once: a second stamp of the same part parses its bytes", async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    const bytes = await source.save();
    // The handed-over parse carries a marker the bytes do not: the stamp shows whether it was used.
    const parsed = await PDFDocument.load(bytes);
    parsed.setTitle("handed over");
    const part = writtenPart(bytes, parsed);
    const stamp = createReceiptStamper({ ...office, font: loadUnicodeFont });
    const first = await stamp(part, at);
    const second = await stamp(part, at);
    expect((await PDFDocument.load(first)).getTitle()).toBe("handed over");
    expect((await PDFDocument.load(second)).getTitle()).toBeUndefined();
    // Each carries one stamp: the second did not draw on the first's (already stamped) parse.
    for (const pdf of [first, second]) expect((await stampAsSeen(pdf)).text).toBe(stampText);
    expect(await part.pdf()).toBe(bytes);
  });

  it("stamps an unwritten part without writing it, and then refuses to write it (it would carry the stamp)", async () => {
    const { part, writes } = await countedUnwrittenPart();
    const stamp = createReceiptStamper({ ...office, font: loadUnicodeFont });
    expect((await stampAsSeen(await stamp(part, at))).text).toBe(stampText);
    expect(writes()).toBe(0);
    await expect(part.pdf()).rejects.toThrow(/handed to the stamper/);
  });

  it("stamps a part written before from its bytes, and its bytes stay unstamped", async () => {
    const { part, writes } = await countedUnwrittenPart();
    const written = await part.pdf();
    const stamp = createReceiptStamper({ ...office, font: loadUnicodeFont });
    expect((await stampAsSeen(await stamp(part, at))).text).toBe(stampText);
    expect(await part.pdf()).toBe(written);
    expect(writes()).toBe(1);
    const again = await PDFDocument.load(written);
    expect(again.getPage(0).node.Contents()).toBeUndefined();
  });

  it("stamps with pdf-lib's Helvetica where no font file can be read (Workers), German letters intact", async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    const stamp = createReceiptStamper({
      officeName: "Amt für Soziales · Łódź",
      timeZone: "Europe/Berlin",
      font: "helvetica",
    });
    const stamped = await stamp(await source.save(), {
      receivedAt: new Date("2026-11-25T08:41:00Z"),
      documentId: id,
    });
    const seen = await stampAsSeen(stamped);
    expect(seen.text).toBe("Eingegangen am 25.11.2026, 09:41 Uhr · Amt für Soziales · Lódz · K3M9QXTA");
    expect(seen.upright).toBe(true);
  });

  it("reads right in every document when one parsed font serves many stamps with different letters", async () => {
    const blank = async () => {
      const d = await PDFDocument.create();
      d.addPage([595, 842]);
      return d.save();
    };
    const at = { receivedAt: new Date("2026-11-25T08:41:00Z"), documentId: id };
    const first = createReceiptStamper({
      officeName: "Amt Łódź",
      timeZone: "Europe/Berlin",
      font: loadUnicodeFont,
    });
    const second = createReceiptStamper({
      officeName: "Şehir Ğ",
      timeZone: "Europe/Berlin",
      font: loadUnicodeFont,
    });
    const a = await first(await blank(), at);
    const b = await second(await blank(), { ...at, documentId: "01KAVZ7B5Q00000000ZYXWVUTS" });
    expect((await stampAsSeen(a)).text).toBe("Eingegangen am 25.11.2026, 09:41 Uhr · Amt Łódź · K3M9QXTA");
    expect((await stampAsSeen(b)).text).toBe("Eingegangen am 25.11.2026, 09:41 Uhr · Şehir Ğ · ZYXWVUTS");
  });

  it("embeds the Unicode font only for letters WinAnsi cannot encode", async () => {
    const blank = async () => {
      const d = await PDFDocument.create();
      d.addPage([595, 842]);
      return d.save();
    };
    const at = { receivedAt: new Date("2026-11-25T08:41:00Z"), documentId: id };
    const german = await createReceiptStamper({ ...office, font: loadUnicodeFont })(await blank(), at);
    const polish = await createReceiptStamper({ ...office, officeName: "Urząd Łódź", font: loadUnicodeFont })(
      await blank(),
      at,
    );
    expect(await baseFonts(german)).toEqual(["Helvetica"]);
    expect(await baseFonts(polish)).toEqual([expect.stringMatching(/DejaVu/)]);
    expect((await stampAsSeen(german)).text).toBe(
      "Eingegangen am 25.11.2026, 09:41 Uhr · Amt für Soziales und Wohnen · K3M9QXTA",
    );
    expect((await stampAsSeen(polish)).text).toBe(
      "Eingegangen am 25.11.2026, 09:41 Uhr · Urząd Łódź · K3M9QXTA",
    );
  });

  it("keeps what WinAnsi encodes and writes other letters without accents", () => {
    expect(toWinAnsi("Müller ß € – Łódź Şahin 李")).toBe("Müller ß € – Lódz Sahin ?");
  });

  it.each([0, 90, 180, 270, -90, 450])(
    "lands upright in the visible top margin of a page turned by /Rotate %i with an offset media and crop box",
    async (rotation) => {
      const source = await PDFDocument.create();
      const page = source.addPage([595, 842]);
      page.setMediaBox(100, 200, 595, 842);
      page.setCropBox(120, 230, 555, 792);
      page.setRotation(degrees(rotation));
      const stamp = createReceiptStamper({ ...office, font: loadUnicodeFont });
      const stamped = await stamp(await source.save(), {
        receivedAt: new Date("2026-11-25T08:41:00Z"),
        documentId: id,
      });
      const seen = await stampAsSeen(stamped);
      // The viewport is the crop box as displayed: 555 × 792, or 792 × 555 when turned sideways.
      const sideways = Math.abs(rotation) % 180 === 90;
      expect([seen.viewWidth, seen.viewHeight]).toEqual(sideways ? [792, 555] : [555, 792]);
      expect(seen.text).toMatch(/^Eingegangen am 25\.11\.2026, 09:41 Uhr/);
      expect(seen.upright).toBe(true);
      expect(seen.top).toBeGreaterThan(0);
      expect(seen.top).toBeLessThan(25);
      expect(seen.left).toBeGreaterThan(seen.viewWidth * 0.2);
      expect(seen.right).toBeLessThanOrEqual(seen.viewWidth - 10);
    },
  );
});

/** Where the stamp's text appears on screen (pdfjs viewport: visible box, rotated, y down). */
/** A one-page unwritten part that counts how often it is written. */
async function countedUnwrittenPart() {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  let writes = 0;
  const part = unwrittenPart(doc, async (d) => {
    writes++;
    return d.save();
  });
  return { part, writes: () => writes };
}

async function stampAsSeen(pdf: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 1 });
  const items = (await page.getTextContent()).items.filter((item) => "str" in item && item.str);
  const item = items[0] as { str: string; transform: number[]; width: number };
  const [a, b, c, d, e, f] = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
  const size = Math.hypot(a!, b!);
  await doc.destroy();
  return {
    text: items.map((i) => ("str" in i ? i.str : "")).join(""),
    viewWidth: Math.round(viewport.width),
    viewHeight: Math.round(viewport.height),
    // Upright on screen: the baseline runs to the right and glyphs go up (y grows downwards).
    upright: a! > 0 && Math.abs(b!) < 1e-6 && Math.abs(c!) < 1e-6 && d! < 0,
    top: f! - size,
    left: e!,
    right: e! + item.width,
  };
}

/** The distinct BaseFont names of the font dictionaries in the file. */
async function baseFonts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const names = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("Font")) continue;
    const base = object.get(PDFName.of("BaseFont"));
    if (base instanceof PDFName) names.add(base.decodeText());
  }
  return [...names];
}
