import { PDFDocument } from "pdf-lib";
import { beforeAll, expect, it } from "vitest";
import { workerCore } from "../../src/runtime/worker-core.js";
import { deliverEmail, fixture, seedOffice, testEnv } from "./worker-harness.js";

beforeAll(async () => {
  await seedOffice();
});

it("splits a scan with three signed cover sheets into three routed documents, each PDF in R2", async () => {
  // GIVEN a scan stack: JPEG sheet (50-1234/2026, KA) + 2 pages, JPEG sheet (50-5678/2026, MV) + 1 page,
  // a 300 dpi 1-bit sheet (50-1234/2026, LA) + blank backside + 1 page + a text-only page; the subject
  // names another case (50-9999/2026); the second sheet was issued with a name, recorded in D1
  await testEnv.DB.prepare(
    "INSERT INTO cover_sheets (serial, key_id, case_ref, doc_type, surname, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  )
    .bind("WK2SHEET", "7Q", "50-5678/2026", "Mietvertrag", "Schmidt", "admin", "2026-11-18T08:00:00.000Z")
    .run();
  const started = performance.now();
  const { rejected } = await deliverEmail(fixture("FIXTURE_COVER_SHEETS_MAIL"));
  const elapsedMs = Math.round(performance.now() - started);
  console.log(JSON.stringify({ coverSheetMail: { pages: 9, elapsedMs } }));
  expect(rejected).toBeNull();

  // THEN the message is processed into three documents in sheet order, routed by the signed sheets
  const { pipeline } = workerCore(testEnv);
  const [message] = await pipeline.store.listMessages();
  expect(message).toMatchObject({ status: "processed", reason: null });
  const docs = await pipeline.store.listDocumentsOfMessage(message!.id);
  expect(
    docs.map((d) => ({
      caseRef: d.caseRef,
      docType: d.docType,
      assignee: d.assignee,
      pages: d.pages,
      source: d.metadataSource,
    })),
  ).toEqual([
    {
      caseRef: "50-1234/2026",
      docType: "Kontoauszug",
      assignee: "sb1",
      pages: [1, 2],
      source: "cover-sheet",
    },
    { caseRef: "50-5678/2026", docType: "Mietvertrag", assignee: "sb2", pages: [4], source: "cover-sheet" },
    // The blank backside (page 6) is dropped; the text-only page, unreadable here, stays in the document.
    {
      caseRef: "50-1234/2026",
      docType: "Lohnabrechnung",
      assignee: "sb1",
      pages: [7, 8],
      source: "cover-sheet",
    },
  ]);
  // The QR codes carry no name: the second document has the one from its sheet's record, the others none.
  expect(docs.map((d) => d.surname)).toEqual([null, "Schmidt", null]);
  expect(docs[2]!.flags).toContain("leerseiten-entfernt");
  expect(docs[0]!.flags).toEqual([]);

  // AND each document's PDF is in R2 with its own pages only (sheets cut out)
  for (const doc of docs) {
    const pdf = await pipeline.blobs.get(doc.blobKey);
    expect(pdf).not.toBeNull();
    expect((await PDFDocument.load(pdf!)).getPageCount()).toBe(doc.pages.length);
  }
});
