/** FlateDecode image samples: inflate, then undo PNG predictors (ISO 32000-1 §7.4.4.4, RFC 2083 §6). */
import { inflateSync } from "node:zlib";

export interface PredictorParams {
  predictor: number;
  colors: number;
  bitsPerComponent: number;
  columns: number;
}

export function inflateImage(data: Uint8Array, params: PredictorParams): Uint8Array | null {
  const buffer = inflateSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut-off stream */ });
  // A view, not a copy: a 300 dpi page is ~9 MB, and the caller is the only one who holds it.
  const inflated = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (params.predictor <= 1) return inflated;
  if (params.predictor < 10) return null; // TIFF predictor 2: rare in scans; the caller renders instead
  return undoPngPredictors(inflated, params);
}

function undoPngPredictors(input: Uint8Array, p: PredictorParams): Uint8Array {
  const bpp = Math.max(1, Math.ceil((p.colors * p.bitsPerComponent) / 8));
  const rowBytes = Math.ceil((p.colors * p.bitsPerComponent * p.columns) / 8);
  const rows = Math.floor(input.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const filter = input[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    const prev = dst - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = input[src + i]!;
      const left = i >= bpp ? out[dst + i - bpp]! : 0;
      const up = r > 0 ? out[prev + i]! : 0;
      const upLeft = r > 0 && i >= bpp ? out[prev + i - bpp]! : 0;
      out[dst + i] = (raw + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      return 0;
  }
}
