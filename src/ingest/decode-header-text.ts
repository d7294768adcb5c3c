/**
 * Header text as the sender meant it: raw 8-bit bytes (UTF-8 when valid, else Windows-1252) and RFC 2047
 * encoded-words (UTF-8, ISO-8859-1, Windows-1252 and whatever else the runtime's TextDecoder knows) decoded.
 * Scan terminals and old mail clients send all of these; a Müller must stay a Müller.
 */

export interface DecodedHeaderText {
  text: string;
  /** False when an encoded-word could not be decoded here (unknown charset, broken base64); it is left as written. */
  complete: boolean;
}

/** Decodes a header value given as its raw bytes (after unfolding). */
export function decodeHeaderBytes(bytes: Uint8Array): DecodedHeaderText {
  return decodeEncodedWords(decodeRawBytes(bytes));
}

/** Raw 8-bit header bytes: UTF-8 if they are valid UTF-8 (RFC 6532), else Windows-1252 (the Latin-1 superset). */
export function decodeRawBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

// Printable ASCII except "?" for the encoded text; charset may carry an RFC 2231 language suffix (`*de`).
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([\x21-\x3e\x40-\x7e]*)\?=/g;

interface Word {
  charset: string;
  bytes: Uint8Array | null;
  written: string;
}

/** RFC 2047: whitespace between adjacent encoded-words is dropped; adjacent words of one charset are joined as bytes. */
export function decodeEncodedWords(text: string): DecodedHeaderText {
  if (!text.includes("=?")) return { text, complete: true };
  let out = "";
  let complete = true;
  let run: Word[] = [];
  let last = 0;
  const flush = () => {
    let i = 0;
    while (i < run.length) {
      const charset = run[i]!.charset;
      let j = i;
      while (j < run.length && run[j]!.charset === charset && run[j]!.bytes !== null) j++;
      if (j === i) {
        // Undecodable word: keep it as written.
        out += run[i]!.written;
        complete = false;
        i++;
        continue;
      }
      const decoded = decodeCharset(concat(run.slice(i, j).map((w) => w.bytes!)), charset);
      if (decoded === null) {
        out += run
          .slice(i, j)
          .map((w) => w.written)
          .join("");
        complete = false;
      } else out += decoded;
      i = j;
    }
    run = [];
  };
  for (const match of text.matchAll(ENCODED_WORD)) {
    const start = match.index;
    const between = text.slice(last, start);
    if (run.length === 0 || !/^[ \t\r\n]*$/.test(between)) {
      flush();
      out += between;
    }
    const [written, charset, encoding, payload] = match as unknown as [string, string, string, string];
    run.push({
      charset: charset.toLowerCase(),
      bytes: encoding.toLowerCase() === "q" ? decodeQ(payload) : decodeB(payload),
      written,
    });
    last = start + written.length;
  }
  flush();
  out += text.slice(last);
  return { text: out, complete };
}

function decodeQ(payload: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    if (c === 0x5f) bytes.push(0x20);
    else if (c === 0x3d && /^[0-9a-fA-F]{2}$/.test(payload.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c);
  }
  return Uint8Array.from(bytes);
}

function decodeB(payload: string): Uint8Array | null {
  const clean = payload.replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return null;
  const binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, "="));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// WHATWG maps these labels to Windows-1252 too: a terminal that says ISO-8859-1 and sends 0x80 means €.
const WINDOWS_1252_LABELS = new Set([
  "windows-1252",
  "cp1252",
  "x-cp1252",
  "iso-8859-1",
  "iso8859-1",
  "iso88591",
  "iso_8859-1",
  "iso_8859-1:1987",
  "iso-ir-100",
  "latin1",
  "l1",
  "cp819",
  "ibm819",
  "csisolatin1",
  "us-ascii",
  "ascii",
  "ansi_x3.4-1968",
]);

function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  if (charset === "utf-8" || charset === "utf8") return decodeRawBytes(bytes);
  if (WINDOWS_1252_LABELS.has(charset)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return null;
  }
}

/** 0x80–0x9F of Windows-1252 (0 = undefined there, kept as the C1 control like WHATWG does). */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/** Windows-1252 by table: the same result on every runtime, whatever encodings its TextDecoder ships. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    const chunk = Array.from(bytes.subarray(i, i + 4096), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b,
    );
    out += String.fromCharCode(...chunk);
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
