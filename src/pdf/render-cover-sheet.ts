/** Renders printable A4 cover sheets (Deckblätter) in German, one page per sheet, with the signed QR code. */

import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { checkCodeOf } from "../domain/cover-sheet-codec.js";
import { formatIsoDateGerman } from "../domain/office-time.js";
import { cachedFontkit } from "./cached-fontkit.js";
import { renderQrPng } from "./qr-image.js";

export interface CoverSheetView {
  /** The signed QR text from encodeCoverSheet. */
  qrText: string;
  serial: string;
  docType: string;
  caseRef: string | null;
  customerNo: string | null;
  surname: string | null;
  declaredPages: number | null;
  issuedOn: string;
  teamName: string | null;
}

export interface CoverSheetFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

const A4: [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;
const QR_SIDE_MM = 72;
const INK = rgb(0.1, 0.1, 0.1);
const INSTRUCTIONS = [
  "Legen Sie dieses Blatt vor jedes Dokument, das Sie einscannen – für jedes Dokument ein eigenes Blatt.",
  "Scannen Sie alle Blätter in einem Durchgang; das Blatt selbst wird nicht Teil Ihres Dokuments.",
  "Bitte das Blatt nicht knicken, beschriften oder kopieren: der QR-Code ist fälschungssicher signiert.",
  "Bei Fragen hilft Ihnen die Information im Kundenzentrum.",
];

export async function renderCoverSheets(
  sheets: CoverSheetView[],
  office: { officeName: string; fonts: CoverSheetFonts },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachedFontkit);
  const regular = await doc.embedFont(office.fonts.regular, { subset: true });
  const bold = await doc.embedFont(office.fonts.bold, { subset: true });
  doc.setTitle(sheets.length === 1 ? `Deckblatt ${sheets[0]!.serial}` : `Deckblätter (${sheets.length})`);
  doc.setCreator("Postkorb");
  for (const sheet of sheets) await drawSheet(doc, sheet, { officeName: office.officeName, regular, bold });
  return doc.save({ useObjectStreams: false });
}

interface Fonts {
  officeName: string;
  regular: PDFFont;
  bold: PDFFont;
}

async function drawSheet(doc: PDFDocument, sheet: CoverSheetView, f: Fonts): Promise<void> {
  const page = doc.addPage(A4);
  const left = 20 * MM;
  let y = A4[1] - 25 * MM;
  page.drawText(f.officeName, { x: left, y, size: 15, font: f.bold, color: INK });
  y -= 18;
  if (sheet.teamName) page.drawText(sheet.teamName, { x: left, y, size: 11, font: f.regular, color: INK });
  y -= 46;
  page.drawText("Deckblatt", { x: left, y, size: 34, font: f.bold, color: INK });
  y -= 22;
  const subtitle = sheet.caseRef ? "für Ihre Unterlagen" : "für Unterlagen ohne Aktenzeichen (allgemein)";
  page.drawText(subtitle, { x: left, y, size: 12, font: f.regular, color: INK });

  const qr = await renderQrPng(sheet.qrText, 8, "M");
  const image = await doc.embedPng(qr.png);
  const side = QR_SIDE_MM * MM;
  const qrX = A4[0] - 20 * MM - side;
  const qrY = A4[1] - 60 * MM - side;
  page.drawImage(image, { x: qrX, y: qrY, width: side, height: side });
  drawCentered(page, `Prüfcode ${checkCodeOf(sheet.qrText)}`, qrX + side / 2, qrY - 16, 13, f.bold);
  drawCentered(page, `Blatt-Nr. ${sheet.serial}`, qrX + side / 2, qrY - 31, 9, f.regular);

  drawFields(page, fieldRows(sheet), left, A4[1] - 95 * MM, f);
  drawInstructions(page, left, 95 * MM, f);
}

function fieldRows(sheet: CoverSheetView): [string, string][] {
  const rows: [string, string][] = [["Dokumentart", sheet.docType]];
  rows.push(["Aktenzeichen", sheet.caseRef ?? "—"]);
  if (sheet.surname) rows.push(["Name", sheet.surname]);
  if (sheet.customerNo) rows.push(["Kundennummer", sheet.customerNo]);
  if (sheet.declaredPages) rows.push(["Seiten", String(sheet.declaredPages)]);
  rows.push(["Ausgestellt am", formatIsoDateGerman(sheet.issuedOn)]);
  return rows;
}

function drawFields(page: PDFPage, rows: [string, string][], x: number, top: number, f: Fonts): void {
  let y = top;
  for (const [label, value] of rows) {
    page.drawText(label, { x, y, size: 10, font: f.regular, color: rgb(0.35, 0.35, 0.35) });
    page.drawText(fitText(value, f.bold, 15, 75 * MM), { x, y: y - 17, size: 15, font: f.bold, color: INK });
    y -= 42;
  }
}

function drawInstructions(page: PDFPage, x: number, top: number, f: Fonts): void {
  const width = A4[0] - 2 * x;
  const lines = INSTRUCTIONS.flatMap((line) => wrap(`• ${line}`, f.regular, 10, width - 20));
  const height = 34 + lines.length * 13;
  page.drawRectangle({ x, y: top + 12 - height, width, height, borderColor: INK, borderWidth: 1 });
  page.drawText("So geht es", { x: x + 10, y: top - 6, size: 12, font: f.bold, color: INK });
  let y = top - 26;
  for (const line of lines) {
    page.drawText(line, { x: x + 10, y, size: 10, font: f.regular, color: INK });
    y -= 13;
  }
}

function drawCentered(page: PDFPage, text: string, cx: number, y: number, size: number, font: PDFFont): void {
  page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y, size, font, color: INK });
}

function fitText(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = `  ${word}`;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
