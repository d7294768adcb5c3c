/** Finds the PDF attachments of a parsed mail, descending into attached messages (message/rfc822). */
import type { ImageToPdf, MailAttachment, MailParser, ParsedMail } from "./ports.js";

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

export async function extractPdfs(
  mail: ParsedMail,
  parseMail: MailParser,
  imageToPdf?: ImageToPdf,
): Promise<ExtractResult> {
  const result: ExtractResult = { pdfs: [], others: [] };
  await collect(mail, parseMail, result, 0, imageToPdf);
  return result;
}

async function collect(
  mail: ParsedMail,
  parseMail: MailParser,
  out: ExtractResult,
  depth: number,
  imageToPdf?: ImageToPdf,
): Promise<void> {
  for (const att of mail.attachments) {
    if (isPdf(att)) {
      out.pdfs.push({ index: out.pdfs.length, filename: att.filename, content: att.content });
    } else if (imageToPdf && isScanImage(att)) {
      const converted = await imageToPdf(att.content);
      if (converted.ok)
        out.pdfs.push({ index: out.pdfs.length, filename: att.filename, content: converted.pdf });
      else out.others.push(`${att.filename ?? "(ohne Namen)"} (${att.contentType}: ${converted.reason})`);
    } else if (att.contentType.toLowerCase() === "message/rfc822" && depth < MAX_NESTING) {
      await collect(await parseMail(att.content), parseMail, out, depth + 1, imageToPdf);
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

/** JPEG, PNG or TIFF by type, or by magic bytes when the terminal sends application/octet-stream. */
function isScanImage(att: MailAttachment): boolean {
  if (/^image\/(jpeg|pjpeg|png|tiff)$/i.test(att.contentType)) return true;
  const b = att.content;
  const jpeg = b[0] === 0xff && b[1] === 0xd8;
  const png = b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
  const tiff =
    (b[0] === 0x49 && b[1] === 0x49 && b[2] === 42) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 42);
  return att.contentType.toLowerCase() === "application/octet-stream" && (jpeg || png || tiff);
}

function hasPdfMagic(bytes: Uint8Array): boolean {
  // %PDF within the first 1 KiB (ISO 32000 allows leading junk; readers scan for it).
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}
