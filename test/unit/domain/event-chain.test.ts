import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  createChainVerifier,
  GENESIS_HASH,
  hashEvent,
} from "../../../src/domain/event-chain.js";

function makeChain(n: number) {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const content = {
      seq: i + 1,
      at: "2026-11-25T08:00:00.000Z",
      actor: "router",
      action: "document.routed",
      subjectType: "document",
      subjectId: `d${i}`,
      data: canonicalJson({ queue: "sb1", n: i }),
    };
    const event = { ...content, prevHash: prev, hash: hashEvent(content, prev) };
    prev = event.hash;
    return event;
  });
}

describe("event hash chain", () => {
  it("verifies an untouched chain", () => {
    const check = createChainVerifier();
    const results = makeChain(5).map(check);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("names the first altered event", () => {
    const chain = makeChain(5);
    chain[2] = { ...chain[2]!, data: canonicalJson({ queue: "sb2", n: 2 }) };
    const check = createChainVerifier();
    const firstBad = chain.map(check).find((r) => !r.ok);
    expect(firstBad).toMatchObject({ ok: false, seq: 3 });
  });

  it("notices a deleted event as a gap", () => {
    const chain = makeChain(4);
    chain.splice(1, 1);
    const check = createChainVerifier();
    expect(chain.map(check).find((r) => !r.ok)).toMatchObject({ ok: false, seq: 3 });
  });

  it("writes canonical JSON with sorted keys", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});
