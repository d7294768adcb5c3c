/** Reads the few header fields capture needs from raw RFC 822 bytes, without a full MIME parse. */
import { type DecodedHeaderText, decodeHeaderBytes, decodeWindows1252 } from "./decode-header-text.js";

export interface CaptureHeaders {
  messageId: string | null;
  /** Decoded subject (RFC 2047 words, raw UTF-8 or else Windows-1252 bytes), as a person reads it. */
  subject: string | null;
  from: string | null;
  date: string | null;
  /** Received: headers, top (newest hop) first. */
  received: string[];
}

const MAX_HEADER_BYTES = 256 * 1024;

interface RawField {
  name: string;
  /** The value's bytes as a string of code units 0–255 (one per byte), so the charset can be decided later. */
  bytes: string;
}

export function readHeaders(raw: Uint8Array): CaptureHeaders {
  const fields = readRawFields(raw);
  const first = (name: string) => {
    const field = fields.find((f) => f.name === name);
    return field ? decodeWindows1252(toBytes(field.bytes)) : null;
  };
  return {
    messageId: first("message-id"),
    subject: decodeSubject(fields)?.text ?? null,
    from: first("from"),
    date: first("date"),
    received: fields.filter((f) => f.name === "received").map((f) => decodeWindows1252(toBytes(f.bytes))),
  };
}

/** The decoded Subject header, or null when there is none; `complete` says whether every encoded-word was decoded. */
export function readSubjectHeader(raw: Uint8Array): DecodedHeaderText | null {
  return decodeSubject(readRawFields(raw));
}

/**
 * The subject a MIME parser adapter reports: this module's decoding when it understood every encoded-word (so all
 * adapters agree, and raw 8-bit Latin-1 is not turned into U+FFFD), else the MIME library's own result.
 */
export function preferredSubject(raw: Uint8Array, fromLibrary: string | null | undefined): string | null {
  const own = readSubjectHeader(raw);
  if (own === null) return fromLibrary ?? null;
  return own.complete ? own.text : (fromLibrary ?? own.text);
}

function decodeSubject(fields: RawField[]): DecodedHeaderText | null {
  const field = fields.find((f) => f.name === "subject");
  if (!field) return null;
  const decoded = decodeHeaderBytes(toBytes(field.bytes));
  return { text: decoded.text.trim(), complete: decoded.complete };
}

function readRawFields(raw: Uint8Array): RawField[] {
  const head = raw.subarray(0, Math.min(raw.length, MAX_HEADER_BYTES));
  const block = byteString(head.subarray(0, headerEnd(head)));
  return block
    .replace(/\r?\n[ \t]+/g, " ")
    .split(/\r?\n/)
    .map((line) => {
      const colon = line.indexOf(":");
      return colon > 0
        ? { name: line.slice(0, colon).trim().toLowerCase(), bytes: line.slice(colon + 1).trim() }
        : null;
    })
    .filter((f): f is RawField => f !== null);
}

/** Index of the line break that ends the header block (the empty line), or the length when there is none. */
function headerEnd(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    const next = bytes[i + 1];
    if (next === 0x0a || (next === 0x0d && bytes[i + 2] === 0x0a))
      return i > 0 && bytes[i - 1] === 0x0d ? i - 1 : i;
  }
  return bytes.length;
}

function byteString(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function toBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
