import { join } from "node:path";
import nodemailer from "nodemailer";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { PdfSplitter } from "../../../src/ingest/ports.js";
import { wholePdfSplitter } from "../../../src/pdf/whole-pdf-splitter.js";
import { waitUntil } from "../../helpers/child-service.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { scanMailFor } from "../../helpers/imap-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService | null = null;
afterEach(async () => {
  await service?.stop();
  service = null;
});
afterAll(() => tmp.remove());

/** A splitter that holds every PDF until `open()`: processing is as slow as the test wants. */
function gatedSplitter(): { split: PdfSplitter; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    split: async (pdf) => {
      await gate;
      return wholePdfSplitter(pdf);
    },
    open,
  };
}

describe("SMTP back-pressure", () => {
  it("captures a mail at once but holds its 250 while processing is behind, and answers once there is room", async () => {
    const gated = gatedSplitter();
    // One processing lane: the 250 waits once more than two mails are queued or in hand.
    service = await startTestService(join(tmp.path, "data"), {
      env: { POSTKORB_PROCESS_CONCURRENCY: "1" },
      overrides: { splitPdf: gated.split },
    });
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: service.smtpPort! });
    const envelope = { from: "scanterminal@kundencenter.example", to: ["postkorb@amt.example"] };
    const send = async (i: number) => transport.sendMail({ envelope, raw: await scanMailFor("bp", i) });

    await send(1);
    await send(2);
    let thirdAnswered = false;
    const third = send(3).then((info) => {
      thirdAnswered = true;
      return info;
    });
    // The third mail is captured (safe in the store) while its answer waits.
    await waitUntil(
      async () => (await service!.core.store.listMessages()).length === 3,
      10_000,
      "the third mail captured",
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(thirdAnswered).toBe(false);

    gated.open();
    expect((await third).response).toMatch(/^250 /);
    await service.processor.idle();
    const documents = await service.core.store.listDocuments({});
    expect(documents).toHaveLength(3);
    transport.close();
  });

  it("stops holding answers when the processor stops, and a waiter gives up after its longest wait", async () => {
    const gated = gatedSplitter();
    service = await startTestService(join(tmp.path, "data-stop"), {
      env: { POSTKORB_PROCESS_CONCURRENCY: "1" },
      overrides: { splitPdf: gated.split },
    });
    const { processor } = service;
    // With room, no wait at all.
    await expect(processor.room(0, 60_000)).resolves.toBeUndefined();

    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: service.smtpPort! });
    const envelope = { from: "scanterminal@kundencenter.example", to: ["postkorb@amt.example"] };
    await transport.sendMail({ envelope, raw: await scanMailFor("bp-stop", 1) });
    transport.close();
    expect(processor.backlog).toBe(1);

    const started = Date.now();
    await processor.room(0, 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    let woken = false;
    const waiting = processor.room(0, 60_000).then(() => {
      woken = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(woken).toBe(false);
    const stopping = processor.stop();
    await waiting;
    expect(woken).toBe(true);
    gated.open();
    await stopping;
  });
});
