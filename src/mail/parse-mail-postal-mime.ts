/** MailParser port implemented with postal-mime (Workers: no Node streams or Buffer needed). */
import PostalMime from "postal-mime";
import type { MailParser, ParsedMail } from "../ingest/ports.js";
import { preferredSubject } from "../ingest/read-headers.js";

export const parseMailWithPostalMime: MailParser = async (raw) => {
  const email = await PostalMime.parse(raw, {
    attachmentEncoding: "arraybuffer",
    // Like mailparser: an attached message stays an attachment; extract-pdfs descends into it itself.
    forceRfc822Attachments: true,
  });
  const date = email.date ? new Date(email.date) : null;
  const result: ParsedMail = {
    // postal-mime drops Windows-1252 words and turns raw 8-bit Latin-1 into U+FFFD; the shared decoder does not.
    subject: preferredSubject(raw, email.subject),
    messageId: email.messageId ?? null,
    from: email.from?.address ?? null,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    received: email.headers.filter((h) => h.key === "received").map((h) => h.value),
    attachments: email.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.mimeType,
      content: toBytes(a.content),
    })),
  };
  return result;
};

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}
