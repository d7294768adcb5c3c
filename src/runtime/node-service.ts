/** The running service on Node: processor + SMTP ingress + HTTP (Hono), started and stopped as one. */

import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Config } from "../config.js";
import { createProcessor, type Processor } from "../ingest/processor.js";
import type { Logger } from "../log.js";
import { createMailNotifier, type Notifier } from "../mail/notifier.js";
import { type SmtpIngress, startSmtpIngress } from "../mail/smtp-ingress.js";
import { smtpPolicyFromConfig } from "../mail/smtp-policy.js";
import { nativeJpegDecoder } from "../pdf/native-jpeg.js";
import { createApp } from "../web/app.js";
import { type CoreOverrides, type EmbeddedCore, openEmbeddedCore } from "./embedded-core.js";
import type { HttpListen, HttpListener } from "./http-listen.js";
import { startImapSources } from "./imap-sources.js";
import { createIngressHealth } from "./ingress-health.js";
import { createWebDeps } from "./web-deps.js";

export interface NodeService {
  core: EmbeddedCore;
  processor: Processor;
  httpPort: number;
  smtpPort: number | null;
  stop(): Promise<void>;
}

/** The longest an SMTP client waits for its 250 because processing is behind (the mail is captured by then). */
const SMTP_REPLY_MAX_WAIT_MS = 30_000;

export async function startNodeService(
  config: Readonly<Config>,
  log: Logger,
  overrides: CoreOverrides & { listenHttp?: HttpListen } = {},
): Promise<NodeService> {
  const core = openEmbeddedCore(config, overrides);
  const health = createIngressHealth();
  const notifications = startNotifications(config, core, log);
  const processor = createProcessor(core.pipeline, {
    concurrency: config.processConcurrency,
    maxAttempts: 5,
    retryDelayMs: (attempt) => Math.min(30_000, 500 * 2 ** attempt),
    onOutcome: (id, outcome) => {
      log.info({ message: id, outcome: outcome.status }, "message processed");
      if (outcome.status === "processed") notifications.routed(outcome.documents);
    },
    onError: (id, err, attempt) => log.error({ message: id, attempt, err: String(err) }, "processing failed"),
  });
  // Not awaited: a mail arriving meanwhile waits for the workers as it would have anyway.
  core.warmUp().catch((err) => log.warn({ err: String(err) }, "QR workers did not warm up"));
  const resumed = await processor.resumePending();
  if (resumed) log.info({ count: resumed }, "resuming captured messages");

  let smtp: SmtpIngress | null = null;
  if (config.smtpPort !== 0) {
    smtp = await startSmtpIngress({
      host: config.host,
      port: config.smtpPort,
      maxMessageBytes: config.maxMessageBytes,
      policy: smtpPolicyFromConfig(config),
      capture: core.capture,
      onCaptured: (result) => {
        health.mailArrived("smtp");
        if (result.created) processor.enqueue(result.message.id);
      },
      // Past two mails a processing lane in hand, the 250 waits (at most 30 s, well inside the client's
      // 10 minutes, RFC 5321 §4.5.3.2.6) until the backlog has shrunk: routing latency stays bounded.
      beforeReply: () => processor.room(2 * config.processConcurrency, SMTP_REPLY_MAX_WAIT_MS),
      onError: (err) => {
        health.error("smtp", err);
        log.error({ err: String(err) }, "smtp ingress error");
      },
    });
    health.register({ name: "smtp", kind: "smtp", state: "listening" });
  }

  const imap = startImapSources(config, { core, processor, health, log });

  const app = createApp(createWebDeps(core, { processor, health }));
  const http = await (overrides.listenHttp ?? listen)(app.fetch, config.host, config.port);
  log.info(
    {
      http: http.port,
      smtp: smtp?.port ?? null,
      dataDir: config.dataDir,
      // Which decoder reads JPEG pages for QR codes: the native addon, or sharp where it was not built.
      qrJpegDecoder: nativeJpegDecoder() ? "libjpeg" : "sharp",
    },
    "postkorb started",
  );

  return {
    core,
    processor,
    httpPort: http.port,
    smtpPort: smtp?.port ?? null,
    async stop() {
      await smtp?.close();
      await imap.stop();
      await processor.stop();
      await notifications.close();
      await http.close();
      core.close();
      log.info({}, "postkorb stopped");
    },
  };
}

/** Notification mails after routing, off the processing path: a slow or failing relay never holds up a scan. */
function startNotifications(config: Readonly<Config>, core: EmbeddedCore, log: Logger) {
  const notifier: Notifier | null = config.smtpOutUrl
    ? createMailNotifier(
        {
          url: config.smtpOutUrl,
          from: config.notifyFrom,
          inboxUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
          officeName: config.officeName,
          timeZone: config.timeZone,
        },
        log,
      )
    : null;
  const inFlight = new Set<Promise<unknown>>();
  return {
    routed(documentIds: string[]) {
      if (!notifier) return;
      const job = Promise.all(documentIds.map((id) => core.store.getDocument(id)))
        .then((docs) =>
          notifier.documentsRouted(
            docs.filter((d) => d !== null),
            (login) => core.users.findUser(login),
          ),
        )
        .catch((err) => log.error({ err: String(err) }, "notifications failed"))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      notifier?.close();
    },
  };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number) {
  return new Promise<HttpListener>((resolve, reject) => {
    const server: ServerType = serve({ fetch, hostname, port }, (info: AddressInfo) =>
      resolve({ port: info.port, close: () => new Promise<void>((done) => server.close(() => done())) }),
    );
    server.once("error", reject);
  });
}
