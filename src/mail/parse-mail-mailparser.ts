/** MailParser port implemented with mailparser (Node and Bun). */
import { simpleParser } from "mailparser";
import type { MailParser, ParsedMail } from "../ingest/ports.js";
import { preferredSubject } from "../ingest/read-headers.js";

export const parseMailWithMailparser: MailParser = async (raw) => {
  const parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
  });
  const received = parsed.headers.get("received");
  const result: ParsedMail = {
    // mailparser turns raw 8-bit Latin-1 subjects into U+FFFD; the shared decoder keeps both adapters in step.
    subject: preferredSubject(raw, parsed.subject),
    messageId: parsed.messageId ?? null,
    from: parsed.from?.value[0]?.address ?? null,
    date: parsed.date ?? null,
    received: Array.isArray(received) ? received.map(String) : received ? [String(received)] : [],
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
    })),
  };
  return result;
};
