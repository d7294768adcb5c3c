import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { events } from "../../../src/db/schema.js";
import {
  type CoverSheetFields,
  createKeyring,
  encodeCoverSheet,
} from "../../../src/domain/cover-sheet-codec.js";
import { processMessage } from "../../../src/ingest/process-message.js";
import { buildScanMail } from "../../../src/mail/scan-mail.js";
import { renderCoverSheets } from "../../../src/pdf/render-cover-sheet.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { loadUnicodeFont } from "../../../src/pdf/unicode-font.js";
import { type EmbeddedCore, openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { Flags, flagDetailsOf } from "../../../src/web/inbox/document-display.js";
import { describeEvent } from "../../../src/web/inbox/document-history.js";
import { seedDemoOffice } from "../../helpers/embedded-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const SECRET = "test-secret-test-secret-test-secret-0123";
const A4: [number, number] = [595.28, 841.89];
const tmp = makeTempDir();
let core: EmbeddedCore;

beforeAll(async () => {
  core = openEmbeddedCore(loadConfig({ POSTKORB_DATA_DIR: join(tmp.path, "data"), POSTKORB_SECRET: SECRET }));
  await seedDemoOffice({ core } as Parameters<typeof seedDemoOffice>[0]);
});
afterAll(() => {
  core.close();
  tmp.remove();
});

const fields = (serial: string, more: Partial<CoverSheetFields> = {}): CoverSheetFields => ({
  serial,
  caseRef: "50-1234/2026",
  customerNo: null,
  docCode: "KA",
  declaredPages: null,
  issuedOn: "2026-11-20",
  ...more,
});

async function sheetPdf(qrText: string, f: CoverSheetFields): Promise<Uint8Array> {
  const fonts = { regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") };
  const view = { ...f, qrText, docType: "Kontoauszug", surname: null, teamName: null };
  return renderCoverSheets([view], { officeName: "Amt für Soziales und Wohnen", fonts });
}

/**
 * What a photocopier makes of a sheet: rasterised at 200 dpi (poppler), a little crooked and soft, the
 * contrast pushed, saved as a JPEG page. Nothing of the original PDF survives but the picture.
 */
async function photocopy(pdf: Uint8Array, name: string): Promise<Uint8Array> {
  const input = join(tmp.path, `${name}.pdf`);
  writeFileSync(input, pdf);
  execFileSync("pdftoppm", ["-r", "200", "-gray", "-png", "-singlefile", input, join(tmp.path, name)]);
  const jpeg = await sharp(readFileSync(join(tmp.path, `${name}.png`)))
    .rotate(1.5, { background: "#ffffff" })
    .blur(0.8)
    .linear(1.25, -20)
    .toColourspace("b-w")
    .jpeg({ quality: 55 })
    .toBuffer();
  return new Uint8Array(jpeg);
}

/** A duplex backside: paper, no ink. */
async function blankPageJpeg(): Promise<Uint8Array> {
  const jpeg = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: "#f4f4f2" } })
    .toColourspace("b-w")
    .jpeg({ quality: 70 })
    .toBuffer();
  return new Uint8Array(jpeg);
}

type Piece = { pdf: Uint8Array } | { jpeg: Uint8Array } | { content: number };

