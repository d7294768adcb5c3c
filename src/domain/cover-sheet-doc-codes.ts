/** Two-letter codes for document types on cover-sheet QR codes (QR alphanumeric mode has no lower case). */

/** Stable once printed: a sheet issued today must still decode next year. Add codes, never change them. */
export const coverSheetDocCodes: Readonly<Record<string, string>> = Object.freeze({
  KA: "Kontoauszug",
  MB: "Mietbescheinigung",
  MV: "Mietvertrag",
  NK: "Nebenkostenabrechnung",
  LA: "Lohnabrechnung",
  AN: "Antrag",
  WB: "Weiterbewilligungsantrag",
  BS: "Bescheid",
  WS: "Widerspruch",
  NW: "Nachweis",
  AU: "Arbeitsunfähigkeitsbescheinigung",
  VM: "Veränderungsmitteilung",
  SO: "Sonstiges",
});

export function docTypeOfCode(code: string): string | null {
  return Object.hasOwn(coverSheetDocCodes, code) ? (coverSheetDocCodes[code] ?? null) : null;
}

export function codeOfDocType(docType: string): string | null {
  for (const [code, name] of Object.entries(coverSheetDocCodes)) if (name === docType) return code;
  return null;
}
