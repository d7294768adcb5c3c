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
  /** Stops taking new work and waits for the messages in hand. */
  stop(): Promise<void>;
  readonly backlog: number;
}

export function createProcessor(deps: PipelineDeps, options: ProcessorOptions): Processor {
  const queue: string[] = [];
  const queued = new Set<string>();
  let running = 0;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  function pump(): void {
    while (!stopped && running < options.concurrency && queue.length > 0) {
      const id = queue.shift()!;
      running++;
      void runWithRetry(id).finally(() => {
        running--;
        queued.delete(id);
        pump();
      });
    }
    if (running === 0 && (queue.length === 0 || stopped)) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  }

  async function runWithRetry(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        options.onOutcome?.(id, await processMessage(deps, id));
        return;
      } catch (err) {
        options.onError?.(id, err, attempt);
        const attempts = await deps.store.recordAttempt(id).catch(() => attempt);
        if (attempts >= options.maxAttempts || stopped) {
          if (!stopped) await giveUp(id, err, attempts);
          return;
        }
        await new Promise((r) => setTimeout(r, options.retryDelayMs(attempt)));
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
    async stop() {
      stopped = true;
      queue.length = 0;
      await this.idle();
    },
    get backlog() {
      return queue.length + running;
    },
  };
}
