import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { inflateImageSamples } from "../../../src/pdf/flate-image.js";

/** PNG filter type 2 (Up) on every row. */
function upRows(gray: Uint8Array, width: number): Uint8Array {
  const rows = gray.length / width;
  const out = new Uint8Array(rows * (width + 1));
  for (let r = 0; r < rows; r++) {
    out[r * (width + 1)] = 2;
    for (let x = 0; x < width; x++)
      out[r * (width + 1) + 1 + x] = (gray[r * width + x]! - (r > 0 ? gray[(r - 1) * width + x]! : 0)) & 0xff;
  }
  return out;
}

const layout = (width: number, height: number, shrink: number, predictor = 1) => ({
  width,
  height,
  channels: 1 as const,
  bitsPerComponent: 8 as const,
  predictor: { predictor, colors: 1, bitsPerComponent: 8, columns: width },
  shrink,
});

describe("inflating a Flate scan image", () => {
  it("undoes PNG predictors and averages each 2 × 2 block, odd edges included", () => {
    // GIVEN a 5 × 3 gray image whose pixel (x, y) is 10·x + 100·y
    const gray = Uint8Array.from({ length: 15 }, (_, i) => 10 * (i % 5) + 100 * Math.floor(i / 5));
    // WHEN it is inflated with Up predictors and shrunk by 2
    const image = inflateImageSamples(deflateSync(upRows(gray, 5)), layout(5, 3, 2, 12));
    // THEN each output pixel is its block's average, the last column and row from their partial blocks
    expect(image).toMatchObject({ width: 3, height: 2, channels: 1 });
    expect([...image!.bytes]).toEqual([55, 75, 90, 205, 225, 240]);
  });

  it("keeps the rows of a cut-off stream instead of failing the page", () => {
    const gray = new Uint8Array(400 * 300).fill(200);
    const encoded = deflateSync(gray);
    const image = inflateImageSamples(encoded.subarray(0, encoded.length >> 1), layout(400, 300, 1));
    expect(image!.height).toBeGreaterThan(0);
    expect(image!.height).toBeLessThan(300);
    expect(image!.bytes.length).toBe(400 * image!.height);
    expect(image!.bytes.every((v) => v === 200)).toBe(true);
  });

  it("folds RGB samples into gray", () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const image = inflateImageSamples(deflateSync(rgb), { ...layout(4, 1, 1), channels: 3 });
    expect([...image!.bytes]).toEqual([76, 150, 29, 255]);
  });
});
