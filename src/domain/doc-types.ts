/** Document types the office knows (canonical name → synonyms) and the lookup from written text to a canonical name. */

/**
 * Defaults for the embedded mode; a deployment replaces them from config. The canonical name always counts as its
 * own synonym. Spelling variants that differ only in case, spaces, dots, hyphens or umlaut transliteration
 * ("Kto.-Auszug", "ktoauszug"; "Arbeitsunfaehigkeitsbescheinigung") need no entry of their own: see `toDocTypeKey`.
 */
export const defaultDocTypes: Record<string, string[]> = deepFreeze({
  Kontoauszug: ["Kontoauszüge", "Kto-Auszug", "Kto-Auszüge", "Bankauszug", "Bankauszüge"],
  Mietbescheinigung: ["Mietbescheinigungen", "Vermieterbescheinigung", "Wohnungsgeberbescheinigung"],
  Mietvertrag: ["Mietverträge"],
  Nebenkostenabrechnung: [
    "Nebenkostenabrechnungen",
    "Betriebskostenabrechnung",
    "NK-Abrechnung",
    "BK-Abrechnung",
  ],
  Lohnabrechnung: [
    "Lohnabrechnungen",
    "Gehaltsabrechnung",
    "Gehaltsabrechnungen",
    "Entgeltabrechnung",
    "Verdienstbescheinigung",
    "Lohnzettel",
  ],
  Antrag: ["Anträge", "Erstantrag", "Neuantrag", "Hauptantrag"],
  Weiterbewilligungsantrag: ["WBA", "Weiterbewilligung", "Antrag auf Weiterbewilligung", "Folgeantrag"],
  Bescheid: ["Bescheide"],
  Widerspruch: ["Widersprüche"],
  Nachweis: ["Nachweise", "Beleg", "Belege"],
  Arbeitsunfähigkeitsbescheinigung: [
    "Arbeitsunfähigkeitsbescheinigungen",
    "AU",
    "AU-Bescheinigung",
    "AUB",
    "Krankmeldung",
    "Krankschreibung",
  ],
  Veränderungsmitteilung: ["Veränderungsanzeige", "VÄM"],
});

/**
 * The canonical document type that `text` names, or null when it names none. Whole-text match only: "Kontoauszug
 * Januar" is not a Kontoauszug here, because the parser must not guess. When a synonym is listed under two
 * canonical names, the first one in `docTypes` wins.
 */
export function canonicalDocType(text: string, docTypes: Record<string, string[]>): string | null {
  const key = toDocTypeKey(text);
  if (key === "") return null;
  for (const [canonical, synonyms] of Object.entries(docTypes)) {
    if (toDocTypeKey(canonical) === key) return canonical;
    if (synonyms.some((synonym) => toDocTypeKey(synonym) === key)) return canonical;
  }
  return null;
}

/**
 * Comparison key: NFC, lower case, German umlauts transliterated (terminal keyboards without umlauts type "ae"),
 * and spaces, dots, hyphens and underscores dropped.
 */
function toDocTypeKey(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[\s.\-‐–_]/gu, "");
}

function deepFreeze(table: Record<string, string[]>): Record<string, string[]> {
  for (const synonyms of Object.values(table)) Object.freeze(synonyms);
  return Object.freeze(table);
}
