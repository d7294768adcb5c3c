/** Finds the PDF attachments of a parsed mail, descending into attached messages (message/rfc822). */
import type { MailAttachment, MailParser, ParsedMail } from "./ports.js";

export interface FoundPdf {
  /** Position among the mail's PDFs, stable across reprocessing (used in the document's part key). */
  index: number;
  /** As sent by the terminal: data for display, never used as a path. */
  filename: string | null;
  content: Uint8Array;
}

export interface ExtractResult {
  pdfs: FoundPdf[];
  /** Other attachments, described for the quarantine reason. */
  others: string[];
}

const MAX_NESTING = 5;

export async function extractPdfs(mail: ParsedMail, parseMail: MailParser): Promise<ExtractResult> {
  const result: ExtractResult = { pdfs: [], others: [] };
  await collect(mail, parseMail, result, 0);
  return result;
}

async function collect(
  mail: ParsedMail,
  parseMail: MailParser,
  out: ExtractResult,
  depth: number,
): Promise<void> {
  for (const att of mail.attachments) {
    if (isPdf(att)) {
      out.pdfs.push({ index: out.pdfs.length, filename: att.filename, content: att.content });
    } else if (att.contentType.toLowerCase() === "message/rfc822" && depth < MAX_NESTING) {
      await collect(await parseMail(att.content), parseMail, out, depth + 1);
    } else {
      out.others.push(`${att.filename ?? "(ohne Namen)"} (${att.contentType})`);
    }
  }
}

function isPdf(att: MailAttachment): boolean {
  const type = att.contentType.toLowerCase();
  if (type === "application/pdf" || type === "application/x-pdf") return true;
  if (hasPdfMagic(att.content)) return true;
  return type === "application/octet-stream" && /\.pdf$/i.test(att.filename ?? "");
}

function hasPdfMagic(bytes: Uint8Array): boolean {
  // %PDF within the first 1 KiB (ISO 32000 allows leading junk; readers scan for it).
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}
