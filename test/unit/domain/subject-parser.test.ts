import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { canonicalDocType, defaultDocTypes } from "../../../src/domain/doc-types.js";
import {
  defaultSubjectParserOptions,
  type ParsedSubject,
  parseSubject,
  toSubjectMetadata,
} from "../../../src/domain/subject-parser.js";

interface Expected {
  caseRef?: string;
  customerNo?: string;
  surname?: string;
  docType?: string;
}

interface Row {
  behaviour: string;
  subject: string;
  expected: Expected;
  problems?: string[];
}

const all: Expected = {
  caseRef: "50-1234/2026",
  customerNo: "100234",
  surname: "Müller",
  docType: "Bescheid",
};
const format = (name: string, value: string) => `${name} "${value}" hat nicht das erwartete Format`;

// biome-ignore format: one row per line keeps the table readable
const rows: Row[] = [
  // The canonical format and its label spellings
  { behaviour: "reads all four fields from the canonical terminal format", subject: "Scan Az: 50-1234/2026; Kd: 100234; Name: Müller; Art: Bescheid", expected: all },
  { behaviour: "reads the canonical format without the Scan prefix", subject: "Az: 50-1234/2026; Kd: 100234; Name: Müller; Art: Bescheid", expected: all },
  { behaviour: "reads the fields in any order", subject: "Art: Bescheid; Name: Müller; Kd: 100234; Az: 50-1234/2026", expected: all },
  { behaviour: "reads a subject that has only some of the fields", subject: "Scan Name: Müller", expected: { surname: "Müller" } },
  { behaviour: "accepts the upper-case label AZ", subject: "Scan AZ: 50-1234/2026", expected: { caseRef: "50-1234/2026" } },
  { behaviour: "accepts the label Az. with a dot", subject: "Az.: 50-1/2026", expected: { caseRef: "50-1/2026" } },
  { behaviour: "accepts the label Aktenz.", subject: "Aktenz.: 50-1234/2026", expected: { caseRef: "50-1234/2026" } },
  { behaviour: "accepts the label Aktenzeichen", subject: "Aktenzeichen: 123-987654/2025", expected: { caseRef: "123-987654/2025" } },
  { behaviour: "accepts the label Kd.-Nr.", subject: "Kd.-Nr.: 100234", expected: { customerNo: "100234" } },
  { behaviour: "accepts the label Kundennr.", subject: "Kundennr.: 1234567890", expected: { customerNo: "1234567890" } },
  { behaviour: "accepts the label Kundennummer", subject: "Kundennummer: 55555", expected: { customerNo: "55555" } },
  { behaviour: "accepts the label BG-Nr. with a BG-Nummer", subject: "BG-Nr.: 12345BG0012345", expected: { customerNo: "12345BG0012345" } },
  { behaviour: "accepts the label BG-Nummer", subject: "BG-Nummer: 12345BG0012345", expected: { customerNo: "12345BG0012345" } },
  { behaviour: "accepts the label Nachname", subject: "Nachname: Schmidt", expected: { surname: "Schmidt" } },
  { behaviour: "accepts the label Dokumentart", subject: "Dokumentart: Bescheid", expected: { docType: "Bescheid" } },
  { behaviour: "accepts the label Dok.-Art", subject: "Dok.-Art: Nachweis", expected: { docType: "Nachweis" } },
  { behaviour: "accepts labels in lower case", subject: "az: 50-1234/2026; kd: 100234; name: Müller; art: bescheid", expected: all },
  { behaviour: "accepts spaces before the colon", subject: "Az : 50-1234/2026 ; Name : Müller", expected: { caseRef: "50-1234/2026", surname: "Müller" } },
  // Separators
  { behaviour: "separates fields with commas", subject: "Az: 50-1234/2026, Kd: 100234, Name: Müller, Art: Bescheid", expected: all },
  { behaviour: "separates fields with pipes", subject: "Az: 50-1234/2026 | Kd: 100234 | Name: Müller | Art: Bescheid", expected: all },
  { behaviour: "separates fields with spaced slashes and keeps the slash of the Aktenzeichen", subject: "Az: 50-1234/2026 / Kd: 100234 / Name: Müller / Art: Bescheid", expected: all },
  { behaviour: "separates fields with bare slashes and keeps the slash of the Aktenzeichen", subject: "Az: 50-1234/2026/Kd: 100234/Name: Müller/Art: Bescheid", expected: all },
  { behaviour: "separates fields with newlines", subject: "Az: 50-1234/2026\nKd: 100234\r\nName: Müller\nArt: Bescheid", expected: all },
  { behaviour: "separates fields with runs of spaces only", subject: "Az: 50-1234/2026   Kd: 100234    Name: Müller   Art: Bescheid", expected: all },
  { behaviour: "separates fields with tabs and no-break spaces", subject: "Az:\t50-1234/2026\u00a0Kd:\u00a0100234", expected: { caseRef: "50-1234/2026", customerNo: "100234" } },
  { behaviour: "separates fields with a dash between spaces", subject: "Scan - Az: 50-1234/2026 - Name: Müller - Art: Antrag", expected: { caseRef: "50-1234/2026", surname: "Müller", docType: "Antrag" } },
  { behaviour: "reads values written without a space after the colon", subject: "Az:50-1234/2026;Kd:100234;Name:Müller;Art:Bescheid", expected: all },
  { behaviour: "ignores separators at the end of the subject", subject: "Name: Müller; Art: Antrag;", expected: { surname: "Müller", docType: "Antrag" } },
  { behaviour: "keeps an Aktenzeichen followed by a slash at the end", subject: "Az: 50-1234/2026/", expected: { caseRef: "50-1234/2026" } },
  // Prefixes and other text
  { behaviour: "ignores an AW: prefix", subject: "AW: Scan Az: 50-1234/2026", expected: { caseRef: "50-1234/2026" } },
  { behaviour: "ignores stacked WG: and RE: prefixes", subject: "WG: RE: Az: 50-1234/2026; Name: Müller", expected: { caseRef: "50-1234/2026", surname: "Müller" } },
  { behaviour: "ignores a Fwd: prefix", subject: "Fwd: Kd: 100234", expected: { customerNo: "100234" } },
  { behaviour: "ends a value at an unknown label such as Hinweis:", subject: "Name: Müller Hinweis: bitte eilig", expected: { surname: "Müller" } },
  { behaviour: "ignores a time of day before the labels", subject: "Scan 12:30 Az: 50-1234/2026", expected: { caseRef: "50-1234/2026" } },
  // Surnames
  { behaviour: "keeps umlauts and ß in the surname", subject: "Name: Weißmüller", expected: { surname: "Weißmüller" } },
  { behaviour: "normalises a decomposed umlaut in the surname to NFC", subject: "Name: Mu\u0308ller", expected: { surname: "Müller" } },
  { behaviour: "normalises a decomposed umlaut in the document type to NFC", subject: "Art: Arbeitsunfa\u0308higkeitsbescheinigung", expected: { docType: "Arbeitsunfähigkeitsbescheinigung" } },
  { behaviour: "keeps a hyphenated surname whole", subject: "Name: Müller-Lüdenscheidt; Art: Antrag", expected: { surname: "Müller-Lüdenscheidt", docType: "Antrag" } },
  { behaviour: "keeps an apostrophe in the surname", subject: "Name: O'Connor", expected: { surname: "O'Connor" } },
  { behaviour: "keeps a typographic apostrophe in the surname", subject: "Name: D’Angelo", expected: { surname: "D’Angelo" } },
  { behaviour: "keeps name particles", subject: "Name: von der Heide; Art: Antrag", expected: { surname: "von der Heide", docType: "Antrag" } },
  { behaviour: "collapses whitespace inside the surname", subject: "Name:  van   den  Berg  ; Art: Antrag", expected: { surname: "van den Berg", docType: "Antrag" } },
  { behaviour: "keeps the casing of the surname as written", subject: "Name: MÜLLER", expected: { surname: "MÜLLER" } },
  { behaviour: "reads a Polish surname", subject: "Name: Łukasiewicz", expected: { surname: "Łukasiewicz" } },
  { behaviour: "reads a Turkish surname with Ş", subject: "Name: Şahin", expected: { surname: "Şahin" } },
  { behaviour: "reads a Turkish surname with Ö and dotless ı", subject: "Name: Öztürk-Yılmaz", expected: { surname: "Öztürk-Yılmaz" } },
  { behaviour: "reads a surname with Ğ", subject: "Name: DOĞAN", expected: { surname: "DOĞAN" } },
  { behaviour: "reads a Greek surname", subject: "Name: Παπαδόπουλος; Art: Antrag", expected: { surname: "Παπαδόπουλος", docType: "Antrag" } },
  { behaviour: "reads a Cyrillic surname", subject: "Name: Иванов", expected: { surname: "Иванов" } },
  { behaviour: "takes the surname before a comma and ignores the first name", subject: "Name: Müller, Hans; Art: Antrag", expected: { surname: "Müller", docType: "Antrag" } },
  { behaviour: "does not read Vorname: as the name label", subject: "Vorname: Hans; Name: Müller", expected: { surname: "Müller" } },
  { behaviour: "reads no surname from a first name alone", subject: "Vorname: Hans", expected: {} },
  { behaviour: "rejects a surname with digits", subject: "Name: M3ller", expected: {}, problems: ['Name "M3ller" enthält unerwartete Zeichen'] },
  { behaviour: "treats a name label with an empty value as absent", subject: "Name: ; Art: Antrag", expected: { docType: "Antrag" }, problems: ["Name ohne Wert"] },
  { behaviour: "treats a name label at the end without a value as absent", subject: "Az: 50-1234/2026; Name:", expected: { caseRef: "50-1234/2026" }, problems: ["Name ohne Wert"] },
  { behaviour: "does not read a value from the next line after an empty label", subject: "Name:\nbitte prüfen", expected: {}, problems: ["Name ohne Wert"] },
  // Customer numbers
  { behaviour: "joins a customer number written in digit groups", subject: "Kd: 100 234", expected: { customerNo: "100234" } },
  { behaviour: "rejects a customer number that is too short", subject: "Kd: 1234", expected: {}, problems: [format("Kundennummer", "1234")] },
  { behaviour: "rejects a customer number that is too long", subject: "Kd: 12345678901", expected: {}, problems: [format("Kundennummer", "12345678901")] },
  { behaviour: "rejects a customer number with a letter", subject: "Kd: 10023A", expected: {}, problems: [format("Kundennummer", "10023A")] },
  { behaviour: "upper-cases a BG-Nummer written in lower case", subject: "BG-Nr.: 12345bg0012345", expected: { customerNo: "12345BG0012345" } },
  { behaviour: "does not join a BG-Nummer written with spaces", subject: "BG-Nr.: 12345 BG 0012345", expected: {}, problems: [format("Kundennummer", "12345 BG 0012345")] },
  // Aktenzeichen
  { behaviour: "rejects an Aktenzeichen in the wrong format", subject: "Az: 12/34", expected: {}, problems: [format("Aktenzeichen", "12/34")] },
  { behaviour: "rejects an Aktenzeichen with a two-digit year", subject: "Az: 50-1234/26; Name: Müller", expected: { surname: "Müller" }, problems: [format("Aktenzeichen", "50-1234/26")] },
  { behaviour: "rejects an Aktenzeichen followed by free text", subject: "Az: 50-1234/2026 eilig", expected: {}, problems: [format("Aktenzeichen", "50-1234/2026 eilig")] },
  { behaviour: "rejects an Aktenzeichen written with spaces around its slash", subject: "Az: 50-1234 / 2026", expected: {}, problems: [format("Aktenzeichen", "50-1234")] },
  { behaviour: "treats an Aktenzeichen label with an empty value as absent", subject: "Az: ; Kd: 100234", expected: { customerNo: "100234" }, problems: ["Aktenzeichen ohne Wert"] },
  { behaviour: "leaves the Aktenzeichen empty when two different ones are given", subject: "Az: 50-1234/2026; Az: 50-9999/2026", expected: {}, problems: ['Aktenzeichen mehrdeutig: "50-1234/2026", "50-9999/2026"'] },
  { behaviour: "leaves the Aktenzeichen empty when two are listed behind one label", subject: "Az: 50-1234/2026, 50-1235/2026", expected: {}, problems: ['Aktenzeichen mehrdeutig: "50-1234/2026", "50-1235/2026"'] },
  { behaviour: "accepts the same Aktenzeichen written twice", subject: "Az: 50-1234/2026; Name: Müller; Az: 50-1234/2026", expected: { caseRef: "50-1234/2026", surname: "Müller" } },
  { behaviour: "keeps a valid Aktenzeichen next to a rejected one and reports the rejected one", subject: "Az: 12/34; Aktenzeichen: 50-1234/2026", expected: { caseRef: "50-1234/2026" }, problems: [format("Aktenzeichen", "12/34")] },
  // Document types
  { behaviour: "maps a synonym to its canonical document type", subject: "Art: Gehaltsabrechnung", expected: { docType: "Lohnabrechnung" } },
  { behaviour: "maps a plural to its canonical document type", subject: "Art: Kontoauszüge", expected: { docType: "Kontoauszug" } },
  { behaviour: "maps the abbreviation WBA to the Weiterbewilligungsantrag", subject: "Art: WBA", expected: { docType: "Weiterbewilligungsantrag" } },
  { behaviour: "maps AU to the Arbeitsunfähigkeitsbescheinigung", subject: "Art: AU", expected: { docType: "Arbeitsunfähigkeitsbescheinigung" } },
  { behaviour: "matches document types regardless of case", subject: "Art: MIETBESCHEINIGUNG", expected: { docType: "Mietbescheinigung" } },
  { behaviour: "matches document types with umlauts written as ae", subject: "Art: Arbeitsunfaehigkeitsbescheinigung", expected: { docType: "Arbeitsunfähigkeitsbescheinigung" } },
  { behaviour: "matches document types regardless of dots and hyphens", subject: "Art: Kto.-Auszug", expected: { docType: "Kontoauszug" } },
  { behaviour: "matches a synonym of several words", subject: "Art: Antrag auf Weiterbewilligung", expected: { docType: "Weiterbewilligungsantrag" } },
  { behaviour: "rejects an unknown document type", subject: "Art: Brief", expected: {}, problems: ['Dokumentart "Brief" ist nicht bekannt'] },
  { behaviour: "does not read a document type out of a longer phrase", subject: "Art: Kontoauszug Januar", expected: {}, problems: ['Dokumentart "Kontoauszug Januar" ist nicht bekannt'] },
  { behaviour: "leaves the document type empty when two are given", subject: "Art: Kontoauszug / Lohnabrechnung", expected: {}, problems: ['Dokumentart mehrdeutig: "Kontoauszug", "Lohnabrechnung"'] },
  { behaviour: "ignores free text after a document type and a separator", subject: "Art: Kontoauszug; bitte prüfen", expected: { docType: "Kontoauszug" } },
  // Never guess
  { behaviour: "reads nothing from free text without labels", subject: "Scan 50-1234/2026 Müller Kontoauszug 100234", expected: {} },
  { behaviour: "reads nothing from an empty subject", subject: "", expected: {} },
  { behaviour: "reads nothing from a plain reply subject", subject: "AW: Ihre Unterlagen vom 3.2.", expected: {} },
  { behaviour: "does not take labels without a colon", subject: "Az 50-1234/2026 Name Müller Art Antrag", expected: {} },
  { behaviour: "does not find labels inside other words", subject: "Kunstart: Antrag; Vorname: Müller; Blatz: 50-1234/2026", expected: {} },
];

