/**
 * The signed text inside a cover sheet's QR code, e.g. `PK1*7Q*K3M9QXTA*50-1234/2026*100234*KA*3*261125*<MAC>`.
 * Only QR alphanumeric-mode characters (0-9 A-Z space $ % * + - . / :), so 60–80 characters fit a version 3–4
 * symbol that scans at 150 dpi. The MAC is HMAC-SHA256 over everything before the last `*`, cut to 80 bits.
 */
import { hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha2";

export const COVER_SHEET_VERSION = "1";
export const COVER_SHEET_PREFIX = "PK";
const MAC_BYTES = 10;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FIELD = /^[0-9A-Z $%+\-./:]*$/;
const SERIAL = /^[0-9A-Z]{6,12}$/;

export interface CoverSheetFields {
  serial: string;
  caseRef: string | null;
  customerNo: string | null;
  /** Two-letter code from cover-sheet-doc-codes. */
  docCode: string;
  declaredPages: number | null;
  /** yyyy-mm-dd */
  issuedOn: string;
}

export interface CoverSheetPayload extends CoverSheetFields {
  version: string;
  keyId: string;
}

export interface CoverSheetKey {
  id: string;
  key: Uint8Array;
}

/** Signing key first; older keys after it keep verifying sheets already printed. */
export interface CoverSheetKeyring {
  current: CoverSheetKey;
  previous: CoverSheetKey[];
}

export type DecodeResult = { ok: true; payload: CoverSheetPayload } | { ok: false; reason: string };

/** A sheet key derived from a service secret; its id follows from the key, so rotation needs no bookkeeping. */
export function deriveCoverSheetKey(secret: string): CoverSheetKey {
  const key = hmac(
    sha256,
    new TextEncoder().encode(secret),
    new TextEncoder().encode("postkorb/deckblatt/v1"),
  );
  return { id: toBase32(sha256(key)).slice(0, 2), key };
}

export function createKeyring(secret: string, previousSecrets: string[] = []): CoverSheetKeyring {
  return { current: deriveCoverSheetKey(secret), previous: previousSecrets.map(deriveCoverSheetKey) };
}

export function encodeCoverSheet(fields: CoverSheetFields, keyring: CoverSheetKeyring): string {
  const body = [
    COVER_SHEET_PREFIX + COVER_SHEET_VERSION,
    keyring.current.id,
    checkedSerial(fields.serial),
    checkedField("Aktenzeichen", fields.caseRef ?? ""),
    checkedField("Kundennummer", fields.customerNo ?? ""),
    checkedField("Dokumentart", fields.docCode),
    fields.declaredPages === null ? "" : String(checkedPages(fields.declaredPages)),
    toYymmdd(fields.issuedOn),
  ].join("*");
  return `${body}*${macOf(body, keyring.current.key)}`;
}

/** Whether a QR text claims to be a Postkorb cover sheet at all (other QR codes, e.g. payment codes, do not). */
export function looksLikeCoverSheet(text: string): boolean {
  return /^PK[0-9A-Z]\*/.test(text);
}

export function decodeCoverSheet(text: string, keyring: CoverSheetKeyring): DecodeResult {
  const fail = (reason: string): DecodeResult => ({ ok: false, reason });
  if (!looksLikeCoverSheet(text)) return fail("kein Postkorb-Deckblatt");
  const version = text.slice(2, 3);
  if (version !== COVER_SHEET_VERSION) return fail(`unbekannte Deckblatt-Version ${version}`);
  const cut = text.lastIndexOf("*");
  const body = text.slice(0, cut);
  const mac = text.slice(cut + 1);
  const fields = body.split("*");
  if (fields.length !== 8) return fail("Aufbau des QR-Codes fehlerhaft");
  const [, keyId, serial, caseRef, customerNo, docCode, pages, date] = fields as [string, ...string[]];
  const keys = [keyring.current, ...keyring.previous].filter((k) => k.id === keyId);
  if (keys.length === 0) return fail(`unbekannter Schlüssel ${keyId}`);
  if (!keys.some((k) => constantTimeEqual(macOf(body, k.key), mac)))
    return fail("Signatur stimmt nicht (gefälscht oder verändert)");
  const issuedOn = fromYymmdd(date!);
  if (!SERIAL.test(serial!) || !/^\d{0,3}$/.test(pages!) || !issuedOn || !docCode)
    return fail("Inhalt des QR-Codes fehlerhaft");
  return {
    ok: true,
    payload: {
      version,
      keyId: keyId!,
      serial: serial!,
      caseRef: caseRef || null,
      customerNo: customerNo || null,
      docCode,
      declaredPages: pages ? Number(pages) : null,
      issuedOn,
    },
  };
}

/** Six characters of the MAC, grouped for reading aloud or typing at the help desk: "K3M-9QX". */
export function checkCodeOf(text: string): string {
  const mac = text.slice(text.lastIndexOf("*") + 1);
  return `${mac.slice(0, 3)}-${mac.slice(3, 6)}`;
}

function macOf(body: string, key: Uint8Array): string {
  return toBase32(hmac(sha256, key, new TextEncoder().encode(body)).subarray(0, MAC_BYTES));
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Crockford base32, no padding; the encoder never emits letters the decoder would have to normalise. */
export function toBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

function checkedField(label: string, value: string): string {
  if (!FIELD.test(value) || value.includes("*"))
    throw new RangeError(`${label} "${value}" enthält Zeichen, die im Deckblatt-QR-Code nicht erlaubt sind`);
  return value;
}

function checkedSerial(serial: string): string {
  if (!SERIAL.test(serial)) throw new RangeError(`Seriennummer "${serial}" ungültig`);
  return serial;
}

function checkedPages(pages: number): number {
  if (!Number.isInteger(pages) || pages < 1 || pages > 999)
    throw new RangeError(`Seitenzahl ${pages} ungültig (1–999)`);
  return pages;
}

function toYymmdd(isoDate: string): string {
  const m = /^20(\d\d)-(\d\d)-(\d\d)$/.exec(isoDate);
  if (!m) throw new RangeError(`Ausgabedatum "${isoDate}" ungültig`);
  return m[1]! + m[2]! + m[3]!;
}

function fromYymmdd(text: string): string | null {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(text);
  if (!m) return null;
  const iso = `20${m[1]}-${m[2]}-${m[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}
