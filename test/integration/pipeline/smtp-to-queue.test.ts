import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeBrokenPdf, makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { sendRaw } from "../../helpers/send-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService;

beforeAll(async () => {
  service = await startTestService(join(tmp.path, "data"));
});
afterAll(async () => {
  await service.stop();
  tmp.remove();
});

async function documentsOfMessage(messageId: string) {
  const messages = await service.core.store.listMessages();
  const message = messages.find((m) => m.messageIdHeader === messageId);
  return { message, documents: message ? await service.core.store.listDocumentsOfMessage(message.id) : [] };
}

describe("SMTP ingress → routed document", () => {
  it("routes a canonical scan to the responsible caseworker with the server's receipt time", async () => {
    // GIVEN a scan whose Date header claims two days ago (the terminal's clock is not the receipt time)
    const raw = await buildScanMail({
      subject: canonicalSubject({
        caseRef: "50-1234/2026",
        customerNo: "100234",
        surname: "Müller",
        docType: "Kontoauszug",
      }),
      messageId: "<canonical-1@terminal.example>",
      date: new Date(Date.now() - 2 * 86_400_000),
      attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 2, seed: 1 }) }],
    });
    const before = Date.now();
    // WHEN it is sent over SMTP
    const reply = await sendRaw(service.smtpPort!, raw);
    const after = Date.now();
    await service.processor.idle();
    // THEN one document sits in sb1's queue, received when DATA ended
    expect(reply).toMatch(/^250 /);
    const { message, documents } = await documentsOfMessage("<canonical-1@terminal.example>");
    expect(message?.status).toBe("processed");
    expect(documents).toHaveLength(1);
    const doc = documents[0]!;
    expect(doc.queue).toBe("sb1");
    expect(doc.assignee).toBe("sb1");
    expect(doc.pageCount).toBe(2);
    expect(doc.caseRef).toBe("50-1234/2026");
    expect(doc.routeReason).toContain("Aktenregister");
    const receivedAt = new Date(doc.receivedAt).getTime();
    expect(receivedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(receivedAt).toBeLessThanOrEqual(after + 1000);
  });

  it("creates one document when the same mail is delivered twice", async () => {
    const raw = await buildScanMail({
      subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Lohnabrechnung" }),
      messageId: "<twice-1@terminal.example>",
      attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 2 }) }],
    });
    const first = await sendRaw(service.smtpPort!, raw);
    const second = await sendRaw(service.smtpPort!, raw);
    await service.processor.idle();
    expect(first).toContain("captured");
    expect(second).toContain("duplicate");
    const all = (await service.core.store.listMessages()).filter(
      (m) => m.messageIdHeader === "<twice-1@terminal.example>",
    );
    expect(all).toHaveLength(1);
    expect((await documentsOfMessage("<twice-1@terminal.example>")).documents).toHaveLength(1);
  });

  it("quarantines a mail without PDF with a reason and keeps routing the next mail", async () => {
    const noPdf = await buildScanMail({
      subject: "Scan Az: 50-1234/2026",
      messageId: "<nopdf@terminal.example>",
      attachments: [
        { filename: "foto.txt", content: new TextEncoder().encode("kein PDF"), contentType: "text/plain" },
      ],
    });
    const next = await buildScanMail({
      subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Antrag" }),
      messageId: "<after-nopdf@terminal.example>",
      attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 3 }) }],
    });
    expect(await sendRaw(service.smtpPort!, noPdf)).toMatch(/^250 /);
    expect(await sendRaw(service.smtpPort!, next)).toMatch(/^250 /);
    await service.processor.idle();
    const quarantined = await documentsOfMessage("<nopdf@terminal.example>");
    expect(quarantined.message?.status).toBe("quarantined");
    expect(quarantined.message?.reason).toMatch(/Keine PDF-Anlage gefunden.*foto\.txt/);
    expect(quarantined.documents).toHaveLength(0);
    expect((await documentsOfMessage("<after-nopdf@terminal.example>")).documents).toHaveLength(1);
  });

  it("quarantines a broken PDF with a reason that names the file, keeping the raw mail", async () => {
    const raw = await buildScanMail({
      subject: "Scan Az: 50-1234/2026",
      messageId: "<broken@terminal.example>",
      attachments: [{ filename: "kaputt.pdf", content: await makeBrokenPdf() }],
    });
    await sendRaw(service.smtpPort!, raw);
    await service.processor.idle();
    const { message, documents } = await documentsOfMessage("<broken@terminal.example>");
    expect(message?.status).toBe("quarantined");
    expect(message?.reason).toContain('PDF "kaputt.pdf" unbrauchbar');
    expect(documents).toHaveLength(0);
    const stored = await service.core.blobs.get(message!.blobKey);
    expect(stored && Buffer.from(stored).equals(Buffer.from(raw))).toBe(true);
  });

  it("treats an attachment named ../../x.pdf as data and writes nothing outside the blob store", async () => {
    const raw = await buildScanMail({
      subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Nachweis" }),
      messageId: "<traversal@terminal.example>",
      attachments: [{ filename: "../../x.pdf", content: await makeScanPdf({ pages: 1, seed: 4 }) }],
    });
    await sendRaw(service.smtpPort!, raw);
    await service.processor.idle();
    const { documents } = await documentsOfMessage("<traversal@terminal.example>");
    expect(documents[0]?.filename).toBe("../../x.pdf");
    const files = listFiles(tmp.path).map((f) => relative(tmp.path, f));
    const outside = files.filter(
      (f) =>
        !f.startsWith(join("data", "blobs")) && !/^data[/\\](postkorb\.sqlite(-wal|-shm)?|secret)$/.test(f),
    );
    expect(outside).toEqual([]);
    expect(files.some((f) => f.endsWith("x.pdf"))).toBe(false);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
