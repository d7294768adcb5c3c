/** The receipt stamp (Eingangsstempel): a small box in the top margin of page 1 with date, office and short id. */

import {
  degrees,
  PDFContentStream,
  PDFDocument,
  type PDFFont,
  PDFName,
  type PDFPage,
  rgb,
  StandardFonts,
} from "pdf-lib";
import { formatOfficeDateTime } from "../domain/office-time.js";
import { shortId } from "../ingest/new-id.js";
import type { PdfStamper } from "../ingest/ports.js";
import { cachedFontkit } from "./cached-fontkit.js";
import { takeParsed } from "./parsed-pdf-handoff.js";

export interface ReceiptStampOptions {
  officeName: string;
  timeZone: string;
  /**
   * The Unicode font for stamps with letters beyond WinAnsi, read on first use, so a missing font fails the
   * document (retried, then quarantined), not the start-up. `"helvetica"` where no font file can be read (Workers): pdf-lib's standard font, WinAnsi only,
   * so letters it cannot encode are written without their accents.
   */
  font: (() => Uint8Array) | "helvetica";
}

const FONT_SIZE = 7.5;
const PADDING = 3;
const TOP_GAP = 6;
const STAMP_COLOUR = rgb(0.62, 0.05, 0.05);

export function receiptStampText(
  receivedAt: Date,
  documentId: string,
  o: Pick<ReceiptStampOptions, "officeName" | "timeZone">,
): string {
  // § 130 BGB: the receipt is when it reached the office's mail server, shown in the office's local time.
  const when = formatOfficeDateTime(receivedAt, o.timeZone);
  return `Eingegangen am ${when} Uhr · ${o.officeName} · ${shortId(documentId)}`;
}

const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
/** Letters that Unicode does not decompose into a base letter and an accent. */
const BASE_LETTER: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", ı: "i", Ħ: "H", ħ: "h" };

/** Keeps what WinAnsi encodes (Latin-1 and a few more), strips accents from other letters, else "?". */
export function toWinAnsi(text: string): string {
  return [...text]
    .map((ch) => {
      if ((ch >= " " && ch <= "~") || (ch >= "\u00a0" && ch <= "\u00ff") || WIN_ANSI_EXTRA.has(ch)) return ch;
      const bare = BASE_LETTER[ch] ?? ch.normalize("NFD").replace(/\p{M}/gu, "");
      return [...bare].every((c) => c >= " " && c <= "~") && bare.length > 0 ? bare : "?";
    })
    .join("");
}

/** Returns a stamper that writes a new PDF; the input bytes stay untouched (the original is kept as is). */
export function createReceiptStamper(options: ReceiptStampOptions): PdfStamper {
  return async function stampReceipt(pdf, stamp) {
    // The splitter's parse when it handed one over (a one-page scan is then parsed once, not three times).
    const parsed = pdf instanceof Uint8Array ? undefined : takeParsed(pdf);
    const doc =
      parsed ??
      (await PDFDocument.load(pdf instanceof Uint8Array ? pdf : await pdf.pdf(), {
        ignoreEncryption: false,
        updateMetadata: false,
      }));
    const full = receiptStampText(stamp.receivedAt, stamp.documentId, options);
    // Helvetica needs no font program in the file; subsetting the Unicode font cost ~5 ms a document. So the
    // Unicode font only where the text has letters WinAnsi cannot encode (an office name like "Łódź").
    const winAnsi = toWinAnsi(full);
    const unicodeFont = options.font !== "helvetica" && winAnsi !== full ? options.font : null;
    let font: PDFFont;
    if (unicodeFont) {
      doc.registerFontkit(cachedFontkit);
      font = await doc.embedFont(unicodeFont(), { subset: true });
    } else font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.getPage(0);
    const view = visualFrame(page);
    const text = unicodeFont ? full : winAnsi;
    const textWidth = font.widthOfTextAtSize(text, FONT_SIZE);
    const size = textWidth > view.width - 24 ? (FONT_SIZE * (view.width - 24)) / textWidth : FONT_SIZE;
    const boxWidth = font.widthOfTextAtSize(text, size) + 2 * PADDING;
    const boxHeight = size + 2 * PADDING;
    // Top right as the reader sees the page: measured in the visible, upright frame, then mapped back.
    const u = view.width - boxWidth - 12;
    const v = view.height - TOP_GAP - boxHeight;
    const rotate = degrees(view.rotation);
    page.drawRectangle({
      ...view.toPage(u, v),
      width: boxWidth,
      height: boxHeight,
      rotate,
      color: rgb(1, 1, 1),
      opacity: 0.9,
      borderColor: STAMP_COLOUR,
      borderWidth: 0.8,
    });
    page.drawText(text, {
      ...view.toPage(u + PADDING, v + PADDING + size * 0.22),
      rotate,
      size,
      font,
      color: STAMP_COLOUR,
    });
    leaveUncompressed(doc);
    return doc.save({ useObjectStreams: false });
  };
}

/**
 * The stamp's content streams are a few dozen bytes: deflating them (pako, with a fresh 64 KB window each) cost
 * more than the rest of the stamp. Loaded streams are PDFRawStreams and stay as they are.
 */
function leaveUncompressed(doc: PDFDocument): void {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream)) continue;
    object.dict.delete(PDFName.of("Filter"));
    (object as unknown as { encode: boolean }).encode = false;
  }
}

/**
 * The page as a reader sees it: the visible box (CropBox within MediaBox, which need not start at 0,0) turned
 * by /Rotate (clockwise, multiples of 90). `toPage` maps upright coordinates from its bottom left to user space;
 * drawing rotated by `rotation` (counter-clockwise in user space) then reads upright.
 */
export function visualFrame(page: PDFPage): {
  width: number;
  height: number;
  rotation: 0 | 90 | 180 | 270;
  toPage(u: number, v: number): { x: number; y: number };
} {
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  const left = Math.max(media.x, crop.x);
  const bottom = Math.max(media.y, crop.y);
  const right = Math.min(media.x + media.width, crop.x + crop.width);
  const top = Math.min(media.y + media.height, crop.y + crop.height);
  // A crop box outside the media box is broken; the media box is what is there.
  const box =
    right > left && top > bottom
      ? { x: left, y: bottom, w: right - left, h: top - bottom }
      : { x: media.x, y: media.y, w: media.width, h: media.height };
  const rotation = ((((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360) as
    | 0
    | 90
    | 180
    | 270;
  const { x, y, w, h } = box;
  switch (rotation) {
    case 90:
      return { width: h, height: w, rotation, toPage: (u, v) => ({ x: x + w - v, y: y + u }) };
    case 180:
      return { width: w, height: h, rotation, toPage: (u, v) => ({ x: x + w - u, y: y + h - v }) };
    case 270:
      return { width: h, height: w, rotation, toPage: (u, v) => ({ x: x + v, y: y + h - u }) };
    default:
      return { width: w, height: h, rotation, toPage: (u, v) => ({ x: x + u, y: y + v }) };
  }
}
