import { describe, expect, it } from "vitest";
import type { DocumentMetadata } from "../../../src/domain/metadata.js";
import { mergeMetadata } from "../../../src/ingest/merge-metadata.js";

const sheet = (fields: Partial<DocumentMetadata>): DocumentMetadata => ({
  caseRef: null,
  customerNo: null,
  surname: null,
  docType: "Kontoauszug",
  source: "cover-sheet",
  ...fields,
});
const subject = (fields: Partial<DocumentMetadata>): DocumentMetadata => ({
  caseRef: null,
  customerNo: null,
  surname: null,
  docType: null,
  source: "subject",
  ...fields,
});

describe("cover sheet over subject line, field by field", () => {
  it("fills what a generic help-desk sheet leaves open from the subject and says so", () => {
    const merged = mergeMetadata(
      sheet({}),
      subject({ caseRef: "50-1234/2026", surname: "Müller", docType: "Mietbescheinigung" }),
    );
    expect(merged.metadata).toEqual({
      caseRef: "50-1234/2026",
      customerNo: null,
      surname: "Müller",
      docType: "Kontoauszug",
      source: "cover-sheet",
    });
    expect(merged.fieldSources).toEqual({ caseRef: "subject", surname: "subject", docType: "cover-sheet" });
    expect(merged.origin.de).toBe(
      "Angaben aus dem Deckblatt (Dokumentart, vor Betreff), ergänzt aus dem Betreff (Aktenzeichen, Name). ",
    );
    expect(merged.origin.en).toMatch(/completed from the subject line \(case reference, surname\)/);
  });

  it("adds the name from the subject to a sheet of the same case", () => {
    const merged = mergeMetadata(
      sheet({ caseRef: "50-1234/2026" }),
      subject({ caseRef: "50-1234/2026", surname: "Müller" }),
    );
    expect(merged.metadata).toMatchObject({ caseRef: "50-1234/2026", surname: "Müller" });
    expect(merged.fieldSources).toEqual({
      caseRef: "cover-sheet",
      surname: "subject",
      docType: "cover-sheet",
    });
  });

  it("takes nothing about the case from a subject that names another case", () => {
    const merged = mergeMetadata(
      sheet({ caseRef: "50-1234/2026" }),
      subject({ caseRef: "50-9999/2026", customerNo: "100999", surname: "Schmidt" }),
    );
    expect(merged.metadata).toMatchObject({ caseRef: "50-1234/2026", customerNo: null, surname: null });
    expect(merged.ignoredFromSubject).toEqual(["caseRef", "customerNo", "surname"]);
    expect(merged.origin.de).toMatch(/Betreff nennt einen anderen Fall \(Aktenzeichen 50-9999\/2026\)/);
  });

  it("keeps the old wording when the sheet supplies everything the subject has", () => {
    const merged = mergeMetadata(sheet({ caseRef: "50-1234/2026" }), subject({}));
    expect(merged.origin.de).toBe("Angaben aus dem Deckblatt (vor Betreff). ");
  });

  it("uses the subject alone when there is no sheet", () => {
    const merged = mergeMetadata(null, subject({ caseRef: "50-1234/2026" }));
    expect(merged.metadata.source).toBe("subject");
    expect(merged.fieldSources).toEqual({ caseRef: "subject" });
    expect(merged.origin.de).toBe("Angaben aus dem Betreff. ");
    expect(mergeMetadata(null, { ...subject({}), source: "none" }).origin.de).toBe("");
  });
});
