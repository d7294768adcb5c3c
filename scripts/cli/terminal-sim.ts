/**
 * The scan-terminal simulator: realistic scan mails (terminal subjects, 1–20 page scans, optionally several
 * documents behind signed cover sheets) sent by SMTP or APPENDed by IMAP. The demo sends its scans with it too.
 */
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import type { CoverSheetKeyring } from "../../src/domain/cover-sheet-codec.js";
import { codeOfDocType } from "../../src/domain/cover-sheet-doc-codes.js";
import { officeDate } from "../../src/domain/office-time.js";
import { newId } from "../../src/ingest/new-id.js";
import { parseImapSource } from "../../src/mail/imap-source.js";
import {
  buildScanMail,
  type SampleRegisterEntry,
  SCAN_DOC_TYPES,
  sampleScanRequests,
} from "../../src/mail/scan-mail.js";
import type { CoverSheetIssuer } from "../../src/pdf/cover-sheet-issuer.js";
import { issueCoverSheets } from "../../src/pdf/issue-cover-sheets.js";
import {
  type CoverScanPart,
  LOW_QUALITY_SHEET_LOOK,
  makeCoverSheetScanPdf,
  PLAIN_SHEET_LOOK,
  renderForgedCoverSheet,
  type SheetLook,
} from "../../src/pdf/sample-cover-scan.js";
import { createSeededRandom, makeScanPdf } from "../../src/pdf/sample-scan.js";
import { loadUnicodeFont } from "../../src/pdf/unicode-font.js";

/** What one cover sheet says. */
export interface SheetSpec {
  caseRef: string | null;
  customerNo: string | null;
  /** Printed on the sheet for the citizen; not in the QR code. */
  surname: string | null;
  docType: string;
  declaredPages: number | null;
  /** A forgery: signed for `caseRef`, then changed to this Aktenzeichen (the service must send it to triage). */
  forgedCaseRef?: string;
}

/** Prints one cover sheet: a PDF whose first page is the sheet. */
export type SheetPrinter = (spec: SheetSpec) => Promise<Uint8Array>;

export interface SheetDocumentPlan {
  sheet: SheetSpec;
  look?: SheetLook;
  /** Content pages behind the sheet. */
  pages: number;
  blankBackside?: boolean;
}

export type ScanPlan =
  | { kind: "plain"; subject: string; pages: number; label?: string }
  | {
      kind: "cover-sheets";
      subject: string;
      /** Pages before the first sheet: a document of their own, routed by the subject. */
      leadingPages: number;
      documents: SheetDocumentPlan[];
      label?: string;
    };

/** Which scans carry cover sheets: a seeded share of them, or exactly `count` spread evenly. */
export type CoverSheetMix = { share: number } | { count: number };

export interface TerminalSimOptions {
  count: number;
  /** Mails per second; 0 = as fast as the target takes them. */
  rate: number;
  seed: number;
  register: readonly SampleRegisterEntry[];
  maxPages: number;
  to: string;
  /** Scans with cover sheets: which ones, how many documents each, and who prints the sheets. */
  coverSheets?: { mix: CoverSheetMix; perScan: number; print: SheetPrinter };
  /** Called after each mail was accepted (250 / APPEND OK), with its Message-ID. */
  onSent?: (index: number, messageId: string) => void;
}

export interface SentScan {
  index: number;
  messageId: string;
  plan: ScanPlan;
  /** How many documents the service should make of it (1 for a scan that must go to triage whole). */
  expectedDocuments: number;
}

export interface MailTarget {
  send(raw: Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function smtpTarget(
  hostPort: string,
  auth?: { user: string; pass: string },
  starttls = false,
): Promise<MailTarget> {
  const [host, port] = splitHostPort(hostPort, 25);
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: false,
    ignoreTLS: !starttls,
    requireTLS: starttls,
    // A terminal on the office LAN often has a self-signed certificate on the other side.
    tls: { rejectUnauthorized: false },
    auth,
    pool: true,
    maxConnections: 1,
  });
  return {
    async send(raw) {
      await transport.sendMail({
        envelope: { from: "scanterminal@kundencenter.example", to: [to(raw)] },
        raw,
      });
    },
    async close() {
      transport.close();
    },
  };
}

