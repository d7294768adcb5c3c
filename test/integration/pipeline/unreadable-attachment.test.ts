import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { ImageToPdf, MailParser } from "../../../src/ingest/ports.js";
import type { ProcessOutcome } from "../../../src/ingest/process-message.js";
import { createProcessor } from "../../../src/ingest/processor.js";
import { buildScanMail } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { type EmbeddedCore, openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
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

const NESTED_MARKER = "X-Test-Unparseable: yes";

/** The real parser, except that it throws on the attached message (as a parser does on a mangled one). */
const parserThatFailsOnNested: (real: MailParser) => MailParser = (real) => async (raw) => {
  if (new TextDecoder().decode(raw).startsWith(NESTED_MARKER)) throw new Error("Unexpected end of MIME part");
  return real(raw);
};

const imageConverterThatThrows: ImageToPdf = async () => {
  throw new Error("VipsJpeg: Premature end of JPEG file");
};

async function runOnce(mail: Uint8Array, overrides: Partial<EmbeddedCore["pipeline"]>) {
  const captured = await core.capture({ raw: mail, source: "eml", receivedAt: new Date() });
  const outcomes: ProcessOutcome[] = [];
  const errors: unknown[] = [];
  const processor = createProcessor(
    { ...core.pipeline, ...overrides },
    {
      concurrency: 1,
      maxAttempts: 5,
      retryDelayMs: () => 0,
      onOutcome: (_id, outcome) => outcomes.push(outcome),
      onError: (_id, err) => errors.push(err),
    },
  );
  processor.enqueue(captured.message.id);
  await processor.idle();
  return { id: captured.message.id, outcomes, errors };
}

describe("an attachment that cannot be read", () => {
  it("quarantines a mail whose attached message does not parse at once, with a German reason", async () => {
    // GIVEN a scan mail with a PDF and a forwarded message that the MIME parser rejects
    const mail = await buildScanMail({
      subject: "Scan Az: 50-1234/2026",
      messageId: "<nested@terminal.example>",
      attachments: [
        { filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 1 }) },
        {
          filename: "weitergeleitet.eml",
          contentType: "message/rfc822",
          content: new TextEncoder().encode(`${NESTED_MARKER}\r\nSubject: kaputt\r\n\r\n--`),
        },
      ],
    });
    // WHEN it is processed with retries allowed
    const { id, outcomes, errors } = await runOnce(mail, {
      parseMail: parserThatFailsOnNested(core.pipeline.parseMail),
    });
    // THEN the first attempt quarantines it, without a retry, and the raw mail stays
    expect(errors).toEqual([]);
    expect(outcomes).toEqual([
      { status: "quarantined", reason: "Anlage nicht lesbar: Unexpected end of MIME part" },
    ]);
    const message = await core.store.getMessage(id);
    expect(message).toMatchObject({ status: "quarantined", attempts: 0, subject: "Scan Az: 50-1234/2026" });
    expect(message?.reason).toBe("Anlage nicht lesbar: Unexpected end of MIME part");
    expect(await core.blobs.get(message!.blobKey)).not.toBeNull();
  });

  it("quarantines a mail whose image conversion throws at once, with a German reason", async () => {
    const mail = await buildScanMail({
      subject: "Scan Name: Weiß",
      messageId: "<image@terminal.example>",
      attachments: [
        {
          filename: "seite1.jpg",
          contentType: "image/jpeg",
          content: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
        },
      ],
    });
    const { id, outcomes, errors } = await runOnce(mail, { imageToPdf: imageConverterThatThrows });
    expect(errors).toEqual([]);
    expect(outcomes).toEqual([
      { status: "quarantined", reason: "Anlage nicht lesbar: VipsJpeg: Premature end of JPEG file" },
    ]);
    expect(await core.store.getMessage(id)).toMatchObject({ status: "quarantined", attempts: 0 });
  });
});
