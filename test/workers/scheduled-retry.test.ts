import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import worker from "../../src/runtime/worker.js";
import { buildWorkerCore, workerCore } from "../../src/runtime/worker-core.js";
import { resumePending } from "../../src/runtime/worker-email.js";
import { fixture, seedOffice, testEnv } from "./worker-harness.js";

beforeAll(async () => {
  await seedOffice();
});

it("leaves a fresh pending message to its first attempt, and the cron run later routes it", async () => {
  // GIVEN a mail captured whose waitUntil processing never ran (isolate evicted, CPU limit hit)
  const core = workerCore(testEnv);
  const captured = await core.capture({
    raw: fixture("FIXTURE_PENDING_MAIL"),
    source: "email-routing",
    receivedAt: new Date(),
  });
  const id = captured.message.id;

  // WHEN the cron trigger fires right away, THEN it leaves the young message alone
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
  expect((await core.pipeline.store.getMessage(id))?.status).toBe("pending");

  // WHEN a run five minutes later sweeps the pending messages, THEN the message is routed to sb1
  const later = buildWorkerCore(testEnv, { now: () => new Date(Date.now() + 5 * 60_000) });
  expect(await resumePending(later)).toBe(1);
  expect((await core.pipeline.store.getMessage(id))?.status).toBe("processed");
  const [doc] = await core.pipeline.store.listDocumentsOfMessage(id);
  expect(doc).toMatchObject({ assignee: "sb1", docType: "Antrag" });
});
