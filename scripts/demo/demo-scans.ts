/**
 * The demo's scans: the simulator's plain terminal scans, plus scans with cover sheets that show splitting —
 * several documents per scan, a sheet turned sideways, one upside down and poorly scanned, generic sheets
 * (document type only, one with a new applicant's name), and a forged sheet that sends its whole scan to triage.
 */
import type { OfficeSeed } from "../../src/db/office-seed.js";
import type { DocumentRecord, Store } from "../../src/ingest/ports.js";
import { createCoverSheetIssuer } from "../../src/pdf/cover-sheet-issuer.js";
import { LOW_QUALITY_SHEET_LOOK, PLAIN_SHEET_LOOK, type SheetLook } from "../../src/pdf/sample-cover-scan.js";
import type { EmbeddedCore } from "../../src/runtime/embedded-core.js";
import {
  planScans,
  type ScanPlan,
  type SentScan,
  type SheetSpec,
  sendScans,
  sheetPrinter,
  smtpTarget,
} from "../cli/terminal-sim.js";

type DemoRegisterEntry = Pick<OfficeSeed["register"][number], "caseRef" | "customerNo" | "surname"> & {
  assignee?: string | null;
};

const SIDEWAYS: SheetLook = { ...PLAIN_SHEET_LOOK, damage: { ...PLAIN_SHEET_LOOK.damage, rotate: 90 } };
const UPSIDE_DOWN: SheetLook = { ...PLAIN_SHEET_LOOK, damage: { ...PLAIN_SHEET_LOOK.damage, rotate: 180 } };
const POOR_AND_UPSIDE_DOWN: SheetLook = {
  ...LOW_QUALITY_SHEET_LOOK,
  damage: { ...LOW_QUALITY_SHEET_LOOK.damage, rotate: 180 },
};

/** The four cover-sheet scans; labels say what a newcomer should look for. */
export function demoCoverSheetScans(register: readonly DemoRegisterEntry[]): ScanPlan[] {
  const pick = (test: (e: DemoRegisterEntry) => boolean) => register.find(test) ?? register[0]!;
  const mueller = pick((e) => e.caseRef === "50-1234/2026");
  const wohnen = pick((e) => e.caseRef.startsWith("51-"));
  const teilhabe = pick((e) => e.caseRef.startsWith("52-"));
  // sb3 is away in the demo office: this sheet's document goes to the substitute.
  const absent = pick((e) => e.assignee === "sb3");
  const other = pick((e) => e.caseRef.startsWith("50-") && e !== mueller && e !== absent);
  const forCase = (e: DemoRegisterEntry, docType: string, customerNo = true): SheetSpec => ({
    caseRef: e.caseRef,
    customerNo: customerNo ? e.customerNo : null,
    surname: e.surname,
    docType,
    declaredPages: null,
  });
  const generic = (docType: string): SheetSpec => ({
    caseRef: null,
    customerNo: null,
    surname: null,
    docType,
    declaredPages: null,
  });
  return [
    {
      kind: "cover-sheets",
      label: "Scan mit 3 Deckblättern (eines um 90° gedreht)",
      subject: "Scan",
      leadingPages: 0,
      documents: [
        { sheet: forCase(mueller, "Kontoauszug"), pages: 2 },
        { sheet: forCase(wohnen, "Mietbescheinigung"), look: SIDEWAYS, pages: 1 },
        { sheet: forCase(teilhabe, "Nachweis", false), pages: 2, blankBackside: true },
      ],
    },
    {
      kind: "cover-sheets",
      label:
        "Scan mit 2 Deckblättern (eines auf dem Kopf und schlecht gescannt: ~70 dpi, verrauscht, JPEG 30)",
      subject: "Scan",
      leadingPages: 0,
      documents: [
        { sheet: forCase(absent, "Lohnabrechnung"), look: POOR_AND_UPSIDE_DOWN, pages: 1 },
        { sheet: { ...forCase(other, "Antrag"), declaredPages: 3 }, look: UPSIDE_DOWN, pages: 3 },
      ],
    },
    {
      kind: "cover-sheets",
      label:
        "Scan mit 3 allgemeinen Deckblättern (nur Dokumentart, vom Infoschalter; eines schlecht gescannt, eines mit dem Namen eines neuen Antragstellers)",
      subject: "Scan",
      leadingPages: 0,
      documents: [
        { sheet: generic("Kontoauszug"), pages: 2 },
        { sheet: generic("Nachweis"), look: LOW_QUALITY_SHEET_LOOK, pages: 1 },
        // No Aktenzeichen yet: the name given at the help desk is in the sheet's record (never in its QR code),
        // so the letter range P–Z finds sb3, who is away: the substitute sb2 gets it.
        { sheet: { ...generic("Antrag"), surname: "Yılmaz" }, pages: 1 },
      ],
    },
    {
      kind: "cover-sheets",
      label: "Scan mit gefälschtem Deckblatt (Aktenzeichen nach dem Signieren geändert)",
      subject: "Scan",
      leadingPages: 0,
      documents: [
        { sheet: forCase(mueller, "Kontoauszug"), pages: 1 },
        { sheet: { ...forCase(wohnen, "Bescheid"), forgedCaseRef: "51-9999/2026" }, pages: 1 },
      ],
    },
  ];
}

