/** The blank-page test on a gray thumbnail: pure, so Node, Bun and the Worker isolate share it. */
import type { GrayImage } from "./gray-pixels.js";

/**
 * A page is blank when almost no pixel is much darker than the paper. The outer 8 % are ignored: scanner lids
 * leave shadows there. Thresholds relative to the paper level, so grey recycled paper counts as paper.
 */
export function isBlank(thumb: GrayImage): boolean {
  const { data, width, height } = thumb;
  const mx = Math.round(width * 0.08);
  const my = Math.round(height * 0.08);
  const histogram = new Uint32Array(256);
  for (let y = my; y < height - my; y++)
    for (let x = mx; x < width - mx; x++) histogram[data[y * width + x]!]!++;
  const total = (width - 2 * mx) * (height - 2 * my);
  let seen = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= total * 0.5) {
      paper = v;
      break;
    }
  }
  const inkBelow = paper * 0.72;
  let ink = 0;
  for (let v = 0; v < inkBelow; v++) ink += histogram[v]!;
  return ink / total < 0.002;
}
