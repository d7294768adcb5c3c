import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { createReceiptStamper, receiptStampText } from "../../../src/pdf/stamp-receipt.js";
import { loadUnicodeFont } from "../../../src/pdf/unicode-font.js";

const office = { officeName: "Amt für Soziales und Wohnen", timeZone: "Europe/Berlin" };
const id = "01KAVZ7B5Q00000000K3M9QXTA";

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
});
