/** Starts one IMAP poller per configured mailbox, wired to capture, processing and the ingress health. */
import { join } from "node:path";
import type { Config } from "../config.js";
import type { Store } from "../ingest/ports.js";
import type { Processor } from "../ingest/processor.js";
import type { Logger } from "../log.js";
import { createImapPoller, type ImapPoller, type ImapPollerOptions } from "../mail/imap-poller.js";
import { parseImapSource } from "../mail/imap-source.js";
import { dataPaths } from "./data-dir.js";
import type { EmbeddedCore } from "./embedded-core.js";
import { openFileTakeJournal } from "./imap-take-journal-file.js";
import type { IngressHealth } from "./ingress-health.js";

/** Per-mail take counts across restarts (a mail that crashes Postkorb is quarantined, not retried forever). */
export const IMAP_JOURNAL_FILE = "imap-take-journal.json";

/** How the poller quarantines a mail it cannot take (oversize, or failing on its own): a message event. */
export function imapQuarantine(store: Pick<Store, "quarantineMessage">): ImapPollerOptions["quarantine"] {
  return (id, reason) =>
    store.quarantineMessage(id, {
      subject: null,
      reason,
      event: {
        actor: "ingest:imap",
        action: "message.quarantined",
        subjectType: "message",
        subjectId: id,
        data: { reason },
      },
    });
}

export interface ImapSources {
  readonly names: string[];
  stop(): Promise<void>;
}

export function startImapSources(
  config: Readonly<Config>,
  wiring: { core: EmbeddedCore; processor: Processor; health: IngressHealth; log: Logger },
  tuning: Partial<ImapPollerOptions> = {},
): ImapSources {
  const { core, processor, health, log } = wiring;
  const journal =
    config.imapUrls.length > 0
      ? openFileTakeJournal(join(dataPaths(config).root, IMAP_JOURNAL_FILE), log)
      : undefined;
  const pollers: ImapPoller[] = config.imapUrls.map((url) => {
    const name = `imap:${parseImapSource(url).label}`;
    health.register({ name, kind: "imap", state: "connecting" });
    return createImapPoller({
      url,
      processedFolder: config.imapProcessedFolder,
      pollSeconds: config.imapPollSeconds,
      maxMessageBytes: config.maxMessageBytes,
      capture: core.capture,
      quarantine: imapQuarantine(core.store),
      onTaken: (outcome) => {
        if (outcome.kind === "captured") processor.enqueue(outcome.result.message.id);
      },
      onStatus: (s) => health.update(name, s),
      log,
      now: () => core.clock.now(),
      journal,
      ...tuning,
    });
  });
  for (const poller of pollers) poller.start();
  return {
    names: pollers.map((p) => `imap:${p.name}`),
    stop: async () => {
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
