/** Runs processMessage for captured messages: bounded concurrency, bounded retries, resumable on start. */
import { errorText, type PipelineDeps, type ProcessOutcome, processMessage } from "./process-message.js";

export interface ProcessorOptions {
  concurrency: number;
  maxAttempts: number;
  /** Delay before retry n (1-based); injectable so tests need not wait. */
  retryDelayMs: (attempt: number) => number;
  onOutcome?: (messageId: string, outcome: ProcessOutcome) => void;
  onError?: (messageId: string, err: unknown, attempt: number) => void;
}

export interface Processor {
  enqueue(messageId: string): void;
  resumePending(): Promise<number>;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /**
   * Stops taking new work, wakes retries sleeping in their back-off (they start no further attempt) and waits for
   * the attempts in hand. Whatever did not finish stays pending in the store and is resumed at the next start.
   */
  stop(): Promise<void>;
  /**
   * Resolves once at most `limit` messages are queued or running, or after `maxWaitMs`, or at stop(). For
   * sources that can make the sender wait (SMTP holds its 250): a burst then queues at the sender, not here.
   */
  room(limit: number, maxWaitMs: number): Promise<void>;
  readonly backlog: number;
}

export function createProcessor(deps: PipelineDeps, options: ProcessorOptions): Processor {
  const queue: string[] = [];
  const queued = new Set<string>();
  let running = 0;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];
  /** Callers of room(): each wakes when the backlog is at or below its limit. */
  const roomWaiters = new Set<{ limit: number; wake: () => void }>();
  /** Wakes every retry sleeping in its back-off; called by stop(). */
  const sleepers = new Set<() => void>();

  /** Resolves after `ms`, or at once when the processor stops. */
  function backOff(ms: number): Promise<void> {
    if (stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  function pump(): void {
    while (!stopped && running < options.concurrency && queue.length > 0) {
      const id = queue.shift()!;
      running++;
      void runWithRetry(id)
        // Only the bookkeeping (recordAttempt, giveUp) can land here; the message stays pending for the next start.
        .catch((err: unknown) => options.onError?.(id, err, 0))
        .finally(() => {
          running--;
          queued.delete(id);
          pump();
        });
    }
    for (const waiter of roomWaiters) if (stopped || queue.length + running <= waiter.limit) waiter.wake();
    if (running === 0 && (queue.length === 0 || stopped)) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  }

  async function runWithRetry(id: string): Promise<void> {
    // After stop() no attempt starts: the message stays pending and the next start resumes it.
    for (let attempt = 1; !stopped; attempt++) {
      try {
        // Not `onOutcome?.(id, await …)`: an optional call skips its arguments, and the work with them.
        const outcome = await processMessage(deps, id);
        options.onOutcome?.(id, outcome);
        return;
      } catch (err) {
        options.onError?.(id, err, attempt);
        const attempts = await deps.store.recordAttempt(id).catch(() => attempt);
        if (stopped) return;
        if (attempts >= options.maxAttempts) {
          await giveUp(id, err, attempts);
          return;
        }
        await backOff(options.retryDelayMs(attempt));
      }
    }
  }

  async function giveUp(id: string, err: unknown, attempts: number): Promise<void> {
    const reason = `Verarbeitung ${attempts}× fehlgeschlagen: ${errorText(err)}`;
    await deps.store.quarantineMessage(id, {
      subject: null,
      reason,
      event: {
        actor: "pipeline",
        action: "message.quarantined",
        subjectType: "message",
        subjectId: id,
        data: { reason },
      },
    });
    options.onOutcome?.(id, { status: "quarantined", reason });
  }

  return {
    enqueue(id) {
      if (stopped || queued.has(id)) return;
      queued.add(id);
      queue.push(id);
      pump();
    },
    async resumePending() {
      const ids = await deps.store.listPendingMessageIds();
      for (const id of ids) this.enqueue(id);
      return ids.length;
    },
    idle() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    room(limit, maxWaitMs) {
      if (stopped || queue.length + running <= limit) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const waiter = {
          limit,
          wake: () => {
            clearTimeout(timer);
            roomWaiters.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(waiter.wake, maxWaitMs);
        roomWaiters.add(waiter);
      });
    },
    async stop() {
      stopped = true;
      queue.length = 0;
      for (const waiter of [...roomWaiters]) waiter.wake();
      for (const wake of [...sleepers]) wake();
      await this.idle();
    },
    get backlog() {
      return queue.length + running;
    },
  };
}
