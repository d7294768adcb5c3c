/** Metadata of a document as read from the subject line or a cover sheet. */

export type MetadataSource = "cover-sheet" | "subject" | "none";

export interface DocumentMetadata {
  caseRef: string | null;
  customerNo: string | null;
  surname: string | null;
  /** Canonical document type (e.g. "Kontoauszug"), or null when unknown/absent. */
  docType: string | null;
  source: MetadataSource;
}
