/**
 * Wraps a PDF CCITTFaxDecode stream in a one-strip TIFF so sharp (libtiff) decodes it: same codec, other box.
 * TIFF 6.0 §§ 3, 11: Compression 3 = T.4 (G3), 4 = T.6 (G4); PDF /K < 0 means G4, K = 0 G3 1-D, K > 0 G3 2-D.
 */
export interface CcittParams {
  k: number;
  columns: number;
  rows: number;
  /**
   * Fax data codes white and black runs; PDF shows them inverted when exactly one of /BlackIs1 true and
   * /Decode [1 0] is set. TIFF WhiteIsZero shows the runs as they are, BlackIsZero inverted.
   */
  inverted: boolean;
  encodedByteAlign: boolean;
}

export function wrapCcittInTiff(data: Uint8Array, p: CcittParams): Uint8Array {
  const entries: [number, number, number][] = [
    [256, 4, p.columns], // ImageWidth (LONG)
    [257, 4, p.rows], // ImageLength
    [258, 3, 1], // BitsPerSample
    [259, 3, p.k < 0 ? 4 : 3], // Compression
    [262, 3, p.inverted ? 1 : 0], // PhotometricInterpretation
    [273, 4, 0], // StripOffsets, patched below
    [277, 3, 1], // SamplesPerPixel
    [278, 4, p.rows], // RowsPerStrip
    [279, 4, data.length], // StripByteCounts
  ];
  if (p.k >= 0)
    entries.push([292, 4, (p.k > 0 ? 1 : 0) | (p.encodedByteAlign ? 4 : 0)]); // T4Options
  else if (p.encodedByteAlign) entries.push([293, 4, 0]);
  entries.sort((a, b) => a[0] - b[0]);
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  const out = new Uint8Array(dataOffset + data.length);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0], 0); // "II", little endian
  view.setUint32(4, 8, true);
  view.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, 1, true);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) view.setUint16(at + 8, v, true);
    else view.setUint32(at + 8, v, true);
  });
  view.setUint32(10 + entries.length * 12, 0, true);
  out.set(data, dataOffset);
  return out;
}
