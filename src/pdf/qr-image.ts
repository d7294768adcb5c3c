/** A QR symbol as a crisp 1-bit PNG: an image XObject, so even an unscanned sheet is found without rendering. */
import QRCode from "qrcode";
import sharp from "sharp";

/** ISO/IEC 18004 asks for a 4-module quiet zone; the renderer adds white paper around it as well. */
const QUIET_MODULES = 4;

export interface QrImage {
  png: Uint8Array;
  modules: number;
}

export async function renderQrPng(
  text: string,
  pixelsPerModule = 8,
  errorCorrectionLevel: "M" | "Q" | "H" = "M",
): Promise<QrImage> {
  // Uppercase alphanumeric text lets qrcode pick alphanumeric mode (5.5 bits per character).
  const symbol = QRCode.create(text, { errorCorrectionLevel });
  const size = symbol.modules.size;
  const total = size + 2 * QUIET_MODULES;
  const side = total * pixelsPerModule;
  const pixels = Buffer.alloc(side * side, 255);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!symbol.modules.get(row, col)) continue;
      const top = (row + QUIET_MODULES) * pixelsPerModule;
      const left = (col + QUIET_MODULES) * pixelsPerModule;
      for (let y = top; y < top + pixelsPerModule; y++)
        pixels.fill(0, y * side + left, y * side + left + pixelsPerModule);
    }
  }
  const png = await sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
    .png({ palette: true, colours: 2 })
    .toBuffer();
  return { png: new Uint8Array(png), modules: total };
}
