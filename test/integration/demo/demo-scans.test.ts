import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentScan } from "../../../scripts/cli/terminal-sim.js";
import { buildDemoOffice } from "../../../scripts/demo/demo-office.js";
import { describeCoverSheetScans, sendDemoScans } from "../../../scripts/demo/demo-scans.js";
import { coverSheets } from "../../../src/db/schema.js";
import type { DocumentRecord } from "../../../src/ingest/ports.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService;
let scans: SentScan[];
const docsOf = new Map<string, DocumentRecord[]>();

/** The demo's own scan set, sent the way `postkorb demo` sends it, through the real SMTP ingress and pipeline. */
beforeAll(async () => {
  service = await startTestService(join(tmp.path, "data"));
  const register = (await buildDemoOffice(new Date())).register;
  scans = await sendDemoScans(
    { core: service.core, smtpPort: service.smtpPort! },
    { plainScans: 2, register, seed: 5 },
  );
  await service.processor.idle();
  const messages = await service.core.store.listMessages();
  for (const scan of scans) {
    const message = messages.find((m) => m.messageIdHeader === scan.messageId);
    if (message) docsOf.set(scan.messageId, await service.core.store.listDocumentsOfMessage(message.id));
  }
}, 180_000);

afterAll(async () => {
  await service?.stop();
  tmp.remove();
});

function docsOfScan(labelStart: string): DocumentRecord[] {
  const scan = scans.find((s) => s.plan.label?.startsWith(labelStart));
  if (!scan) throw new Error(`no demo scan "${labelStart}"`);
  return docsOf.get(scan.messageId) ?? [];
}

describe("demo scans through the real pipeline", () => {
  it("every scan arrives and ends as the expected number of documents", () => {
    expect(scans.filter((s) => s.plan.kind === "plain")).toHaveLength(2);
    expect(scans.filter((s) => s.plan.kind === "cover-sheets")).toHaveLength(4);
    for (const scan of scans) expect(docsOf.get(scan.messageId)?.length).toBe(scan.expectedDocuments);
  });

  it("splits at three sheets, one of them turned 90°, and routes each document by its sheet", () => {
    const docs = docsOfScan("Scan mit 3 Deckblättern");
    expect(docs.map((d) => [d.docType, d.caseRef, d.pageCount])).toEqual([
      ["Kontoauszug", "50-1234/2026", 2],
      ["Mietbescheinigung", expect.stringMatching(/^51-/), 1],
      ["Nachweis", expect.stringMatching(/^52-/), 2],
    ]);
    expect(docs.every((d) => d.metadataSource === "cover-sheet")).toBe(true);
    expect(docs[0]!.assignee).toBe("sb1");
    expect(docs[1]!.assignee).toMatch(/^sb[456]$/);
    // The blank backside behind the third sheet is not part of its document.
    expect(docs[2]!.flags).toContain("leerseiten-entfernt");
  });

  it("finds the poorly scanned upside-down sheet and the absent caseworker's substitute gets it", () => {
    const docs = docsOfScan("Scan mit 2 Deckblättern");
    expect(docs.map((d) => [d.docType, d.metadataSource, d.pageCount])).toEqual([
      ["Lohnabrechnung", "cover-sheet", 1],
      ["Antrag", "cover-sheet", 3],
    ]);
    expect(docs[0]!.assignee).toBe("sb2");
    expect(docs[0]!.routeChain.length).toBeGreaterThan(1);
    expect(docs[1]!.flags).not.toContain("seitenzahl-abweichend");
  });

  it("routes generic sheets (document type only) to the team of their document type, or by the issued name", () => {
    const docs = docsOfScan("Scan mit 3 allgemeinen Deckblättern");
    expect(docs.map((d) => [d.metadataSource, d.docType, d.caseRef, d.surname, d.pageCount])).toEqual([
      ["cover-sheet", "Kontoauszug", null, null, 2],
      ["cover-sheet", "Nachweis", null, null, 1],
      ["cover-sheet", "Antrag", null, "Yılmaz", 1],
    ]);
    expect(docs[0]!.queue).toBe("team:grusi");
    expect(docs[1]!.teamId).toBe("teilhabe");
    // Y is in sb3's range P–Z; sb3 is away, so the substitute sb2 has it.
    expect([docs[2]!.routeRule, docs[2]!.routeChain, docs[2]!.assignee]).toEqual([
      "letter-range",
      ["sb3", "sb2"],
      "sb2",
    ]);
  });

  it("sends the scan with a forged sheet to triage whole, with the reason", () => {
    const docs = docsOfScan("Scan mit gefälschtem Deckblatt");
    expect(docs).toHaveLength(1);
    expect(docs[0]!.queue).toBe("triage");
    expect(docs[0]!.pageCount).toBe(4);
    expect(docs[0]!.flags).toContain("deckblatt-ungueltig");
    expect(docs[0]!.routeReason).toContain("Signatur stimmt nicht");
  });

  it("the genuine sheets were issued by the service itself (recorded); the forged one was not", async () => {
    const rows = await service.core.database.db.select().from(coverSheets);
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.issuedBy === "demo")).toBe(true);
    expect(rows.some((r) => r.caseRef === "51-9999/2026")).toBe(false);
  });

  it("prints one line per cover-sheet scan with its document count, and one per document", async () => {
    const lines = await describeCoverSheetScans(service.core.store, scans);
    expect(lines).toContain("Scan mit 3 Deckblättern (eines um 90° gedreht) → 3 Dokumente");
    expect(lines.filter((l) => l.startsWith("Scan mit"))).toHaveLength(4);
    expect(lines.some((l) => l.startsWith("Scan mit gefälschtem") && l.endsWith("→ 1 Dokument"))).toBe(true);
    expect(lines.some((l) => l.includes("Poststelle (triage)") && l.includes("Signatur stimmt nicht"))).toBe(
      true,
    );
  });
});
