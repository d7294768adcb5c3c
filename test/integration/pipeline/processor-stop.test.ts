import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { BlobStore } from "../../../src/ingest/ports.js";
import { createProcessor } from "../../../src/ingest/processor.js";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { type EmbeddedCore, openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { waitUntil } from "../../helpers/child-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

let tmp: ReturnType<typeof makeTempDir>;
let core: EmbeddedCore;

beforeEach(() => {
  tmp = makeTempDir();
  core = openEmbeddedCore(
    loadConfig({ POSTKORB_DATA_DIR: tmp.path, POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123" }),
  );
});
afterEach(() => {
  core.close();
  tmp.remove();
});

async function captureScan(): Promise<string> {
  const raw = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
    messageId: "<stop@terminal.example>",
    attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 7 }) }],
  });
  const captured = await core.capture({ raw, source: "eml", receivedAt: new Date() });
  return captured.message.id;
}

/** Blobs whose reads fail (a disk that went away) until `heal()`; counts every read = every attempt. */
function failingBlobs(real: BlobStore, gate?: Promise<void>) {
  let healthy = false;
  const state = {
    reads: 0,
    heal: () => {
      healthy = true;
    },
    blobs: {
      put: (bytes: Uint8Array) => real.put(bytes),
      async get(key: string) {
        state.reads++;
        if (healthy) return real.get(key);
        await gate;
        throw new Error("EIO: blob disk unavailable");
      },
    } satisfies BlobStore,
  };
  return state;
}

describe("processor stop()", () => {
  it("cuts a 30-second retry back-off short, starts no further attempt, and the next start resumes the mail", async () => {
    // GIVEN a mail whose first attempt fails with an unexpected error and whose retry sleeps 30 s
    const id = await captureScan();
    const disk = failingBlobs(core.blobs);
    const errors: number[] = [];
    const processor = createProcessor(
      { ...core.pipeline, blobs: disk.blobs },
      {
        concurrency: 1,
        maxAttempts: 5,
        retryDelayMs: () => 30_000,
        onError: (_id, _err, n) => errors.push(n),
      },
    );
    processor.enqueue(id);
    await waitUntil(async () => errors.length === 1, 10_000, "the first failed attempt");

    // WHEN the service stops during the back-off
    const started = performance.now();
    await processor.stop();

    // THEN stop() returns at once, no attempt follows, and the mail is still pending
    expect(performance.now() - started).toBeLessThan(1_000);
    disk.heal();
    await new Promise((r) => setTimeout(r, 300));
    expect(disk.reads).toBe(1);
    expect(processor.backlog).toBe(0);
    expect(await core.store.getMessage(id)).toMatchObject({ status: "pending", attempts: 1 });

    // AND a processor started afterwards (the next start) processes it once
    const outcomes: string[] = [];
    const next = createProcessor(core.pipeline, {
      concurrency: 1,
      maxAttempts: 5,
      retryDelayMs: () => 0,
      onOutcome: (_id, outcome) => outcomes.push(outcome.status),
    });
    expect(await next.resumePending()).toBe(1);
    await next.idle();
    expect(outcomes).toEqual(["processed"]);
    expect(await core.store.listDocumentsOfMessage(id)).toHaveLength(1);
  });

  it("lets the attempt in hand finish but does not retry it after stop", async () => {
    // GIVEN an attempt that is still running when stop() is called, and then fails
    const id = await captureScan();
    let release = () => {};
    const disk = failingBlobs(
      core.blobs,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    const processor = createProcessor(
      { ...core.pipeline, blobs: disk.blobs },
      { concurrency: 1, maxAttempts: 5, retryDelayMs: () => 0 },
    );
    processor.enqueue(id);
    await waitUntil(async () => disk.reads === 1, 10_000, "the attempt to start");
    const stopping = processor.stop();
    release();
    await stopping;
    // THEN there was exactly one attempt, and the mail waits, pending, for the next start
    await new Promise((r) => setTimeout(r, 200));
    expect(disk.reads).toBe(1);
    expect(await core.store.getMessage(id)).toMatchObject({ status: "pending" });
    processor.enqueue(id);
    expect(processor.backlog).toBe(0);
  });

  it("processes mails even without an onOutcome callback", async () => {
    const id = await captureScan();
    const processor = createProcessor(core.pipeline, {
      concurrency: 1,
      maxAttempts: 1,
      retryDelayMs: () => 0,
    });
    processor.enqueue(id);
    await processor.idle();
    expect(await core.store.getMessage(id)).toMatchObject({ status: "processed" });
  });
});