/** `password` (e.g. from POSTKORB_TERMINAL_PASSWORD) wins over one in the URL. */
export async function imapTarget(url: string, password?: string): Promise<MailTarget> {
  const source = parseImapSource(url);
  const client = new ImapFlow({
    host: source.host,
    port: source.port,
    secure: source.secure,
    auth: { user: source.user, pass: password ?? source.pass },
    logger: false,
  });
  await client.connect();
  return {
    async send(raw) {
      const appended = await client.append(source.mailbox, raw);
      if (!appended) throw new Error(`APPEND nach ${source.label} fehlgeschlagen`);
    },
    close: () => client.logout(),
  };
}

export async function runTerminalSim(
  target: MailTarget,
  o: TerminalSimOptions,
): Promise<{ sent: number; ms: number; scans: SentScan[] }> {
  return sendScans(target, planScans(o), { ...o, print: o.coverSheets?.print });
}

/** The scans of a run: terminal subjects and page counts, some replaced by scans with cover sheets. */
export function planScans(o: Omit<TerminalSimOptions, "rate" | "to" | "onSent">): ScanPlan[] {
  const requests = sampleScanRequests(o.count, o.seed, o.register);
  // A stream of its own, so adding cover sheets does not change the subjects of the other scans.
  const random = createSeededRandom(o.seed * 7919 + 0xdec);
  const withSheets = o.coverSheets ? sheetScanSelector(o.coverSheets.mix, o.count, random) : () => false;
  return requests.map((request, i) =>
    withSheets(i)
      ? {
          kind: "cover-sheets",
          // Who brings cover sheets types nothing at the terminal: the sheets carry it all.
          subject: "Scan",
          leadingPages: 0,
          documents: sampleSheetDocuments(random, o.register, o.coverSheets!.perScan, o.maxPages),
        }
      : { kind: "plain", subject: request.subject, pages: Math.min(o.maxPages, request.pages) },
  );
}

