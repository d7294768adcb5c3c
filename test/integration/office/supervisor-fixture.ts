/** A real embedded core on a temp dir with the demo office, plus a scan feeder through the real pipeline. */
import { buildDemoOffice } from "../../../scripts/demo/demo-office.js";
import { loadConfig } from "../../../src/config.js";
import { createOfficeRepository } from "../../../src/db/office-repository.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../../src/db/office-seed.js";
import type { DocumentRecord } from "../../../src/ingest/ports.js";
import { createProcessor } from "../../../src/ingest/processor.js";
import { buildScanMail } from "../../../src/mail/scan-mail.js";
import type { SupervisorDeps } from "../../../src/office/supervisor/supervisor-deps.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { type EmbeddedCore, openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

export interface SupervisorFixture {
  core: EmbeddedCore;
  deps: SupervisorDeps;
  scan(subject: string): Promise<DocumentRecord[]>;
  close(): void;
}

let counter = 0;

export async function openSupervisorFixture(): Promise<SupervisorFixture> {
  const dir = makeTempDir("postkorb-supervisor-");
  const config = loadConfig({
    POSTKORB_DATA_DIR: dir.path,
    POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
  });
  const core = openEmbeddedCore(config);
  const parsed = parseOfficeSeed(await buildDemoOffice(new Date()));
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(core.database, parsed.seed, "test", new Date());
  // onOutcome must be set: processor.ts writes `options.onOutcome?.(id, await processMessage(…))`, and an
  // optional call skips evaluating its arguments, so without it nothing is processed.
  const processor = createProcessor(core.pipeline, {
    concurrency: 1,
    maxAttempts: 1,
    retryDelayMs: () => 0,
    onOutcome: () => {},
  });
  const repo = createOfficeRepository(core.database, () => core.clock.now());
  return {
    core,
    deps: { repo, timeZone: config.timeZone, routingOptions: core.pipeline.routingOptions },
    async scan(subject) {
      counter++;
      const pdf = await makeScanPdf({ pages: 1, seed: counter });
      const raw = await buildScanMail({
        subject,
        attachments: [{ filename: `scan-${counter}.pdf`, content: pdf }],
      });
      const result = await core.capture({
        raw,
        source: "eml",
        sourceKey: `test:${counter}`,
        receivedAt: new Date(),
      });
      processor.enqueue(result.message.id);
      await processor.idle();
      return core.store.listDocumentsOfMessage(result.message.id);
    },
    close() {
      core.close();
      dir.remove();
    },
  };
}
