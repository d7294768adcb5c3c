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

export function createImapClient(source: ImapSource, timeouts: ImapTimeouts): ImapFlow {
  return new ImapFlow({
    host: source.host,
    port: source.port,
    secure: source.secure,
    auth: { user: source.user, pass: source.pass },
    logger: false,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.connectMs,
    socketTimeout: timeouts.socketMs,
    // imapflow enters IDLE only after this much quiet (default 15 s); arrival → routed must stay under 2 s.
    autoIdleDelay: 100,
    // RFC 2177: re-issue IDLE well within the server's 30-minute inactivity limit.
    maxIdleTime: 5 * 60_000,
    missingIdleCommand: "NOOP",
  });
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
