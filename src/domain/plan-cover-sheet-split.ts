/**
 * Which pages of a scan form which document, from what was seen on each page. Pure: the I/O (images, QR
 * reading) happens before, the PDF cutting after. A valid cover sheet starts a document and is not part of it;
 * pages before the first sheet form a document of their own (routed by the subject line). Blank pages (duplex
 * backsides) are left out of every document, with or without sheets; the stored original keeps them.
 */
import {
  type CoverSheetKeyring,
  type CoverSheetPayload,
  decodeCoverSheet,
  looksLikeCoverSheet,
} from "./cover-sheet-codec.js";
import {
  blankPagesDetail,
  FLAG_BLANK_PAGES_DROPPED,
  FLAG_PAGE_COUNT_MISMATCH,
  FLAG_SHEET_WITHOUT_DOCUMENT,
  type FlagDetails,
  pageCountDetail,
} from "./document-flags.js";

export { FLAG_BLANK_PAGES_DROPPED, FLAG_PAGE_COUNT_MISMATCH, FLAG_SHEET_WITHOUT_DOCUMENT };

export interface PageObservation {
  /** Texts of the QR codes on the page; codes that are not Postkorb cover sheets are ignored. */
  qrTexts: string[];
  blank: boolean;
}

export interface PlannedPart {
  /** 0-based page indices of the scan that form the document (blank backsides left out). */
  pages: number[];
  /** The sheet page that started this document, or null for pages before the first sheet. */
  sheetPage: number | null;
  sheet: CoverSheetPayload | null;
  flags: string[];
  /** The facts behind the flags ("3 angegeben, 2 gefunden"), by flag code. */
  flagDetails: FlagDetails;
  note: string | null;
}

/** A page whose QR code claims to be a Postkorb sheet but does not verify (forged, altered, unknown key). */
export interface RejectedSheet {
  /** 0-based page index in the scan. */
  page: number;
  /** The serial the code claims, when it can be read at all; unverified, so only for the audit trail. */
  serial: string | null;
  /** "Deckblatt ungültig: Signatur stimmt nicht … (Seite 3)". */
  reason: string;
}

/**
 * What the cover-sheet splitter adds to a document part beyond the pipeline port's fields; the pipeline reads
 * them when present (flag details for the caseworker, the rejected sheet for the audit trail).
 */
export interface SplitPartFacts {
  flagDetails?: FlagDetails;
  /** The serial of the verified sheet that started the part. */
  sheetSerial?: string;
  rejectedSheet?: RejectedSheet;
}

export type SplitPlan =
  | { kind: "split"; parts: PlannedPart[] }
  /** No sheet and no blank page: the scan stays one document, untouched. */
  | { kind: "whole" }
  /** A sheet claims to be ours but does not verify: nothing is split, the scan goes to triage. */
  | ({ kind: "invalid" } & RejectedSheet);

export function planCoverSheetSplit(pages: PageObservation[], keyring: CoverSheetKeyring): SplitPlan {
  const sheets = new Map<number, CoverSheetPayload>();
  for (const [index, page] of pages.entries()) {
    const claimed = page.qrTexts.filter(looksLikeCoverSheet);
    if (claimed.length === 0) continue;
    const decoded = claimed.map((text) => decodeCoverSheet(text, keyring));
    const valid = decoded.find((d) => d.ok);
    if (valid?.ok) sheets.set(index, valid.payload);
    else {
      const reason = decoded.map((d) => (d.ok ? "" : d.reason)).join("; ");
      return {
        kind: "invalid",
        page: index,
        serial: claimed.map(claimedSerial).find((s) => s !== null) ?? null,
        reason: `Deckblatt ungültig: ${reason} (Seite ${index + 1})`,
      };
    }
  }
  if (sheets.size === 0) {
    const all = range(0, pages.length);
    // A scan of only blank pages is still somebody's mail: it stays whole for a person to look at.
    if (!all.some((i) => pages[i]!.blank) || all.every((i) => pages[i]!.blank)) return { kind: "whole" };
    return { kind: "split", parts: [buildPart(all, pages, null, null)] };
  }

  const starts = [...sheets.keys()];
  const parts: PlannedPart[] = [];
  const leading = range(0, starts[0]!);
  // Blank pages alone before the first sheet (the back of nothing) stay in the original only.
  if (leading.some((i) => !pages[i]!.blank)) parts.push(buildPart(leading, pages, null, null));
  for (const [i, start] of starts.entries()) {
    const end = starts[i + 1] ?? pages.length;
    parts.push(buildPart(range(start + 1, end), pages, start, sheets.get(start)!));
  }
  return { kind: "split", parts };
}

function buildPart(
  span: number[],
  pages: PageObservation[],
  sheetPage: number | null,
  sheet: CoverSheetPayload | null,
): PlannedPart {
  const kept = span.filter((i) => !pages[i]!.blank);
  const dropped = span.length - kept.length;
  const flags: string[] = [];
  const flagDetails: FlagDetails = {};
  const notes: string[] = [];
  if (sheet) notes.push(`Deckblatt ${sheet.serial} (Seite ${sheetPage! + 1})`);
  if (dropped > 0) {
    flags.push(FLAG_BLANK_PAGES_DROPPED);
    flagDetails[FLAG_BLANK_PAGES_DROPPED] = blankPagesDetail(dropped);
    notes.push(`${dropped} leere Rückseite(n) entfernt`);
  }
  if (sheet && kept.length === 0) {
    // Nothing lost: the sheet itself becomes the document so a person sees the empty slot.
    flags.push(FLAG_SHEET_WITHOUT_DOCUMENT);
    notes.push("auf das Deckblatt folgte kein Dokument");
    return { pages: [sheetPage!], sheetPage, sheet, flags, flagDetails, note: notes.join("; ") };
  }
  if (sheet?.declaredPages && sheet.declaredPages !== kept.length) {
    flags.push(FLAG_PAGE_COUNT_MISMATCH);
    flagDetails[FLAG_PAGE_COUNT_MISMATCH] = pageCountDetail(sheet.declaredPages, kept.length);
    notes.push(`Seitenzahl abweichend: ${sheet.declaredPages} angegeben, ${kept.length} gefunden`);
  }
  return { pages: kept, sheetPage, sheet, flags, flagDetails, note: notes.join("; ") || null };
}

/** The serial field of a code that looks like ours (`PK1*<key>*<serial>*…`), verified or not. */
function claimedSerial(text: string): string | null {
  const serial = text.split("*")[2];
  return serial && /^[0-9A-Z]{6,12}$/.test(serial) ? serial : null;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
