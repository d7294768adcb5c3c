import { describe, expect, it } from "vitest";
import {
  canonicalFlag,
  describeFlag,
  FLAG_BLANK_PAGES_DROPPED,
  FLAG_INVALID_SHEET,
  FLAG_PAGE_COUNT_MISMATCH,
  FLAG_SHEET_WITHOUT_DOCUMENT,
  flagLabel,
  pageCountDetail,
} from "../../../src/domain/document-flags.js";

describe("document flags", () => {
  it("has a German label for every flag the cover-sheet splitter writes", () => {
    expect(
      [
        FLAG_PAGE_COUNT_MISMATCH,
        FLAG_INVALID_SHEET,
        FLAG_BLANK_PAGES_DROPPED,
        FLAG_SHEET_WITHOUT_DOCUMENT,
      ].map((f) => [f, flagLabel(f)]),
    ).toEqual([
      ["seitenzahl-abweichend", "Seitenzahl weicht ab"],
      ["deckblatt-ungueltig", "Deckblatt ungültig"],
      ["leerseiten-entfernt", "Leere Seiten entfernt"],
      ["deckblatt-ohne-dokument", "Deckblatt ohne Dokument"],
    ]);
  });

  it("still labels the codes earlier versions stored", () => {
    expect(canonicalFlag("page-count-mismatch")).toBe(FLAG_PAGE_COUNT_MISMATCH);
    expect(flagLabel("page-count-mismatch")).toBe("Seitenzahl weicht ab");
    expect(flagLabel("cover-sheet-invalid")).toBe("Deckblatt ungültig");
  });

  it("shows an unknown code as written rather than hiding it", () => {
    expect(flagLabel("etwas-neues")).toBe("etwas-neues");
  });

  it("adds the facts behind a flag in the reader's language", () => {
    const detail = pageCountDetail(3, 2);
    expect(describeFlag(FLAG_PAGE_COUNT_MISMATCH, detail)).toBe(
      "Seitenzahl weicht ab (3 angegeben, 2 gefunden)",
    );
    expect(describeFlag(FLAG_PAGE_COUNT_MISMATCH, detail, "en")).toBe(
      "page count differs (3 declared, 2 found)",
    );
  });
});
