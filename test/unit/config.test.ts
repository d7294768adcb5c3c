import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { defaultDocTypes } from "../../src/domain/doc-types.js";

describe("loadConfig", () => {
  it("works with no settings at all (the embedded default)", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: "./data",
      host: "127.0.0.1",
      port: 3000,
      smtpPort: 2525,
      imapUrls: [],
    });
    expect(config.imapProcessedFolder).toBe("Postkorb/Verarbeitet");
    expect(config.maxMessageBytes).toBe(50 * 1024 * 1024);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("stops with a message naming the variable and what is allowed", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => loadConfig({ POSTKORB_IMAP_URL: "http://x" })).toThrow(
      /POSTKORB_IMAP_URL: must start with imap:\/\/ or imaps:\/\//,
    );
    expect(() => loadConfig({ POSTKORB_SECRET: "short" })).toThrow(
      /POSTKORB_SECRET: must be at least 32 characters/,
    );
    expect(() => loadConfig({ POSTKORB_TIMEZONE: "Mars/Olympus" })).toThrow(/POSTKORB_TIMEZONE/);
  });

  it("reads several IMAP mailboxes and turns SMTP off with port 0", () => {
    const config = loadConfig({
      POSTKORB_IMAP_URL: "imap://a:b@127.0.0.1:1143/INBOX, imaps://c:d@127.0.0.1:1993/Scans",
      POSTKORB_SMTP_PORT: "0",
    });
    expect(config.imapUrls).toHaveLength(2);
    expect(config.smtpPort).toBe(0);
  });

  describe("POSTKORB_DOC_TYPES", () => {
    it("uses the default document types when unset or empty", () => {
      expect(loadConfig({}).docTypes).toEqual(defaultDocTypes);
      expect(loadConfig({ POSTKORB_DOC_TYPES: "  " }).docTypes).toEqual(defaultDocTypes);
    });

    it("replaces the synonyms of a listed type, adds new types and keeps the other defaults", () => {
      const { docTypes } = loadConfig({
        POSTKORB_DOC_TYPES: JSON.stringify({
          Kontoauszug: ["Kontoauszüge", "Kto-Auszug", " Kontoblatt "],
          Quittung: ["Kassenbon"],
        }),
      });
      expect(docTypes.Kontoauszug).toEqual(["Kontoauszüge", "Kto-Auszug", "Kontoblatt"]);
      expect(docTypes.Quittung).toEqual(["Kassenbon"]);
      expect(docTypes.Bescheid).toEqual(defaultDocTypes.Bescheid);
      expect(Object.isFrozen(docTypes)).toBe(true);
      expect(Object.isFrozen(docTypes.Quittung)).toBe(true);
    });

    it("removes a default type given as null", () => {
      const { docTypes } = loadConfig({ POSTKORB_DOC_TYPES: '{"Mietvertrag": null}' });
      expect(Object.keys(docTypes)).not.toContain("Mietvertrag");
      expect(Object.keys(docTypes)).toContain("Mietbescheinigung");
    });

    it("lets a synonym move from one type to another when the old type is overridden too", () => {
      const { docTypes } = loadConfig({
        POSTKORB_DOC_TYPES: JSON.stringify({ Nachweis: ["Nachweise"], Beleg: ["Belege"] }),
      });
      expect(docTypes.Beleg).toEqual(["Belege"]);
    });

    it.each([
      ["not JSON", "{Kontoauszug: [KA]}", /POSTKORB_DOC_TYPES: must be a JSON object like/],
      ["a JSON array", '["Kontoauszug"]', /POSTKORB_DOC_TYPES: must be a JSON object like/],
      [
        "a synonym that is not text",
        '{"Quittung": [1]}',
        /POSTKORB_DOC_TYPES: "Quittung" must map to a list/,
      ],
      [
        "synonyms as one string",
        '{"Quittung": "Kassenbon"}',
        /POSTKORB_DOC_TYPES: "Quittung" must map to a list/,
      ],
      ["an empty synonym", '{"Quittung": [""]}', /POSTKORB_DOC_TYPES: the synonyms of "Quittung" must be/],
      ["an empty type name", '{" ": []}', /POSTKORB_DOC_TYPES: document type names must be/],
      [
        "removing an unknown type",
        '{"Quittung": null}',
        /POSTKORB_DOC_TYPES: "Quittung" is not a document type/,
      ],
      [
        "a synonym another type already has",
        '{"Quittung": ["Beleg"]}',
        /POSTKORB_DOC_TYPES: "Beleg" \(listed under "Quittung"\) already names the document type "Nachweis"/,
      ],
      [
        "a type that differs from a default only in spelling",
        '{"kontoauszug": []}',
        /POSTKORB_DOC_TYPES: "kontoauszug" .* already names the document type "Kontoauszug"/,
      ],
    ])("stops on %s with a message naming the variable", (_what, value, message) => {
      expect(() => loadConfig({ POSTKORB_DOC_TYPES: value })).toThrow(ConfigError);
      expect(() => loadConfig({ POSTKORB_DOC_TYPES: value })).toThrow(message);
    });
  });
});