/**
 * Sends the demo's scans through the running service's SMTP ingress: `plainScans` terminal scans, then the
 * cover-sheet scans, whose sheets the service issues itself (recorded, audited, signed with its secret).
 */
export async function sendDemoScans(
  service: { core: EmbeddedCore; smtpPort: number },
  o: { plainScans: number; register: readonly DemoRegisterEntry[]; seed: number },
): Promise<SentScan[]> {
  const { core } = service;
  const print = sheetPrinter({
    issue: createCoverSheetIssuer({ ...core, keyring: core.coverSheetKeyring }),
    keyring: core.coverSheetKeyring,
    officeName: core.config.officeName,
    timeZone: core.config.timeZone,
    issuedBy: "demo",
  });
  const plans = [
    ...planScans({ count: o.plainScans, seed: o.seed, register: o.register, maxPages: 20 }),
    ...demoCoverSheetScans(o.register),
  ];
  const target = await smtpTarget(`${core.config.host}:${service.smtpPort}`);
  try {
    const result = await sendScans(target, plans, {
      rate: 0,
      seed: o.seed,
      to: "postkorb@amt.example",
      print,
    });
    return result.scans;
  } finally {
    await target.close();
  }
}

/** Where each cover-sheet scan's documents went, e.g. "Scan mit 3 Deckblättern … → 3 Dokumente" and one line each. */
export async function describeCoverSheetScans(store: Store, scans: readonly SentScan[]): Promise<string[]> {
  const messages = await store.listMessages({ limit: 100_000 });
  const lines: string[] = [];
  for (const scan of scans) {
    if (scan.plan.kind !== "cover-sheets") continue;
    const message = messages.find((m) => m.messageIdHeader === scan.messageId);
    const label = scan.plan.label ?? `Scan mit ${scan.plan.documents.length} Deckblättern`;
    if (!message) {
      lines.push(`${label} → nicht angekommen`);
      continue;
    }
    if (message.status === "quarantined") {
      lines.push(`${label} → Quarantäne: ${message.reason}`);
      continue;
    }
    const docs = await store.listDocumentsOfMessage(message.id);
    lines.push(`${label} → ${docs.length} ${docs.length === 1 ? "Dokument" : "Dokumente"}`);
    for (const doc of docs) lines.push(`    ${describeDocument(doc)}`);
  }
  return lines;
}

function describeDocument(doc: DocumentRecord): string {
  const pages = `${doc.pageCount} S.`;
  if (doc.queue === "triage") return `→ Poststelle (triage): ganzer Scan, ${pages} — ${doc.routeReason}`;
  const what = [doc.docType, doc.caseRef ?? (doc.customerNo ? `Kd. ${doc.customerNo}` : null)]
    .filter(Boolean)
    .join(" ");
  const source =
    doc.metadataSource === "cover-sheet" ? "Deckblatt" : doc.metadataSource === "subject" ? "Betreff" : "–";
  // A personal queue explains itself; a team queue says why no one person was found.
  const reason = doc.assignee ? "" : ` (${doc.routeReason})`;
  return `→ ${doc.queue.padEnd(11)} ${[what || "ohne Angaben", pages, `aus ${source}`].join(", ")}${reason}`;
}
