/** Hash chaining of the audit trail: each event's hash covers its content and the previous event's hash. */
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

export const GENESIS_HASH = "0".repeat(64);

export interface EventContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Canonical JSON text of the event's data. */
  data: string;
}

export interface ChainedEvent extends EventContent {
  prevHash: string;
  hash: string;
}

export function hashEvent(content: EventContent, prevHash: string): string {
  const canonical = JSON.stringify([
    content.seq,
    content.at,
    content.actor,
    content.action,
    content.subjectType,
    content.subjectId,
    content.data,
    prevHash,
  ]);
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; seq: number; reason: string };

/** Checks events in seq order; names the first broken link. Feed it pages in order via `checkNext`. */
export function createChainVerifier() {
  let expectedPrev = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  return function checkNext(event: ChainedEvent): ChainCheck {
    count++;
    if (event.seq !== lastSeq + 1) {
      return {
        ok: false,
        count,
        seq: event.seq,
        reason: `Lücke in der Folge: nach ${lastSeq} kommt ${event.seq}`,
      };
    }
    if (event.prevHash !== expectedPrev) {
      return { ok: false, count, seq: event.seq, reason: "Verweis auf das vorige Ereignis stimmt nicht" };
    }
    if (hashEvent(event, event.prevHash) !== event.hash) {
      return {
        ok: false,
        count,
        seq: event.seq,
        reason: "Inhalt passt nicht zum gespeicherten Hash (verändert)",
      };
    }
    expectedPrev = event.hash;
    lastSeq = event.seq;
    return { ok: true, count };
  };
}

/** Stable JSON: keys sorted, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
    return v;
  });
}
