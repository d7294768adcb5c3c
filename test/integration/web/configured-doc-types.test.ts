import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildScanMail } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { createPageClient } from "../../helpers/page-client.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService;

beforeAll(async () => {
  service = await startTestService(tmp.path, {
    env: { POSTKORB_SMTP_PORT: "0", POSTKORB_DOC_TYPES: JSON.stringify({ Quittung: ["Kassenbon"] }) },
  });
});
afterAll(async () => {
  await service.stop();
  tmp.remove();
});

async function scan(subject: string) {
  const raw = await buildScanMail({
    subject,
    attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 2 }) }],
  });
  const { message } = await service.core.capture({ raw, source: "eml", receivedAt: new Date() });
  service.processor.enqueue(message.id);
  await service.processor.idle();
  return (await service.core.store.listDocumentsOfMessage(message.id))[0]!;
}

describe("document types from POSTKORB_DOC_TYPES", () => {
  it("reads a configured synonym from the subject, offers the type in the inbox and accepts it in a correction", async () => {
    // GIVEN an office that added "Quittung" (synonym "Kassenbon") to the document types
    const fromSubject = await scan("Scan Az: 50-1234/2026; Art: Kassenbon");
    expect(fromSubject).toMatchObject({ docType: "Quittung", assignee: "sb1" });
    const other = await scan("Scan Az: 50-1234/2026; Art: Antrag");

    // WHEN sb1 opens the queue and the document
    const sb1 = createPageClient(`http://127.0.0.1:${service.httpPort}`);
    await sb1.login("sb1");
    const queue = await (await sb1.get("/postkorb")).text();
    const page = await (await sb1.get(`/dokumente/${other.id}`)).text();
    // THEN the filter and the correction form offer the configured type
    expect(queue).toContain('<option value="Quittung"');
    expect(page).toMatch(/<select id="k-art"[\s\S]*?<option value="Quittung"/);

    // AND a correction to the synonym is stored as the canonical type
    const res = await sb1.post(
      `/dokumente/${other.id}/korrigieren`,
      { aktenzeichen: "50-1234/2026", kundennummer: "", name: "", dokumentart: "Kassenbon" },
      `/dokumente/${other.id}`,
    );
    expect(res.status).toBe(303);
    expect((await service.core.store.getDocument(other.id))?.docType).toBe("Quittung");
  });
});