/** Builds and sends the scans in order, at `rate` mails per second. */
export async function sendScans(
  target: MailTarget,
  plans: readonly ScanPlan[],
  o: Pick<TerminalSimOptions, "rate" | "seed" | "to" | "onSent"> & { print?: SheetPrinter },
): Promise<{ sent: number; ms: number; scans: SentScan[] }> {
  const started = Date.now();
  const scans: SentScan[] = [];
  for (const [i, plan] of plans.entries()) {
    const messageId = `<sim-${o.seed}-${started}-${i}@kundenterminal.example>`;
    const pdf = await buildScanPdf(plan, o.seed * 100_000 + i, o.print);
    const raw = await buildScanMail({
      subject: plan.subject,
      messageId,
      to: o.to,
      attachments: [{ filename: `Scan_${String(i + 1).padStart(4, "0")}.pdf`, content: pdf }],
    });
    if (o.rate > 0) {
      const due = started + (i * 1000) / o.rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    await target.send(Buffer.from(raw));
    scans.push({ index: i, messageId, plan, expectedDocuments: expectedDocuments(plan) });
    o.onSent?.(i, messageId);
  }
  return { sent: scans.length, ms: Date.now() - started, scans };
}

export async function buildScanPdf(plan: ScanPlan, seed: number, print?: SheetPrinter): Promise<Uint8Array> {
  if (plan.kind === "plain") return makeScanPdf({ pages: plan.pages, seed });
  if (!print) throw new Error("a scan with cover sheets needs a sheet printer");
  const parts: CoverScanPart[] = plan.leadingPages ? [{ sheet: null, pages: plan.leadingPages }] : [];
  for (const d of plan.documents)
    parts.push({
      sheet: { pdf: await print(d.sheet), look: d.look },
      pages: d.pages,
      blankBackside: d.blankBackside,
    });
  return makeCoverSheetScanPdf({ parts, seed, title: "Scan" });
}

/** One per sheet plus one for leading pages; a forged sheet stops all splitting (the scan goes whole to triage). */
export function expectedDocuments(plan: ScanPlan): number {
  if (plan.kind === "plain") return 1;
  if (plan.documents.some((d) => d.sheet.forgedCaseRef)) return 1;
  return plan.documents.length + (plan.leadingPages > 0 ? 1 : 0);
}

/**
 * Sheets as the office prints them. Genuine sheets go through `issue` (the service's issuer records and audits
 * them; the simulator's own one records nothing); forged ones are made here, with the real layout and key id.
 */
export function sheetPrinter(o: {
  issue: CoverSheetIssuer;
  keyring: () => CoverSheetKeyring;
  officeName: string;
  timeZone: string;
  issuedBy: string;
}): SheetPrinter {
  return async (spec) => {
    if (spec.forgedCaseRef) {
      const docCode = codeOfDocType(spec.docType);
      if (!docCode) throw new Error(`Unbekannte Dokumentart „${spec.docType}“`);
      const fields = {
        serial: newId().slice(-10),
        caseRef: spec.caseRef,
        customerNo: spec.customerNo,
        docCode,
        declaredPages: spec.declaredPages,
        issuedOn: officeDate(new Date(), o.timeZone),
      };
      return renderForgedCoverSheet({
        fields,
        forgedCaseRef: spec.forgedCaseRef,
        docType: spec.docType,
        surname: spec.surname,
        keyring: o.keyring(),
        officeName: o.officeName,
      });
    }
    const result = await o.issue({ ...spec, count: 1, issuedBy: o.issuedBy });
    if (!result.ok) throw new Error(`Deckblatt nicht ausgestellt: ${result.reason}`);
    return result.pdf;
  };
}

/** Issues sheets signed with the service's key without its database: for the simulator on another machine. */
export function unrecordedIssuer(o: {
  keyring: () => CoverSheetKeyring;
  officeName: string;
  timeZone: string;
}): CoverSheetIssuer {
  const emptyOffice = {
    teams: [],
    people: [],
    register: [],
    letterRanges: [],
    absences: [],
    docTypeRules: [],
    openCounts: {},
  };
  return (request) =>
    issueCoverSheets(
      {
        keyring: o.keyring,
        recordIssued: async () => {},
        loadOffice: async () => emptyOffice,
        now: () => new Date(),
        newSerial: () => newId().slice(-10),
        timeZone: o.timeZone,
        officeName: o.officeName,
        fonts: () => ({ regular: loadUnicodeFont(), bold: loadUnicodeFont("bold") }),
      },
      request,
    );
}

type Random = () => number;

/** Looks of simulated sheets: mostly clean, some upside down or sideways, some poor scans. */
const SIM_LOOKS: readonly SheetLook[] = [
  PLAIN_SHEET_LOOK,
  PLAIN_SHEET_LOOK,
  PLAIN_SHEET_LOOK,
  { ...PLAIN_SHEET_LOOK, damage: { ...PLAIN_SHEET_LOOK.damage, rotate: 180 } },
  { ...PLAIN_SHEET_LOOK, damage: { ...PLAIN_SHEET_LOOK.damage, rotate: 90 } },
  { ...PLAIN_SHEET_LOOK, damage: { ...PLAIN_SHEET_LOOK.damage, skew: 2 } },
  LOW_QUALITY_SHEET_LOOK,
];

function sheetScanSelector(mix: CoverSheetMix, count: number, random: Random): (i: number) => boolean {
  if ("share" in mix) {
    const chosen = Array.from({ length: count }, () => random() < mix.share);
    return (i) => chosen[i]!;
  }
  const n = Math.min(count, mix.count);
  // Evenly spread: scan i carries sheets when the running quota n·(i+1)/count reaches a new integer.
  return (i) => Math.floor(((i + 1) * n) / count) > Math.floor((i * n) / count);
}

/** Mostly sheets for a case; about one in five a generic sheet from the help desk (document type only). */
function sampleSheetDocuments(
  random: Random,
  register: readonly SampleRegisterEntry[],
  perScan: number,
  maxPages: number,
): SheetDocumentPlan[] {
  return Array.from({ length: perScan }, () => {
    const entry = register[Math.floor(random() * register.length)];
    const docType = SCAN_DOC_TYPES[Math.floor(random() * SCAN_DOC_TYPES.length)]!;
    const generic = !entry || random() < 0.2;
    const withCustomerNo = random() < 0.5;
    const sheet: SheetSpec = generic
      ? { caseRef: null, customerNo: null, surname: null, docType, declaredPages: null }
      : {
          caseRef: entry.caseRef,
          customerNo: withCustomerNo ? entry.customerNo : null,
          surname: entry.surname,
          docType,
          declaredPages: null,
        };
    return {
      sheet,
      look: SIM_LOOKS[Math.floor(random() * SIM_LOOKS.length)],
      pages: 1 + Math.floor(random() * Math.min(3, maxPages)),
      blankBackside: random() < 0.25,
    };
  });
}

function splitHostPort(value: string, fallbackPort: number): [string, number] {
  const match = /^(.*?)(?::(\d+))?$/.exec(value);
  return [match?.[1] || "127.0.0.1", match?.[2] ? Number(match[2]) : fallbackPort];
}

function to(raw: Buffer): string {
  const header = raw.subarray(0, 4096).toString("latin1");
  return /^To:\s*(?:.*<)?([^>\s]+@[^>\s]+)/im.exec(header)?.[1] ?? "postkorb@amt.example";
}