function valuesOf(parsed: ParsedSubject): Expected {
  const values: Expected = {};
  for (const field of ["caseRef", "customerNo", "surname", "docType"] as const) {
    const parsedField = parsed[field];
    if (parsedField !== null) values[field] = parsedField.value;
  }
  return values;
}

describe("parseSubject", () => {
  it("has at least 60 table cases", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows)("$behaviour", ({ subject, expected, problems }) => {
    const parsed = parseSubject(subject);
    expect(valuesOf(parsed)).toEqual(expected);
    expect(parsed.problems).toEqual(problems ?? []);
    for (const field of [parsed.caseRef, parsed.customerNo, parsed.surname, parsed.docType]) {
      if (field === null) continue;
      expect(subject).toContain(field.matched);
      expect(field.value).toBe(field.value.normalize("NFC"));
    }
  });

  it("reports the text each value came from, without its label", () => {
    const parsed = parseSubject(
      "AW: Az: 50-1234/2026 / Kd.-Nr.: 100 234 | Name:  von  der Heide ; Art: kto.-auszug",
    );
    expect(parsed.caseRef).toEqual({ value: "50-1234/2026", matched: "50-1234/2026" });
    expect(parsed.customerNo).toEqual({ value: "100234", matched: "100 234" });
    expect(parsed.surname).toEqual({ value: "von der Heide", matched: "von  der Heide" });
    expect(parsed.docType).toEqual({ value: "Kontoauszug", matched: "kto.-auszug" });
  });

  it("reports decomposed text as written while the value is composed", () => {
    const subject = "Name: Mu\u0308ller-Lu\u0308denscheidt; Art: Kontoauszu\u0308ge";
    const parsed = parseSubject(subject);
    expect(parsed.surname).toEqual({
      value: "Müller-Lüdenscheidt",
      matched: "Mu\u0308ller-Lu\u0308denscheidt",
    });
    expect(parsed.docType).toEqual({ value: "Kontoauszug", matched: "Kontoauszu\u0308ge" });
  });

  it("reports a repeated problem once", () => {
    expect(parseSubject("Az: 12/34; Az: 12/34; Name: ; Name:").problems).toEqual([
      format("Aktenzeichen", "12/34"),
      "Name ohne Wert",
    ]);
  });

  it("reads a hostile 100 000-character subject within two seconds", () => {
    const started = performance.now();
    expect(parseSubject("a.".repeat(50_000)).problems).toEqual([]);
    expect(parseSubject(`Name: ${"x ".repeat(50_000)}`).surname).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("parseSubject with configured options", () => {
  it("uses a configured Aktenzeichen format instead of the default", () => {
    const options = { caseRefPattern: /^[A-Z]{2}-\d{4}$/ };
    expect(parseSubject("Az: SG-0815", options).caseRef?.value).toBe("SG-0815");
    expect(parseSubject("Az: 50-1234/2026", options).caseRef).toBeNull();
  });

  it("uses a configured customer number format instead of the default", () => {
    const parsed = parseSubject("Kd: K-4711", { customerNoPattern: /^K-\d{4}$/ });
    expect(parsed.customerNo).toEqual({ value: "K-4711", matched: "K-4711" });
  });

  it("requires a configured pattern without anchors to match the whole value", () => {
    const parsed = parseSubject("Kd: 1234567", { customerNoPattern: /\d{5}/ });
    expect(parsed.customerNo).toBeNull();
    expect(parsed.problems).toEqual([format("Kundennummer", "1234567")]);
  });

  it("gives the same answer every time for a pattern with the global flag", () => {
    const options = { caseRefPattern: /^\d{2}-\d{4}\/\d{4}$/g };
    const first = parseSubject("Az: 50-1234/2026", options);
    const second = parseSubject("Az: 50-1234/2026", options);
    expect(first.caseRef?.value).toBe("50-1234/2026");
    expect(second).toEqual(first);
  });

  it("replaces the default document types with configured ones", () => {
    const docTypes = { Schulbescheinigung: ["Schulbesuchsbescheinigung", "SchulB"] };
    expect(parseSubject("Art: schulb", { docTypes }).docType?.value).toBe("Schulbescheinigung");
    expect(parseSubject("Art: Kontoauszug", { docTypes }).docType).toBeNull();
  });

  it("does not write defaults into the options it is given", () => {
    const options = { docTypes: { Antrag: [] } };
    parseSubject("Art: Antrag", options);
    expect(options).toEqual({ docTypes: { Antrag: [] } });
    expect(Object.isFrozen(defaultSubjectParserOptions)).toBe(true);
  });
});

describe("toSubjectMetadata", () => {
  it("gives source subject and the values when any field was read", () => {
    const metadata = toSubjectMetadata(parseSubject("Scan Az: 50-1234/2026; Name: Müller"));
    expect(metadata).toEqual({
      caseRef: "50-1234/2026",
      customerNo: null,
      surname: "Müller",
      docType: null,
      source: "subject",
    });
  });

  it("gives source none when no field was read, even with problems", () => {
    const metadata = toSubjectMetadata(parseSubject("Az: 12/34"));
    expect(metadata).toEqual({
      caseRef: null,
      customerNo: null,
      surname: null,
      docType: null,
      source: "none",
    });
  });
});

describe("canonicalDocType", () => {
  it("returns the canonical name for the canonical name itself", () => {
    expect(canonicalDocType("Weiterbewilligungsantrag", defaultDocTypes)).toBe("Weiterbewilligungsantrag");
  });

  it("returns null for empty text and unknown text", () => {
    expect(canonicalDocType("  ", defaultDocTypes)).toBeNull();
    expect(canonicalDocType("Sonstiges", defaultDocTypes)).toBeNull();
  });

  it("takes the first canonical name when a synonym is listed twice", () => {
    expect(canonicalDocType("Beleg", { Nachweis: ["Beleg"], Quittung: ["Beleg"] })).toBe("Nachweis");
  });
});

describe("parseSubject with document types from POSTKORB_DOC_TYPES", () => {
  const subjectOptionsFor = (docTypesJson: string) => {
    const config = loadConfig({ POSTKORB_DOC_TYPES: docTypesJson });
    return {
      caseRefPattern: config.caseRefPattern,
      customerNoPattern: config.customerNoPattern,
      docTypes: config.docTypes,
    };
  };

  it("reads a synonym the office added and still the default ones", () => {
    const options = subjectOptionsFor('{"Kontoauszug": ["Kontoauszüge", "Kto-Auszug", "Umsatzliste"]}');
    expect(parseSubject("Art: Umsatzliste", options).docType?.value).toBe("Kontoauszug");
    expect(parseSubject("Art: Kto.-Auszug", options).docType?.value).toBe("Kontoauszug");
    expect(parseSubject("Art: Lohnzettel", options).docType?.value).toBe("Lohnabrechnung");
  });

  it("no longer reads a synonym the office dropped", () => {
    const options = subjectOptionsFor('{"Kontoauszug": ["Kontoauszüge"]}');
    const parsed = parseSubject("Art: Bankauszug", options);
    expect(parsed.docType).toBeNull();
    expect(parsed.problems).toEqual(['Dokumentart "Bankauszug" ist nicht bekannt']);
  });

  it("reads a document type the office added, and none it removed", () => {
    const options = subjectOptionsFor('{"Schulbescheinigung": ["SchulB"], "Mietvertrag": null}');
    expect(parseSubject("Name: Öztürk; Art: SchulB", options).docType?.value).toBe("Schulbescheinigung");
    expect(parseSubject("Art: Mietvertrag", options).docType).toBeNull();
  });
});

// The subject as the MIME parsers hand it over once RFC 2047 / 8-bit Latin-1 is decoded
// (test/unit/mail/mail-parsers.test.ts runs the same names through both real MIME parsers).
describe("parseSubject on decoded umlaut subjects", () => {
  it.each([
    ["Scan Az: 50-1234/2026; Name: Müller; Art: Kontoauszug", "Müller"],
    ["Scan Name: Weiß; Art: Mietbescheinigung", "Weiß"],
    ["WG: Scan Kd: 100234; Nachname: Öztürk", "Öztürk"],
    ["Scan Name: Straßburger-Müller", "Straßburger-Müller"],
  ])("reads the surname from %s", (subject, surname) => {
    expect(parseSubject(subject).surname?.value).toBe(surname);
  });
});
