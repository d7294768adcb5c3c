/**
 * One processing attempt with the retry bookkeeping kept in the store, for runtimes without a long-lived
 * process (Workers): a failed attempt is counted and the message stays pending for the next scheduled run;
 * after `maxAttempts` it is quarantined with the reason, so nothing stays pending forever.
 */
import { errorText, type PipelineDeps, type ProcessOutcome, processMessage } from "./process-message.js";

export async function attemptMessage(
  deps: PipelineDeps,
  messageId: string,
  maxAttempts: number,
): Promise<ProcessOutcome | { status: "retry"; reason: string }> {
  try {
    return await processMessage(deps, messageId);
  } catch (err) {
    const attempts = await deps.store.recordAttempt(messageId);
    if (attempts < maxAttempts) return { status: "retry", reason: errorText(err) };
    const reason = `Verarbeitung ${attempts}× fehlgeschlagen: ${errorText(err)}`;
    await deps.store.quarantineMessage(messageId, {
      subject: null,
      reason,
      event: {
        actor: "pipeline",
        action: "message.quarantined",
        subjectType: "message",
        subjectId: messageId,
        data: { reason },
      },
    });
    return { status: "quarantined", reason };
  }
}

/** Pending messages captured before `olderThan` (younger ones are still in their first attempt). */
export async function listStalePending(
  deps: Pick<PipelineDeps, "store">,
  olderThan: Date,
  limit: number,
): Promise<string[]> {
  const ids = await deps.store.listPendingMessageIds();
  const messages = await deps.store.getMessagesByIds(ids.slice(0, limit * 4));
  const cutoff = olderThan.toISOString();
  return messages
    .filter((m) => m.status === "pending" && m.capturedAt < cutoff)
    .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
    .slice(0, limit)
    .map((m) => m.id);
}
