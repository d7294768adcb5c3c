import { describe, expect, it } from "vitest";
import { createRetrySchedule } from "../../../src/mail/imap-retry-schedule.js";

const backoff = { baseMs: 1_000, maxMs: 8_000 };

describe("per-mail retry schedule", () => {
  it("doubles the wait with each failed try, up to the cap, so a failing MOVE costs one try per step", () => {
    let now = 0;
    const schedule = createRetrySchedule(
      () => now,
      () => 1,
    );
    const waits = [1, 2, 3, 4, 5].map(() => {
      const retry = schedule.failed("k", { moveOnly: true, error: "NO", backoff });
      return retry.notBefore - now;
    });
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    now = 100;
    expect(schedule.nextDue()).toBe(8_000);
    expect(schedule.parked()).toHaveLength(1);
  });

  it("starts the move back-off afresh when a mail that failed before capture is captured", () => {
    const schedule = createRetrySchedule(
      () => 0,
      () => 1,
    );
    schedule.failed("k", { moveOnly: false, error: "capture", backoff });
    schedule.failed("k", { moveOnly: false, error: "capture", backoff });
    expect(schedule.failed("k", { moveOnly: true, error: "NO", backoff }).failures).toBe(1);
  });

  it("forgets mails of a mailbox that have left it, and nothing else", () => {
    const schedule = createRetrySchedule();
    schedule.failed("imap:a:1:5", { moveOnly: true, error: "NO", backoff });
    schedule.failed("imap:b:1:5", { moveOnly: true, error: "NO", backoff });
    schedule.retain("imap:a:", new Set());
    expect(schedule.get("imap:a:1:5")).toBeUndefined();
    expect(schedule.get("imap:b:1:5")).toBeDefined();
  });
});
