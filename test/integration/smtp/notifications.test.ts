import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { waitUntil } from "../../helpers/child-service.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { freePort } from "../../helpers/free-port.js";
import { sendRaw } from "../../helpers/send-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

interface Delivered {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on loopback standing in for the office's mail relay. */
async function startRelay(): Promise<{ port: number; mails: Delivered[]; close(): Promise<void> }> {
  const mails: Delivered[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const tmp = makeTempDir();
let relay: Awaited<ReturnType<typeof startRelay>>;
let service: TestService;

beforeAll(async () => {
  relay = await startRelay();
  service = await startTestService(tmp.path, {
    env: {
      POSTKORB_SMTP_OUT_URL: `smtp://127.0.0.1:${relay.port}`,
      POSTKORB_NOTIFY_FROM: "postkorb@amt.example",
      POSTKORB_PUBLIC_URL: "https://postkorb.amt.example/",
    },
  });
});
afterAll(async () => {
  await service.stop();
  await relay.close();
  tmp.remove();
});

describe("notifications", () => {
  it("mails the caseworker a link to a new document, without the citizen's name or Aktenzeichen", async () => {
    // GIVEN a scan for Az. 50-1234/2026 (Müller), which the register assigns to sb1
    const raw = await buildScanMail({
      subject: canonicalSubject({ caseRef: "50-1234/2026", surname: "Müller", docType: "Kontoauszug" }),
      messageId: "<notify-1@terminal.example>",
      attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 5 }) }],
    });
    // WHEN it arrives and is routed
    expect(await sendRaw(service.smtpPort!, raw)).toMatch(/^250/);
    await waitUntil(async () => relay.mails.length > 0, 20_000, "a notification");
    const [doc] = await service.core.store.listDocuments({ assignee: "sb1" });
    // THEN sb1 got one mail from the configured sender, linking to the document, naming no personal data
    expect(relay.mails).toHaveLength(1);
    const mail = relay.mails[0]!;
    expect(mail.to).toEqual(["sb1@amt.example"]);
    expect(mail.from).toBe("postkorb@amt.example");
    expect(mail.subject).toBe("Postkorb: 1 neues Dokument");
    expect(mail.text).toContain(`https://postkorb.amt.example/dokumente/${doc!.id}`);
    expect(mail.text).toContain("Kontoauszug");
    expect(mail.text).not.toMatch(/Müller|50-1234/);
  });

  it("sends nothing for a document that lands in the triage queue", async () => {
    const before = relay.mails.length;
    const raw = await buildScanMail({
      subject: "Scan",
      messageId: "<notify-2@terminal.example>",
      attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 6 }) }],
    });
    expect(await sendRaw(service.smtpPort!, raw)).toMatch(/^250/);
    await service.processor.idle();
    const triage = await service.core.store.listDocuments({ queue: "triage" });
    expect(triage.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(relay.mails.length).toBe(before);
  });
});
