import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/runtime/worker.js";
import { workerCore } from "../../src/runtime/worker-core.js";
import type { WorkerEnv } from "../../src/runtime/worker-env.js";
import { deliverEmail, fixture, seedOffice, testEnv } from "./worker-harness.js";

const BASE = "https://postkorb.example";
const METRICS_TOKEN = "metrics-token-for-the-prometheus-scraper-0123";
let adminToken = "";

beforeAll(async () => {
  ({ adminToken } = await seedOffice());
});

/** Another env object is another core (worker-core.ts caches per env): a Worker with other vars/secrets. */
function envWith(vars: Record<string, string | undefined>): WorkerEnv {
  return { ...testEnv, ...vars } as WorkerEnv;
}

async function fetchWith(env: WorkerEnv, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("/healthz and /metrics on the internet", () => {
  it("tells an anonymous caller only up or down, and an admin token the full report", async () => {
    const anonymous = await SELF.fetch(`${BASE}/healthz`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: "ok" });

    const admin = await SELF.fetch(`${BASE}/healthz`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({
      status: "ok",
      database: "ok",
      problems: [],
      sources: [{ kind: "email-routing" }],
    });
  });

  it("serves /metrics only with an admin API token or POSTKORB_METRICS_TOKEN", async () => {
    expect((await SELF.fetch(`${BASE}/metrics`)).status).toBe(401);
    // Hono decodes the path before routing: an encoded spelling must not slip past the guard.
    expect((await SELF.fetch(`${BASE}/%6detrics`)).status).toBe(401);
    expect(await (await SELF.fetch(`${BASE}/%68ealthz`)).json()).toEqual({ status: "ok" });
    const bogus = await SELF.fetch(`${BASE}/metrics`, { headers: { Authorization: "Bearer nope" } });
    expect(bogus.status).toBe(401);
    expect(bogus.headers.get("WWW-Authenticate")).toContain("Bearer");

    const admin = await SELF.fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain("# TYPE postkorb_messages gauge");

    const scraping = envWith({ POSTKORB_METRICS_TOKEN: METRICS_TOKEN });
    const scraped = await fetchWith(scraping, "/metrics", {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("postkorb_processing_backlog 0");
    // The metrics token is no API token.
    const api = await fetchWith(scraping, "/api/v1/documents", {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(api.status).toBe(401);
  });
});

describe("a Worker without POSTKORB_SECRET", () => {
  const unset = envWith({ POSTKORB_SECRET: undefined });

  it("rejects mail at once with the reason, storing nothing", async () => {
    const before = await workerCore(testEnv).pipeline.store.listMessages();
    const { rejected } = await deliverEmail(fixture("FIXTURE_PENDING_MAIL"), unset);
    expect(rejected).toMatch(/POSTKORB_SECRET fehlt/);
    expect(await workerCore(testEnv).pipeline.store.listMessages()).toHaveLength(before.length);
  });

  it("answers /healthz with 503, and names the problem to an admin", async () => {
    const anonymous = await fetchWith(unset, "/healthz");
    expect(anonymous.status).toBe(503);
    expect(await anonymous.json()).toEqual({ status: "error" });
    const admin = await fetchWith(unset, "/healthz", { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(admin.status).toBe(503);
    const report = (await admin.json()) as { problems: string[] };
    expect(report.problems).toEqual([expect.stringContaining("wrangler secret put POSTKORB_SECRET")]);
  });

  it("answers 503 and rejects mail when a var is invalid, instead of failing every request", async () => {
    const broken = envWith({ POSTKORB_SECRET: "too-short" });
    expect((await fetchWith(broken, "/healthz")).status).toBe(503);
    expect((await fetchWith(broken, "/postkorb")).status).toBe(503);
    const { rejected } = await deliverEmail(fixture("FIXTURE_PENDING_MAIL"), broken);
    expect(rejected).toMatch(/nicht betriebsbereit/);
  });
});
