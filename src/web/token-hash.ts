/** API tokens: random, shown once, stored only as sha256. */
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

export function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token)));
}

export function generateToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `pk_${bytesToHex(bytes)}`;
}
