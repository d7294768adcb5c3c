/** What the main thread hands a QR worker for one page: the page's scan image, still encoded where possible. */
import type { FlateImageLayout } from "./flate-image.js";

/** The page's image, in the form the worker decodes. */
export type PageImage =
  /** A DCT (JPEG) stream as stored in the PDF; the native decoder (or sharp) decodes it, shrinking on load. */
  | { kind: "jpeg"; bytes: Uint8Array }
  /** Decoded samples, one or three 8-bit channels or 1-bit gray rows padded to bytes. */
  | {
      kind: "raw";
      bytes: Uint8Array;
      width: number;
      height: number;
      channels: 1 | 3;
      bitsPerComponent: 1 | 8;
      /** PDF /Decode [1 0]: sample 0 is white. */
      inverted: boolean;
    }
  /**
   * A FlateDecode image stream as stored in the PDF, with what it takes to decode it (checked on the main
   * thread: the predictor is supported). The worker inflates it in chunks, undoing predictors and shrinking
   * row by row (flate-stream.ts), and scans the result as `raw` samples: the page is never inflated whole.
   */
  | ({
      kind: "flate";
      bytes: Uint8Array;
      /** PDF /Decode [1 0] (or an image mask): sample 0 is white. */
      inverted: boolean;
    } & FlateImageLayout)
  /** A complete TIFF file (CCITT G3/G4 wrapped by ccitt-tiff.ts) for sharp/libtiff to decode. */
  | { kind: "tiff"; bytes: Uint8Array };

export type PageImageTask = PageImage & {
  /**
   * The bytes were made for this task (inflated, wrapped, rendered) and nobody else holds them, so the pool
   * may move them to its worker instead of copying. Absent: they belong to the PDF and are only read.
   */
  owned?: boolean;
};

export interface PageScan {
  /** Texts of all QR codes read on the page. */
  texts: string[];
  /** Nothing printed on the page (a duplex backside). */
  blank: boolean;
  /** Which attempt found the codes (0 = first), for tuning and the bench. */
  attempt: number;
}
