/** Built-in SMTP ingress: 250 only after capture committed; 451 on internal failure; 552 over the size limit. */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { toAppError } from "../errors.js";
import type { CaptureInput } from "../ingest/capture-message.js";
import type { CaptureResult } from "../ingest/ports.js";

export interface SmtpIngressOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  capture: (input: CaptureInput) => Promise<CaptureResult>;
  onCaptured?: (result: CaptureResult) => void;
  onError?: (err: unknown) => void;
  clock?: () => Date;
}

export interface SmtpIngress {
  readonly port: number;
  close(): Promise<void>;
}

export async function startSmtpIngress(options: SmtpIngressOptions): Promise<SmtpIngress> {
  const clock = options.clock ?? (() => new Date());
  const server = new SMTPServer({
    name: "postkorb",
    banner: "Postkorb ingress",
    size: options.maxMessageBytes,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      readStream(stream, options.maxMessageBytes)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            callback(smtpError(`Nachricht zu groß (max. ${options.maxMessageBytes} Bytes)`, 552));
            return;
          }
          // RFC 5321 §4.4 / § 130 BGB: the mail is received when DATA ends at our server.
          const receivedAt = clock();
          const result = await options.capture({
            raw,
            source: "smtp",
            receivedAt,
            context: envelopeOf(session),
          });
          options.onCaptured?.(result);
          const note = result.created ? "captured" : `duplicate of ${result.message.id}`;
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
    },
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
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
  };
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}
