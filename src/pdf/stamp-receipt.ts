/** The receipt stamp (Eingangsstempel): a small box in the top margin of page 1 with date, office and short id. */
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";
import { formatOfficeDateTime } from "../domain/office-time.js";
import { shortId } from "../ingest/new-id.js";
import type { PdfStamper } from "../ingest/ports.js";

export interface ReceiptStampOptions {
  officeName: string;
  timeZone: string;
  /** Read on first use, so a missing font fails the document (retried, then quarantined), not the start-up. */
  font: () => Uint8Array;
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

/** Returns a stamper that writes a new PDF; the input bytes stay untouched (the original is kept as is). */
export function createReceiptStamper(options: ReceiptStampOptions): PdfStamper {
  return async function stampReceipt(pdf, stamp) {
    const doc = await PDFDocument.load(pdf, { ignoreEncryption: false, updateMetadata: false });
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(options.font(), { subset: true });
    const page = doc.getPage(0);
    const { width, height } = page.getSize();
    const text = receiptStampText(stamp.receivedAt, stamp.documentId, options);
    const textWidth = font.widthOfTextAtSize(text, FONT_SIZE);
    const size = textWidth > width - 24 ? (FONT_SIZE * (width - 24)) / textWidth : FONT_SIZE;
    const boxWidth = font.widthOfTextAtSize(text, size) + 2 * PADDING;
    const boxHeight = size + 2 * PADDING;
    const x = width - boxWidth - 12;
    const y = height - TOP_GAP - boxHeight;
    page.drawRectangle({
      x,
      y,
      width: boxWidth,
      height: boxHeight,
      color: rgb(1, 1, 1),
      opacity: 0.9,
      borderColor: STAMP_COLOUR,
      borderWidth: 0.8,
    });
    page.drawText(text, { x: x + PADDING, y: y + PADDING + size * 0.22, size, font, color: STAMP_COLOUR });
    return doc.save({ useObjectStreams: false });
  };
}
