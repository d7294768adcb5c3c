/** One configured mailbox: connection facts parsed from its URL, and the label and key prefix without the password. */

export interface ImapSource {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  /** `imap://user@host:port/INBOX`: safe to log and to show in /healthz. */
  label: string;
  /** Prefix of every source key: `imap:<label>`; UIDVALIDITY and UID follow. */
  keyPrefix: string;
}

/** Parses `imap://user:pass@host:port/INBOX` (`imaps://` for implicit TLS, RFC 8314). */
export function parseImapSource(url: string): ImapSource {
  const parsed = new URL(url);
  const secure = parsed.protocol === "imaps:";
  if (!secure && parsed.protocol !== "imap:") throw new Error(`not an IMAP URL: ${parsed.protocol}`);
  const port = parsed.port ? Number(parsed.port) : secure ? 993 : 143;
  const user = decodeURIComponent(parsed.username);
  const mailbox = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "INBOX";
  const label = `${parsed.protocol}//${user ? `${encodeURIComponent(user)}@` : ""}${parsed.hostname}:${port}/${mailbox}`;
  return {
    host: parsed.hostname,
    port,
    secure,
    user,
    pass: decodeURIComponent(parsed.password),
    mailbox,
    label,
    keyPrefix: `imap:${label}`,
  };
}

/** Exactly-once key: the same mailbox, UIDVALIDITY and UID name the same mail (RFC 9051 §2.3.1.1). */
export function imapSourceKey(
  source: ImapSource,
  uidValidity: bigint | number | string,
  uid: number,
): string {
  return `${source.keyPrefix}:${String(uidValidity)}:${uid}`;
}
