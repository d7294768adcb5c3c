/**
 * Cover sheet over subject line, field by field: what the signed sheet says wins; what it leaves open (a help-desk
 * sheet carries only the document type; the name comes only from the sheet's issue record) is taken from the
 * subject. The subject's case fields are not mixed into a sheet that names another case: they would describe
 * someone else.
 */
import type { DocumentMetadata, MetadataSource } from "../domain/metadata.js";
import type { Reason } from "../domain/route-reason.js";

export type MetadataField = "caseRef" | "customerNo" | "surname" | "docType";
export type FieldSource = Exclude<MetadataSource, "none">;

const FIELDS: readonly MetadataField[] = ["caseRef", "customerNo", "surname", "docType"];
const CASE_FIELDS: readonly MetadataField[] = ["caseRef", "customerNo", "surname"];

const NAMES: Record<MetadataField, Reason> = {
  caseRef: { de: "Aktenzeichen", en: "case reference" },
  customerNo: { de: "Kundennummer", en: "customer number" },
  surname: { de: "Name", en: "surname" },
  docType: { de: "Dokumentart", en: "document type" },
};

export interface MergedMetadata {
  metadata: DocumentMetadata;
  /** Which source each filled field came from. */
  fieldSources: Partial<Record<MetadataField, FieldSource>>;
  /** Subject values not used: the sheet says otherwise, or names a different case. */
  ignoredFromSubject: MetadataField[];
  /** The opening of the route reason: which source won for which field. */
  origin: Reason;
}

export function mergeMetadata(sheet: DocumentMetadata | null, subject: DocumentMetadata): MergedMetadata {
  if (!sheet) {
    const fieldSources: MergedMetadata["fieldSources"] = {};
    for (const field of FIELDS) if (subject[field] !== null) fieldSources[field] = "subject";
    const origin =
      subject.source === "subject"
        ? { de: "Angaben aus dem Betreff. ", en: "Metadata from the subject line. " }
        : { de: "", en: "" };
    return { metadata: subject, fieldSources, ignoredFromSubject: [], origin };
  }
  const contradicts = (["caseRef", "customerNo"] as const).filter(
    (f) => sheet[f] !== null && subject[f] !== null && sheet[f] !== subject[f],
  );
  const metadata: DocumentMetadata = { ...sheet, source: "cover-sheet" };
  const fieldSources: MergedMetadata["fieldSources"] = {};
  const ignoredFromSubject: MetadataField[] = [];
  for (const field of FIELDS) {
    if (sheet[field] !== null) {
      fieldSources[field] = "cover-sheet";
      if (subject[field] !== null && subject[field] !== sheet[field]) ignoredFromSubject.push(field);
    } else if (subject[field] === null) continue;
    else if (contradicts.length > 0 && CASE_FIELDS.includes(field)) ignoredFromSubject.push(field);
    else {
      metadata[field] = subject[field];
      fieldSources[field] = "subject";
    }
  }
  return { metadata, fieldSources, ignoredFromSubject, origin: originOf(fieldSources, contradicts, subject) };
}

function originOf(
  sources: MergedMetadata["fieldSources"],
  contradicts: MetadataField[],
  subject: DocumentMetadata,
): Reason {
  const from = (source: FieldSource) => FIELDS.filter((f) => sources[f] === source);
  const list = (fields: MetadataField[], lang: keyof Reason) => fields.map((f) => NAMES[f][lang]).join(", ");
  const filled = from("subject");
  let de = "Angaben aus dem Deckblatt (vor Betreff)";
  let en = "Metadata from the cover sheet (over subject)";
  if (filled.length > 0) {
    de = `Angaben aus dem Deckblatt (${list(from("cover-sheet"), "de")}, vor Betreff), ergänzt aus dem Betreff (${list(filled, "de")})`;
    en = `Metadata from the cover sheet (${list(from("cover-sheet"), "en")}, over subject), completed from the subject line (${list(filled, "en")})`;
  }
  if (contradicts.length > 0) {
    const named = contradicts.map((f) => `${NAMES[f].de} ${subject[f]}`).join(", ");
    const namedEn = contradicts.map((f) => `${NAMES[f].en} ${subject[f]}`).join(", ");
    de += `; der Betreff nennt einen anderen Fall (${named}), seine Angaben zum Fall bleiben unberücksichtigt`;
    en += `; the subject names another case (${namedEn}), its case fields are not used`;
  }
  return { de: `${de}. `, en: `${en}. ` };
}
