import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createInlineQrScanner, MAX_SIDE_PX, shrinkToGray } from "../../src/pdf/inline-qr-scanner.js";

/** A 300 dpi A4 1-bit page (0 = black), white except a black square at the top left. */
function oneBitPage(): { width: number; height: number; bytes: Uint8Array } {
  const [width, height] = [2480, 3508];
  const rowBytes = Math.ceil(width / 8);
  const bytes = new Uint8Array(rowBytes * height).fill(0xff);
  for (let y = 200; y < 600; y++)
    for (let x = 200; x < 600; x++) bytes[y * rowBytes + (x >> 3)]! &= ~(0x80 >> (x & 7));
  return { width, height, bytes };
}

describe("the Worker's inline QR scanner", () => {
  it("shrinks a 300 dpi page to at most MAX_SIDE_PX before zxing sees it, keeping black and white", () => {
    const page = oneBitPage();
    const gray = shrinkToGray(
      { kind: "raw", ...page, channels: 1, bitsPerComponent: 1, inverted: false },
      MAX_SIDE_PX,
    );
    expect(Math.max(gray.width, gray.height)).toBe(MAX_SIDE_PX);
    expect(gray.width).toBe(Math.round((2480 * MAX_SIDE_PX) / 3508));
    const at = (x: number, y: number) => gray.data[Math.round(y) * gray.width + Math.round(x)];
    const scale = gray.width / 2480;
    expect(at(400 * scale, 400 * scale)).toBe(0);
    expect(at(1200 * scale, 1200 * scale)).toBe(255);
    // /Decode [1 0] flips them.
    const flipped = shrinkToGray(
      { kind: "raw", ...page, channels: 1, bitsPerComponent: 1, inverted: true },
      MAX_SIDE_PX,
    );
    expect(flipped.data[Math.round(400 * scale) * flipped.width + Math.round(400 * scale)]).toBe(255);
  });

  it("reports an empty raw page as blank and a page with ink as not blank", async () => {
    const scanner = createInlineQrScanner();
    const [width, height] = [1240, 1754];
    const paper = new Uint8Array(width * height).fill(240);
    const blank = await scanner.scan({
      kind: "raw",
      bytes: paper,
      width,
      height,
      channels: 1,
      bitsPerComponent: 8,
      inverted: false,
    });
    expect(blank).toMatchObject({ blank: true, texts: [] });

    const page = oneBitPage();
    const inked = await scanner.scan({
      kind: "raw",
      ...page,
      channels: 1,
      bitsPerComponent: 1,
      inverted: false,
    });
    expect(inked).toMatchObject({ blank: false, texts: [] });
  });

  it("inflates a Flate page itself (the main thread hands it over compressed) and tells it blank", async () => {
    const [width, height] = [2480, 3508];
    const encoded = deflateSync(new Uint8Array(width * height).fill(235));
    const scanner = createInlineQrScanner();
    const flate = {
      kind: "flate" as const,
      width,
      height,
      channels: 1 as const,
      bitsPerComponent: 8 as const,
      predictor: { predictor: 1, colors: 1, bitsPerComponent: 8, columns: 1 },
      shrink: 2,
    };
    expect(await scanner.scan({ ...flate, bytes: encoded, inverted: false })).toMatchObject({ blank: true });
    // A black square on the same paper is ink.
    const inked = new Uint8Array(width * height).fill(235);
    for (let y = 600; y < 1000; y++) inked.fill(0, y * width + 600, y * width + 1000);
    expect(await scanner.scan({ ...flate, bytes: deflateSync(inked), inverted: false })).toMatchObject({
      blank: false,
    });
    // Not one whole row in the stream: no code, and the page is not taken for blank.
    expect(await scanner.scan({ ...flate, bytes: encoded.subarray(0, 2), inverted: false })).toEqual({
      texts: [],
      blank: false,
      attempt: -1,
    });
  });

  it("counts a CCITT page, which it cannot decode, as a page without a code", async () => {
    const scan = await createInlineQrScanner().scan({ kind: "tiff", bytes: new Uint8Array(16) });
    expect(scan).toEqual({ texts: [], blank: false, attempt: -1 });
  });
});
