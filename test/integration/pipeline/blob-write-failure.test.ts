import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { BlobStore } from "../../../src/ingest/ports.js";
import { processMessage } from "../../../src/ingest/process-message.js";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { type EmbeddedCore, openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { seedDemoOffice } from "../../helpers/embedded-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let core: EmbeddedCore;

beforeAll(async () => {
  core = openEmbeddedCore(loadConfig({ POSTKORB_DATA_DIR: join(tmp.path, "data") }));
  await seedDemoOffice({ core } as Parameters<typeof seedDemoOffice>[0]);
});
afterAll(() => {
  core.close();
  tmp.remove();
});

/** The real file store, except that writing `failing` fails once (a full disk cannot be made here on demand). */
function failingOnce(blobs: BlobStore, failing: Uint8Array): BlobStore {
  let failed = false;
  return {
    ...blobs,
    put: async (bytes) => {
      if (!failed && Buffer.compare(bytes, failing) === 0) {
        failed = true;
        throw new Error("ENOSPC: no space left on device");
      }
      return blobs.put(bytes);
    },
  };
}

describe("a blob that cannot be written while processing", () => {
  it("fails the attempt without a document, and the next attempt stores the original and the stamped PDF", async () => {
    const pdf = await makeScanPdf({ pages: 2, seed: 7 });
    const raw = await buildScanMail({
      subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
      messageId: "<blob-failure@terminal.example>",
      attachments: [{ filename: "scan.pdf", content: pdf }],
    });
    const { message } = await core.capture({ raw, source: "eml", receivedAt: new Date() });

    // The original PDF is stored while the part is stamped; its failure still fails the whole attempt.
    const deps = { ...core.pipeline, blobs: failingOnce(core.blobs, pdf) };
    await expect(processMessage(deps, message.id)).rejects.toThrow(/ENOSPC/);
    expect((await core.store.getMessage(message.id))?.status).toBe("pending");
    expect(await core.store.listDocuments({ limit: 100 })).toHaveLength(0);

    const outcome = await processMessage(deps, message.id);
    expect(outcome.status).toBe("processed");
    const docs = await core.store.listDocuments({ limit: 100 });
    expect(docs).toHaveLength(1);
    expect(docs[0]!.assignee).toBe("sb1");
    expect(await core.blobs.get(docs[0]!.originalBlobKey)).toEqual(pdf);
    expect(docs[0]!.blobKey).not.toBe(docs[0]!.originalBlobKey);
  });
});
