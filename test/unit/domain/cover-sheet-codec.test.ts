import { describe, expect, it } from "vitest";
import {
  type CoverSheetFields,
  checkCodeOf,
  createKeyring,
  decodeCoverSheet,
  encodeCoverSheet,
  looksLikeCoverSheet,
} from "../../../src/domain/cover-sheet-codec.js";

const SECRET = "a-secret-that-is-at-least-32-characters-long";
const OLD_SECRET = "the-previous-secret-also-32-characters-long!";
const fields: CoverSheetFields = {
  serial: "K3M9QXTA",
  caseRef: "50-1234/2026",
  customerNo: "100234",
  docCode: "KA",
  declaredPages: 3,
  issuedOn: "2026-11-25",
};
const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

describe("cover sheet codec", () => {
  it("decodes what it encoded, in QR alphanumeric characters and under 120 characters", () => {
    const keyring = createKeyring(SECRET);
    const text = encodeCoverSheet(fields, keyring);
    expect(text.length).toBeLessThan(120);
    expect([...text].every((ch) => ALNUM.includes(ch))).toBe(true);
    const decoded = decodeCoverSheet(text, keyring);
    expect(decoded).toEqual({ ok: true, payload: { ...fields, version: "1", keyId: keyring.current.id } });
  });

  it("round-trips a generic sheet without case, customer number or page count", () => {
    const keyring = createKeyring(SECRET);
    const generic = { ...fields, caseRef: null, customerNo: null, declaredPages: null };
    const decoded = decodeCoverSheet(encodeCoverSheet(generic, keyring), keyring);
    expect(decoded.ok && decoded.payload).toMatchObject(generic);
  });

  it("rejects every single-character change of payload or signature", () => {
    const keyring = createKeyring(SECRET);
    const text = encodeCoverSheet(fields, keyring);
    let variants = 0;
    for (let i = 0; i < text.length; i++) {
      for (const ch of ALNUM) {
        if (ch === text[i]) continue;
        const changed = text.slice(0, i) + ch + text.slice(i + 1);
        const result = decodeCoverSheet(changed, keyring);
        expect(result.ok, changed).toBe(false);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
        variants++;
      }
    }
    expect(variants).toBeGreaterThan(2000);
  });

  it("says why: forged signature, unknown version, unknown key", () => {
    const keyring = createKeyring(SECRET);
    const text = encodeCoverSheet(fields, keyring);
    const forged = encodeCoverSheet(fields, createKeyring("someone-elses-secret-of-32-characters!!"));
    const sameId = { ...keyring, current: { ...keyring.current } };
    const withOwnId = forged.replace(/^PK1\*[0-9A-Z]{2}/, `PK1*${sameId.current.id}`);
    expect(decodeCoverSheet(withOwnId, keyring)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Signatur/),
    });
    expect(decodeCoverSheet(text.replace(/^PK1/, "PK2"), keyring)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Version/),
    });
    const otherId = keyring.current.id === "ZZ" ? "YY" : "ZZ";
    expect(decodeCoverSheet(text.replace(/^PK1\*../, `PK1*${otherId}`), keyring)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Schlüssel/),
    });
  });

  it("keeps verifying sheets signed with the previous secret after rotation", () => {
    const before = createKeyring(OLD_SECRET);
    const oldSheet = encodeCoverSheet(fields, before);
    const after = createKeyring(SECRET, [OLD_SECRET]);
    expect(decodeCoverSheet(oldSheet, after).ok).toBe(true);
    expect(decodeCoverSheet(encodeCoverSheet(fields, after), after).ok).toBe(true);
    expect(decodeCoverSheet(oldSheet, createKeyring(SECRET)).ok).toBe(false);
  });

  it("tells a payment QR code from a cover sheet and gives a short check code", () => {
    expect(looksLikeCoverSheet("BCD\n002\n1\nSCT\nBIC\nName\nDE00")).toBe(false);
    const text = encodeCoverSheet(fields, createKeyring(SECRET));
    expect(looksLikeCoverSheet(text)).toBe(true);
    expect(checkCodeOf(text)).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}$/);
  });

  it("refuses to encode characters the QR alphanumeric mode cannot carry", () => {
    expect(() => encodeCoverSheet({ ...fields, caseRef: "50-1234/2026*X" }, createKeyring(SECRET))).toThrow();
    expect(() => encodeCoverSheet({ ...fields, caseRef: "ab" }, createKeyring(SECRET))).toThrow();
  });
});
