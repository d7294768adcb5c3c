import { describe, expect, it } from "vitest";
import { createKeyring, encodeCoverSheet } from "../../../src/domain/cover-sheet-codec.js";
import { type PageObservation, planCoverSheetSplit } from "../../../src/domain/plan-cover-sheet-split.js";

const keyring = createKeyring("plan-test-secret-with-enough-characters-0123");
const sheet = (serial: string, declaredPages: number | null = null, ring = keyring) =>
  encodeCoverSheet(
    {
      serial,
      caseRef: "50-1234/2026",
      customerNo: null,
      docCode: "KA",
      declaredPages,
      issuedOn: "2026-11-25",
    },
    ring,
  );
const page = (qr: string[] = [], blank = false): PageObservation => ({ qrTexts: qr, blank });

describe("planning a split at cover sheets", () => {
  it("keeps a scan without cover sheets whole", () => {
    expect(planCoverSheetSplit([page(), page()], keyring)).toEqual({ kind: "whole" });
  });

  it("drops blank backsides from a scan without sheets too, and says so", () => {
    const plan = planCoverSheetSplit([page(), page([], true), page(), page([], true)], keyring);
    expect(plan).toEqual({
      kind: "split",
      parts: [
        {
          pages: [0, 2],
          sheetPage: null,
          sheet: null,
          flags: ["leerseiten-entfernt"],
          flagDetails: { "leerseiten-entfernt": { de: "2 leere Seiten", en: "2 blank pages" } },
          note: "2 leere Rückseite(n) entfernt",
        },
      ],
    });
  });

  it("keeps a scan of nothing but blank pages whole, so a person still sees it", () => {
    expect(planCoverSheetSplit([page([], true), page([], true)], keyring)).toEqual({ kind: "whole" });
  });

  it("starts a document at every sheet and leaves the sheet page out", () => {
    const plan = planCoverSheetSplit(
      [page([sheet("AAAAAA01")]), page(), page(), page([sheet("AAAAAA02")]), page()],
      keyring,
    );
    expect(plan.kind === "split" && plan.parts.map((p) => [p.sheet?.serial, p.pages])).toEqual([
      ["AAAAAA01", [1, 2]],
      ["AAAAAA02", [4]],
    ]);
  });

  it("makes the pages before the first sheet a document without sheet metadata", () => {
    const plan = planCoverSheetSplit([page(), page([sheet("AAAAAA01")]), page()], keyring);
    expect(plan.kind === "split" && plan.parts.map((p) => [p.sheet, p.pages])).toEqual([
      [null, [0]],
      [expect.objectContaining({ serial: "AAAAAA01" }), [2]],
    ]);
  });

  it("drops blank backsides from the document and says so", () => {
    const plan = planCoverSheetSplit(
      [page([sheet("AAAAAA01", 2)]), page([], true), page(), page([], true), page()],
      keyring,
    );
    expect(plan.kind).toBe("split");
    if (plan.kind !== "split") return;
    expect(plan.parts[0]!.pages).toEqual([2, 4]);
    expect(plan.parts[0]!.flags).toEqual(["leerseiten-entfernt"]);
    expect(plan.parts[0]!.note).toMatch(/2 leere Rückseite/);
  });

  it("flags a declared page count that does not match", () => {
    const plan = planCoverSheetSplit([page([sheet("AAAAAA01", 3)]), page(), page()], keyring);
    expect(plan.kind === "split" && plan.parts[0]!.flags).toEqual(["seitenzahl-abweichend"]);
    expect(plan.kind === "split" && plan.parts[0]!.note).toMatch(/3 angegeben, 2 gefunden/);
    expect(plan.kind === "split" && plan.parts[0]!.flagDetails).toEqual({
      "seitenzahl-abweichend": { de: "3 angegeben, 2 gefunden", en: "3 declared, 2 found" },
    });
  });

  it("ignores QR codes that are not cover sheets, such as a payment code", () => {
    const plan = planCoverSheetSplit(
      [page([sheet("AAAAAA01")]), page(["BCD\n002\n1\nSCT\nX"]), page()],
      keyring,
    );
    expect(plan.kind === "split" && plan.parts.map((p) => p.pages)).toEqual([[1, 2]]);
  });

  it("splits nothing when a sheet does not verify, and names the page", () => {
    const forged = sheet("AAAAAA02", null, createKeyring("forger-secret-with-enough-characters-0123456"));
    const sameKeyId = forged.replace(/^PK1\*../, `PK1*${keyring.current.id}`);
    const plan = planCoverSheetSplit([page([sheet("AAAAAA01")]), page(), page([sameKeyId]), page()], keyring);
    expect(plan).toEqual({
      kind: "invalid",
      page: 2,
      serial: "AAAAAA02",
      reason: expect.stringMatching(/^Deckblatt ungültig: Signatur.*Seite 3/),
    });
  });

  it("names no serial for a rejected code whose serial field cannot be read", () => {
    const plan = planCoverSheetSplit([page(["PK1*ZZ*x*garbage"]), page()], keyring);
    expect(plan).toEqual({
      kind: "invalid",
      page: 0,
      serial: null,
      reason: expect.stringMatching(/^Deckblatt ungültig: .*Seite 1/),
    });
  });

  it("turns a sheet with nothing after it into a flagged document rather than losing it", () => {
    const plan = planCoverSheetSplit([page([sheet("AAAAAA01")]), page([sheet("AAAAAA02")]), page()], keyring);
    expect(plan.kind === "split" && plan.parts.map((p) => [p.pages, p.flags])).toEqual([
      [[0], ["deckblatt-ohne-dokument"]],
      [[2], []],
    ]);
  });
});
