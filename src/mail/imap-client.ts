/** Builds an imapflow client for one mailbox with timeouts, so a hung server never hangs Postkorb. */
import { ImapFlow } from "imapflow";
import type { ImapSource } from "./imap-source.js";

export interface ImapTimeouts {
  /** TCP + TLS + greeting. */
  connectMs: number;
  /** Socket inactivity; in IDLE imapflow answers it with a NOOP keep-alive, else the connection fails. */
  socketMs: number;
  /** Upper bound for any single command we run (FETCH of a large mail included). */
  commandMs: number;
}

export const defaultImapTimeouts: ImapTimeouts = { connectMs: 15_000, socketMs: 60_000, commandMs: 120_000 };

/** The server's last refusal per client: imapflow turns a failed MOVE/COPY into `false` and only logs the reason. */
const lastRefusals = new WeakMap<ImapFlow, string>();

/** The server's last NO/BAD on this client (e.g. `NO [NOPERM] Permission denied`), once: it is forgotten here. */
export function takeServerRefusal(client: ImapFlow): string | undefined {
  const refusal = lastRefusals.get(client);
  lastRefusals.delete(client);
  return refusal;
}

export function createImapClient(source: ImapSource, timeouts: ImapTimeouts): ImapFlow {
  const noRecord = () => {};
  const record = (entry: unknown) => {
    const refusal = refusalText((entry as { err?: unknown } | null)?.err);
    if (refusal) lastRefusals.set(client, refusal);
  };
  // imapflow calls every level; one it does not find at error/fatal goes to the console, so all six are here.
  const logger = {
    trace: noRecord,
    debug: noRecord,
    info: noRecord,
    warn: record,
    error: record,
    fatal: record,
  };
  const client: ImapFlow = new ImapFlow({
    host: source.host,
    port: source.port,
    secure: source.secure,
    auth: { user: source.user, pass: source.pass },
    // Only warnings are kept, and only a server's refusal from them: the reason a MOVE or COPY failed.
    logger,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.connectMs,
    socketTimeout: timeouts.socketMs,
    // imapflow enters IDLE only after this much quiet (default 15 s); arrival → routed must stay under 2 s.
    autoIdleDelay: 100,
    // RFC 2177: re-issue IDLE well within the server's 30-minute inactivity limit.
    maxIdleTime: 5 * 60_000,
    missingIdleCommand: "NOOP",
  });
  return client;
}

/** `NO [NOPERM] Permission denied` for an imapflow command error; undefined for anything else. */
export function refusalText(err: unknown): string | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as { responseStatus?: unknown; responseText?: unknown; serverResponseCode?: unknown };
  if (e.responseStatus !== "NO" && e.responseStatus !== "BAD") return undefined;
  const code = typeof e.serverResponseCode === "string" ? ` [${e.serverResponseCode}]` : "";
  // Dovecot appends its timing, e.g. "(0.001 + 0.000 secs)."; it only adds noise to health and logs.
  const text =
    typeof e.responseText === "string" ? e.responseText.replace(/\s*\([\d.]+ \+ [\d.]+ secs\)\.?$/, "") : "";
  return `${e.responseStatus}${code} ${text}`.trim();
}

/** A readable text for any error an IMAP command threw: the server's refusal if there was one. */
export function imapErrorText(err: unknown): string {
  const refusal = refusalText(err);
  const message = err instanceof Error ? err.message : String(err);
  return refusal ? `${message}: ${refusal}` : message;
}

export class ImapDeadlineError extends Error {
  override name = "ImapDeadlineError";
}

/** Races a command against a deadline; on expiry the client is closed (its state is unknown) and we reconnect. */
export async function withDeadline<T>(
  client: ImapFlow,
  ms: number,
  what: string,
  work: Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      client.close();
      reject(new ImapDeadlineError(`IMAP ${what}: keine Antwort nach ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
