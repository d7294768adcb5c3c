/** Issuing cover sheets: validate the request, sign one payload per sheet, record them, render the PDF. */

import type { CoverSheetRow } from "../db/cover-sheet-repository.js";
import { type CoverSheetKeyring, encodeCoverSheet } from "../domain/cover-sheet-codec.js";
import { codeOfDocType } from "../domain/cover-sheet-doc-codes.js";
import { canonicalDocType, defaultDocTypes } from "../domain/doc-types.js";
import type { OfficeSnapshot } from "../domain/office.js";
import { officeDate } from "../domain/office-time.js";
import { type CoverSheetFonts, type CoverSheetView, renderCoverSheets } from "./render-cover-sheet.js";

export interface IssueCoverSheetsRequest {
  caseRef: string | null;
  customerNo: string | null;
  surname: string | null;
  docType: string;
  declaredPages: number | null;
  count: number;
  issuedBy: string;
}

export interface IssueCoverSheetsDeps {
  keyring: () => CoverSheetKeyring;
  recordIssued(rows: CoverSheetRow[]): Promise<void>;
  loadOffice(): Promise<OfficeSnapshot>;
  now: () => Date;
  newSerial: () => string;
  timeZone: string;
  officeName: string;
  fonts: () => CoverSheetFonts;
}

export type IssueCoverSheetsResult =
  | { ok: true; pdf: Uint8Array; serials: string[] }
  | { ok: false; reason: string };

export const MAX_SHEETS_PER_REQUEST = 200;

export async function issueCoverSheets(
  deps: IssueCoverSheetsDeps,
  request: IssueCoverSheetsRequest,
): Promise<IssueCoverSheetsResult> {
  const docType = canonicalDocType(request.docType, defaultDocTypes) ?? request.docType;
  const docCode = codeOfDocType(docType);
  if (!docCode) return { ok: false, reason: `Unbekannte Dokumentart „${request.docType}“` };
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > MAX_SHEETS_PER_REQUEST)
    return { ok: false, reason: `Anzahl muss zwischen 1 und ${MAX_SHEETS_PER_REQUEST} liegen` };
  const office = await deps.loadOffice();
  const teamId = office.docTypeRules.find((r) => r.docType === docType)?.teamId ?? null;
  const teamName = office.teams.find((t) => t.id === teamId)?.name ?? null;
  const now = deps.now();
  const issuedOn = officeDate(now, deps.timeZone);
  const keyring = deps.keyring();
  const rows: CoverSheetRow[] = [];
  const views: CoverSheetView[] = [];
  for (let i = 0; i < request.count; i++) {
    const serial = deps.newSerial();
    const fields = {
      serial,
      caseRef: request.caseRef,
      customerNo: request.customerNo,
      docCode,
      declaredPages: request.declaredPages,
      issuedOn,
    };
    let qrText: string;
    try {
      qrText = encodeCoverSheet(fields, keyring);
    } catch (err) {
      if (err instanceof RangeError) return { ok: false, reason: err.message };
      throw err;
    }
    views.push({ ...fields, qrText, docType, surname: request.surname, teamName });
    rows.push({
      serial,
      keyId: keyring.current.id,
      caseRef: request.caseRef,
      customerNo: request.customerNo,
      surname: request.surname,
      docType,
      declaredPages: request.declaredPages,
      teamId,
      issuedBy: request.issuedBy,
      issuedAt: now.toISOString(),
    });
  }
  const pdf = await renderCoverSheets(views, { officeName: deps.officeName, fonts: deps.fonts() });
  await deps.recordIssued(rows);
  return { ok: true, pdf, serials: rows.map((r) => r.serial) };
}
