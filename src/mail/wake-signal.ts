/** A latch the poller sleeps on: a notify while nobody waits is kept, so a mail arriving mid-drain is not missed. */

export type WakeReason = "notified" | "timeout";

export interface WakeSignal {
  notify(): void;
  wait(ms: number): Promise<WakeReason>;
}

export function createWakeSignal(): WakeSignal {
  let pending = false;
  let wake: (() => void) | null = null;
  return {
    notify() {
      pending = true;
      wake?.();
    },
    wait(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve("notified");
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve("timeout");
        }, ms);
        wake = function wakeUp() {
          clearTimeout(timer);
          wake = null;
          pending = false;
          resolve("notified");
        };
      });
    },
  };
}
