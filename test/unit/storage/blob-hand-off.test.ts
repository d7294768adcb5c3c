import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BlobStore } from "../../../src/ingest/ports.js";
import { createBlobHandOff } from "../../../src/storage/blob-hand-off.js";
import { createFileBlobStore } from "../../../src/storage/file-blob-store.js";

/** Counts the reads that reach the real store underneath. */
function countingStore(inner: BlobStore) {
  const reads: string[] = [];
  const store: BlobStore = {
    put: (bytes) => inner.put(bytes),
    get: (key) => {
      reads.push(key);
      return inner.get(key);
    },
  };
  return { store, reads };
}

describe("blob hand-off from capture to the pipeline", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "postkorb-handoff-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the captured bytes to the store and hands them to one processing read without touching the store", async () => {
    const files = createFileBlobStore(dir);
    const { store, reads } = countingStore(files);
    const handOff = createBlobHandOff(store);
    const raw = new TextEncoder().encode("Subject: Scan Az: 123\r\n\r\nbody");

    const stored = await handOff.capture.put(raw);

    // Capture's write is durable on its own: a fresh store (another process) reads it back.
    expect(await createFileBlobStore(dir).get(stored.key)).toEqual(raw);
    expect(await handOff.process.get(stored.key)).toEqual(raw);
    expect(reads).toEqual([]);
    // Taken once: the next read goes to the store and still finds the bytes.
    expect(handOff.heldBytes()).toBe(0);
    expect(await handOff.process.get(stored.key)).toEqual(raw);
    expect(reads).toEqual([stored.key]);
  });

  it("keeps no more than its byte budget, dropping the oldest, and skips entries that are too big", async () => {
    const { store, reads } = countingStore(createFileBlobStore(dir));
    const handOff = createBlobHandOff(store, { maxBytes: 250, maxEntryBytes: 150 });
    const blob = (fill: number, size: number) => new Uint8Array(size).fill(fill);

    const first = await handOff.capture.put(blob(1, 100));
    const second = await handOff.capture.put(blob(2, 100));
    const tooBig = await handOff.capture.put(blob(3, 200));
    expect(handOff.heldBytes()).toBe(200);
    const third = await handOff.capture.put(blob(4, 100));
    expect(handOff.heldBytes()).toBe(200);

    for (const key of [first.key, second.key, tooBig.key, third.key]) {
      expect(await handOff.process.get(key)).not.toBeNull();
    }
    // The dropped oldest and the too-big blob came from the store, the others from memory.
    expect(reads).toEqual([first.key, tooBig.key]);
  });

  it("does not remember what the pipeline itself writes, and a failed write remembers nothing", async () => {
    const { store, reads } = countingStore(createFileBlobStore(dir));
    const handOff = createBlobHandOff(store);
    const pdf = await handOff.process.put(new Uint8Array([37, 80, 68, 70]));
    expect(handOff.heldBytes()).toBe(0);
    expect(await handOff.process.get(pdf.key)).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(reads).toEqual([pdf.key]);

    const failing = createBlobHandOff({
      put: () => Promise.reject(new Error("disk full")),
      get: () => Promise.resolve(null),
    });
    await expect(failing.capture.put(new Uint8Array([1]))).rejects.toThrow("disk full");
    expect(failing.heldBytes()).toBe(0);
  });
});
