import { describe, expect, it } from "vitest";
import { letterKey, normaliseLetters } from "../../../src/domain/letter-key.js";
import { defaultRoutingOptions } from "../../../src/domain/routing-options.js";

describe("letterKey", () => {
  it("folds umlauts to the base letter under DIN 5007 variant 1", () => {
    expect(letterKey("Müller")).toBe("MULLER");
    expect(letterKey("Ötzel")).toBe("OTZEL");
    expect(letterKey("Ärmel", { umlautVariant: 1 })).toBe("ARMEL");
  });

  it("spells umlauts out under DIN 5007 variant 2", () => {
    expect(letterKey("Müller", { umlautVariant: 2 })).toBe("MUELLER");
    expect(letterKey("Ötzel", { umlautVariant: 2 })).toBe("OETZEL");
    expect(letterKey("Ärmel", { umlautVariant: 2 })).toBe("AERMEL");
  });

  it("treats decomposed umlauts like composed ones", () => {
    const decomposed = "O\u0308tzel";
    expect(letterKey(decomposed, { umlautVariant: 2 })).toBe("OETZEL");
    expect(letterKey(decomposed, { umlautVariant: 1 })).toBe("OTZEL");
  });

  it("writes ß as SS in both variants", () => {
    expect(letterKey("Strauß")).toBe("STRAUSS");
    expect(letterKey("Strauß", { umlautVariant: 2 })).toBe("STRAUSS");
    expect(letterKey("STRAUẞ")).toBe("STRAUSS");
  });

  it("files names with particles under the name proper by default", () => {
    expect(letterKey("von der Heide")).toBe("HEIDE");
    expect(letterKey("Van Gogh")).toBe("GOGH");
    expect(letterKey("de la Cruz")).toBe("CRUZ");
    expect(letterKey("zu Guttenberg")).toBe("GUTTENBERG");
  });

  it("keeps particles when skipParticles is false", () => {
    expect(letterKey("von der Heide", { skipParticles: false })).toBe("VONDERHEIDE");
  });

  it("reads the inverted form 'Heide, von der' as the same name", () => {
    expect(letterKey("Heide, von der")).toBe("HEIDE");
  });

  it("keeps a surname that consists of a particle word alone", () => {
    expect(letterKey("Van")).toBe("VAN");
    expect(letterKey("De")).toBe("DE");
  });

  it("uses the caller's particle list when given", () => {
    expect(letterKey("al Amin", { particles: ["al"] })).toBe("AMIN");
    expect(letterKey("von Berg", { particles: ["al"] })).toBe("VON");
  });

  it("files double names under their first part", () => {
    expect(letterKey("Meyer-Lüdenscheidt")).toBe("MEYER");
    expect(letterKey("Schmidt–Öztürk")).toBe("SCHMIDT");
    expect(letterKey("García Márquez")).toBe("GARCIA");
    expect(letterKey("von der Heide-Müller")).toBe("HEIDE");
  });

  it("drops apostrophes inside names", () => {
    expect(letterKey("O'Neill")).toBe("ONEILL");
    expect(letterKey("D’Angelo")).toBe("DANGELO");
  });

  it("maps accented and non-decomposable Latin letters to A–Z", () => {
    expect(letterKey("Łukasiewicz")).toBe("LUKASIEWICZ");
    expect(letterKey("Øster")).toBe("OSTER");
    expect(letterKey("Çelik")).toBe("CELIK");
    expect(letterKey("Núñez")).toBe("NUNEZ");
    expect(letterKey("Dvořák")).toBe("DVORAK");
  });

  it("returns an empty key when nothing maps to A–Z", () => {
    expect(letterKey("Иванов")).toBe("");
    expect(letterKey("   ")).toBe("");
  });

  it("does not change the default options", () => {
    letterKey("von Berg", { particles: ["x"], umlautVariant: 2 });
    expect(defaultRoutingOptions.umlautVariant).toBe(1);
    expect(defaultRoutingOptions.particles).toContain("von");
  });
});

describe("normaliseLetters", () => {
  it("keeps only upper-case A–Z", () => {
    expect(normaliseLetters("a-k 1", 1)).toBe("AK");
  });
});
