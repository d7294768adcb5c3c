/** Built-in SMTP ingress: 250 only after capture committed; 451 on internal failure; 552 over the size limit. */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import {
  SMTPServer,
  type SMTPServerAuthentication,
  type SMTPServerAuthenticationResponse,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from "smtp-server";
import { toAppError } from "../errors.js";
import type { CaptureInput } from "../ingest/capture-message.js";
import type { CaptureResult } from "../ingest/ports.js";
import { createClientLimits } from "./smtp-limits.js";
import { openSmtpPolicy, type SmtpPolicy } from "./smtp-policy.js";

export interface SmtpIngressOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  capture: (input: CaptureInput) => Promise<CaptureResult>;
  onCaptured?: (result: CaptureResult) => void;
  /**
   * Awaited after the capture, before the 250: back-pressure (the mail is already safe; the terminal only
   * waits a little longer for its answer, so a burst queues there instead of inside Postkorb).
   */
  beforeReply?: (result: CaptureResult) => Promise<void>;
  onError?: (err: unknown) => void;
  clock?: () => Date;
  /** Recipients, AUTH, STARTTLS and per-client limits; default: open (any recipient, no AUTH, no TLS). */
  policy?: SmtpPolicy;
}

export interface SmtpIngress {
  readonly port: number;
  close(): Promise<void>;
}

/** Per-client rules that answer before DATA (RFC 5321 §4.2 reply codes). */
function sessionHandlers(policy: SmtpPolicy) {
  const limits = createClientLimits(policy.maxConnectionsPerClient, policy.ratePerMinute);
  const counted = new Set<string>();
  const accepted = new Set(policy.recipients);
  return {
    onConnect(session: SMTPServerSession, callback: (err?: Error | null) => void) {
      // 421: the client may retry later; this connection is closed.
      if (!limits.openConnection(session.remoteAddress)) {
        return callback(smtpError("Zu viele gleichzeitige Verbindungen von dieser Adresse", 421));
      }
      counted.add(session.id);
      callback();
    },
    onClose(session: SMTPServerSession) {
      if (counted.delete(session.id)) limits.closeConnection(session.remoteAddress);
    },
    onAuth(
      auth: SMTPServerAuthentication,
      _session: SMTPServerSession,
      callback: (err: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void,
    ) {
      const expected = policy.auth;
      if (
        expected &&
        sameSecret(auth.username, expected.user) &&
        sameSecret(auth.password, expected.password)
      ) {
        return callback(null, { user: expected.user });
      }
      callback(smtpError("Anmeldung fehlgeschlagen", 535));
    },
    onMailFrom(_address: unknown, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      // 452 (errors.ts "rate-limited"): temporary, the terminal retries later.
      if (!limits.takeTransaction(session.remoteAddress)) {
        return callback(
          smtpError("Zu viele Nachrichten von dieser Adresse, bitte später erneut senden", 452),
        );
      }
      callback();
    },
    onRcptTo(
      address: { address: string },
      session: SMTPServerSession,
      callback: (err?: Error | null) => void,
    ) {
      // RFC 5321 §4.5.3.1.10: too many recipients is 452, the client sends the rest in another transaction.
      if (session.envelope.rcptTo.length >= policy.maxRecipients) {
        return callback(smtpError("Zu viele Empfänger", 452));
      }
      if (accepted.size > 0 && !accepted.has(address.address.toLowerCase())) {
        return callback(smtpError(`Empfänger unbekannt: ${address.address}`, 550));
      }
      callback();
    },
  };
}

export async function startSmtpIngress(options: SmtpIngressOptions): Promise<SmtpIngress> {
  const policy = options.policy ?? openSmtpPolicy;
  const tls = policy.tls
    ? { key: readFileSync(policy.tls.keyPath), cert: readFileSync(policy.tls.certPath) }
    : {};
  const server = new SMTPServer({
    name: "postkorb",
    banner: "Postkorb ingress",
    size: options.maxMessageBytes,
    logger: false,
    ...tls,
    disabledCommands: [...(policy.auth ? [] : ["AUTH"]), ...(policy.tls ? [] : ["STARTTLS"])],
    authOptional: !policy.auth,
    authMethods: ["PLAIN", "LOGIN"],
    // With a certificate AUTH only after STARTTLS; without one the terminal on the office LAN may log in plain.
    allowInsecureAuth: !policy.tls,
    ...sessionHandlers(policy),
    onData: (stream, session, callback) => receiveData(options, stream, session, callback),
  });
  server.on("error", (err) => options.onError?.(err));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function receiveData(
  options: SmtpIngressOptions,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  callback: (err?: Error | null, message?: string) => void,
): void {
  const clock = options.clock ?? (() => new Date());
  readStream(stream, options.maxMessageBytes)
    .then(async (raw) => {
      if (stream.sizeExceeded) {
        callback(smtpError(`Nachricht zu groß (max. ${options.maxMessageBytes} Bytes)`, 552));
        return;
      }
      // RFC 5321 §4.4 / § 130 BGB: the mail is received when DATA ends at our server.
      const receivedAt = clock();
      const result = await options.capture({ raw, source: "smtp", receivedAt, context: envelopeOf(session) });
      options.onCaptured?.(result);
      await options.beforeReply?.(result);
      const note = result.created ? "captured" : `duplicate of ${result.message.id}`;
      // 250 only now: the capture is committed, so the terminal may forget the mail.
      callback(null, `Message ${result.message.id} ${note}`);
    })
    .catch((err: unknown) => {
      options.onError?.(err);
      const appError = toAppError(err);
      callback(
        smtpError(
          "Vorübergehender Fehler, bitte später erneut senden",
          appError.smtpCode === 552 ? 552 : 451,
        ),
      );
    });
}

async function readStream(stream: SMTPServerDataStream, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit keep draining (the client must reach the end of DATA to read our 552) but store nothing.
    if (size <= limit) chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function envelopeOf(session: SMTPServerSession): Record<string, unknown> {
  return {
    remoteAddress: session.remoteAddress,
    user: typeof session.user === "string" ? session.user : null,
    secure: session.secure,
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
  };
}

/** Compares hashes so the time taken does not reveal how much of a secret matched. */
function sameSecret(given: string | null | undefined, expected: string): boolean {
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return typeof given === "string" && timingSafeEqual(digest(given), digest(expected));
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}