async function scan(pieces: Piece[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const [i, piece] of pieces.entries()) {
    if ("jpeg" in piece) {
      const image = await out.embedJpg(piece.jpeg);
      out.addPage(A4).drawImage(image, { x: 0, y: 0, width: A4[0], height: A4[1] });
      continue;
    }
    const source = await PDFDocument.load(
      "pdf" in piece ? piece.pdf : await makeScanPdf({ pages: piece.content, seed: 70 + i }),
    );
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

async function ingest(subject: string, pdf: Uint8Array, messageId: string) {
  const raw = await buildScanMail({
    subject,
    messageId,
    attachments: [{ filename: "scan.pdf", content: pdf }],
  });
  const captured = await core.capture({ raw, source: "eml", receivedAt: new Date() });
  const outcome = await processMessage(core.pipeline, captured.message.id);
  const docs = await core.store.listDocumentsOfMessage(captured.message.id);
  docs.sort((a, b) => a.partKey.localeCompare(b.partKey));
  const eventsOf = (id: string) =>
    core.database.db.select().from(events).where(eq(events.subjectId, id)).orderBy(events.seq);
  return { outcome, docs, eventsOf, messageRef: captured.message.id };
}

describe("cover sheets through the pipeline", () => {
  it("sends a scan with a photocopied forged sheet to triage with the reason and an audit event, unsplit", async () => {
    // GIVEN a stack with a genuine sheet and a photocopy of a sheet whose QR was signed with someone else's key
    const keyring = createKeyring(SECRET);
    const genuine = fields("GENUIN01");
    const forgedFields = fields("FORGED01", { caseRef: "50-9999/2026" });
    const forgedText = encodeCoverSheet(
      forgedFields,
      createKeyring("forger-secret-with-enough-characters-012345"),
    ).replace(/^PK1\*../, `PK1*${keyring.current.id}`);
    const pdf = await scan([
      { jpeg: await photocopy(await sheetPdf(encodeCoverSheet(genuine, keyring), genuine), "genuine") },
      { content: 1 },
      { jpeg: await photocopy(await sheetPdf(forgedText, forgedFields), "forged") },
      { content: 2 },
    ]);
    // WHEN the mail is processed (its subject would route it to sb1)
    const { outcome, docs, eventsOf, messageRef } = await ingest(
      "Scan Az: 50-1234/2026; Art: Kontoauszug",
      pdf,
      "<forged-sheet@terminal.example>",
    );
    // THEN one document with all five pages, in triage, the reason shown, and a rejection event
    expect(outcome.status).toBe("processed");
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect([doc.queue, doc.assignee, doc.pageCount, doc.pages]).toEqual(["triage", null, 5, [0, 1, 2, 3, 4]]);
    expect(doc.routeReason).toMatch(/^Deckblatt ungültig: Signatur stimmt nicht .*\(Seite 3\)$/);
    expect(doc.flags).toEqual(["deckblatt-ungueltig"]);
    expect((await core.blobs.get(doc.originalBlobKey))!).toEqual(pdf);
    const trail = await eventsOf(doc.id);
    expect(trail.map((e) => e.action)).toEqual(["cover-sheet.rejected", "document.routed"]);
    expect(JSON.parse(trail[0]!.data)).toEqual({
      message: messageRef,
      serial: "FORGED01",
      page: 3,
      reason: doc.routeReason,
    });
    expect(String(Flags({ flags: doc.flags }))).toContain("Deckblatt ungültig");
    expect(describeEvent(trail[0] as Parameters<typeof describeEvent>[0])).toBe(
      `Deckblatt auf Seite 3 abgelehnt (Nr. FORGED01): ${doc.routeReason}`,
    );
  }, 120_000);

  it("completes a generic help-desk sheet from the subject and shows the page-count facts", async () => {
    // GIVEN a sheet with only a document type and a declared count of 3, then 2 pages and a blank backside
    const keyring = createKeyring(SECRET);
    const generic = fields("HELPDSK1", { caseRef: null, declaredPages: 3 });
    const pdf = await scan([
      { pdf: await sheetPdf(encodeCoverSheet(generic, keyring), generic) },
      { content: 1 },
      { jpeg: await blankPageJpeg() },
      { content: 1 },
    ]);
    // WHEN the citizen typed the case and name at the terminal
    const { docs, eventsOf } = await ingest(
      "Scan Az: 50-1234/2026; Name: Müller",
      pdf,
      "<generic-sheet@terminal.example>",
    );
    // THEN the sheet's type and the subject's case and name, routed to the case's caseworker
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect([doc.docType, doc.caseRef, doc.surname, doc.metadataSource]).toEqual([
      "Kontoauszug",
      "50-1234/2026",
      "Müller",
      "cover-sheet",
    ]);
    expect([doc.assignee, doc.pages]).toEqual(["sb1", [1, 3]]);
    expect(doc.flags).toEqual(["leerseiten-entfernt", "seitenzahl-abweichend"]);
    expect(doc.routeReason).toMatch(
      /^Angaben aus dem Deckblatt \(Dokumentart, vor Betreff\), ergänzt aus dem Betreff \(Aktenzeichen, Name\)\. /,
    );
    expect(doc.routeReason).toMatch(
      /Hinweise: Leere Seiten entfernt \(1 leere Seite\); Seitenzahl weicht ab \(3 angegeben, 2 gefunden\)\.$/,
    );
    const trail = await eventsOf(doc.id);
    const routed = JSON.parse(trail.find((e) => e.action === "document.routed")!.data);
    expect(routed.metadataSources).toEqual({
      caseRef: "subject",
      surname: "subject",
      docType: "cover-sheet",
    });
    const badges = String(Flags({ flags: doc.flags, details: flagDetailsOf(trail) }));
    expect(badges).toContain("Seitenzahl weicht ab (3 angegeben, 2 gefunden)");
  }, 120_000);

  it("drops a blank backside from a scan without sheets, keeping it in the original", async () => {
    const pdf = await scan([{ content: 1 }, { jpeg: await blankPageJpeg() }, { content: 1 }]);
    const { docs } = await ingest("Scan Az: 50-1234/2026", pdf, "<no-sheet-blank@terminal.example>");
    expect(docs.map((d) => [d.pages, d.flags, d.assignee])).toEqual([
      [[0, 2], ["leerseiten-entfernt"], "sb1"],
    ]);
    expect(docs[0]!.originalSha256).not.toBe(docs[0]!.sha256);
    expect((await core.blobs.get(docs[0]!.originalBlobKey))!).toEqual(pdf);
  }, 120_000);
});
