/** Reads the few header fields capture needs from raw RFC 822 bytes, without a full MIME parse. */

export interface CaptureHeaders {
  messageId: string | null;
  /** Raw (possibly RFC 2047-encoded) subject; processing replaces it with the decoded one. */
  subject: string | null;
  from: string | null;
  date: string | null;
  /** Received: headers, top (newest hop) first. */
  received: string[];
}

const MAX_HEADER_BYTES = 256 * 1024;

export function readHeaders(raw: Uint8Array): CaptureHeaders {
  const head = new TextDecoder("latin1").decode(raw.subarray(0, Math.min(raw.length, MAX_HEADER_BYTES)));
  const end = head.search(/\r?\n\r?\n/);
  const block = end === -1 ? head : head.slice(0, end);
  const fields = block
    .replace(/\r?\n[ \t]+/g, " ")
    .split(/\r?\n/)
    .map((line) => {
      const colon = line.indexOf(":");
      return colon > 0
        ? { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() }
        : null;
    })
    .filter((f): f is { name: string; value: string } => f !== null);
  const first = (name: string) => fields.find((f) => f.name === name)?.value ?? null;
  return {
    messageId: first("message-id"),
    subject: first("subject"),
    from: first("from"),
    date: first("date"),
    received: fields.filter((f) => f.name === "received").map((f) => f.value),
  };
}
