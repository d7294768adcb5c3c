/** Email Routing ingress: capture first, answer, then process in the same invocation (ctx.waitUntil). */
import { attemptMessage, listStalePending } from "../ingest/attempt-message.js";
import type { WorkerCore } from "./worker-core.js";
import { type IncomingEmail, MISSING_SECRET, type WorkerContext } from "./worker-env.js";

export const MAX_ATTEMPTS = 5;
/**
 * What the sending server is told when the Worker is not set up: every PDF needs the cover-sheet keyring, so
 * without the secret each mail would fail MAX_ATTEMPTS times in silence before landing in quarantine.
 */
export const REJECT_NOT_SET_UP =
  "Postkorb ist nicht betriebsbereit (POSTKORB_SECRET fehlt); bitte die IT des Amts informieren";
/** A pending message younger than this is still in its first (waitUntil) attempt; the cron leaves it alone. */
const FIRST_ATTEMPT_GRACE_MS = 2 * 60_000;
const MESSAGES_PER_CRON_RUN = 20;

export async function receiveEmail(core: WorkerCore, message: IncomingEmail, ctx: WorkerContext) {
  // § 130 BGB: received when it reaches the office's system — the moment the Worker is handed the mail.
  const receivedAt = core.pipeline.clock.now();
  if (!core.config.secret) {
    core.log.error({ problem: MISSING_SECRET }, "email rejected: worker not set up");
    message.setReject(REJECT_NOT_SET_UP);
    return;
  }
  if (message.rawSize > core.config.maxMessageBytes) {
    message.setReject(`Nachricht zu groß (max. ${core.config.maxMessageBytes} Bytes)`);
    return;
  }
  let result: Awaited<ReturnType<WorkerCore["capture"]>>;
  try {
    const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
    result = await core.capture({
      raw,
      source: "email-routing",
      receivedAt,
      context: { mailFrom: message.from, rcptTo: [message.to] },
    });
  } catch (err) {
    // Not stored: refuse it, so Email Routing answers the sending server and the sender learns of it.
    core.log.error({ err: String(err) }, "email capture failed");
    message.setReject("Vorübergehender Fehler beim Speichern, bitte später erneut senden");
    return;
  }
  if (!result.created) {
    core.log.info({ message: result.message.id, duplicateBy: result.duplicateBy }, "duplicate mail");
    return;
  }
  ctx.waitUntil(processCaptured(core, result.message.id));
}

async function processCaptured(core: WorkerCore, id: string): Promise<void> {
  const outcome = await attemptMessage(core.pipeline, id, MAX_ATTEMPTS);
  core.log.info({ message: id, outcome: outcome.status }, "message processed");
}

/** Cron: retries what a first attempt left pending (failure, CPU limit, isolate eviction). */
export async function resumePending(core: WorkerCore): Promise<number> {
  // Attempts would only be used up: leave the pending messages for when the secret is set.
  if (!core.config.secret) {
    core.log.error({ problem: MISSING_SECRET }, "retries skipped: worker not set up");
    return 0;
  }
  const cutoff = new Date(core.pipeline.clock.now().getTime() - FIRST_ATTEMPT_GRACE_MS);
  const ids = await listStalePending(core.pipeline, cutoff, MESSAGES_PER_CRON_RUN);
  for (const id of ids) await processCaptured(core, id);
  return ids.length;
}
