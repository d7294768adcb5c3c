/** Random tokens and their hashes for cookies and CSRF (Web Crypto + noble: same on Node, Bun, Workers). */
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

export function generateRandomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let text = "";
  for (const b of raw) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function hashSessionId(id: string): string {
  return bytesToHex(sha256(utf8ToBytes(id)));
}

/** Compares two strings without an early exit, so timing does not reveal a matching prefix. */
export function equalsInConstantTime(a: string, b: string): boolean {
  const x = utf8ToBytes(a);
  const y = utf8ToBytes(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
