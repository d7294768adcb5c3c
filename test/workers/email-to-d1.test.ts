import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { workerCore } from "../../src/runtime/worker-core.js";
import { deliverEmail, fixture, seedOffice, testEnv } from "./worker-harness.js";

let adminToken = "";

beforeAll(async () => {
  ({ adminToken } = await seedOffice());
});

describe("Worker with Email Routing, D1 and R2", () => {
  it("routes a scan mail delivered to email() into D1 with its PDF in R2", async () => {
    // GIVEN the office in D1, WHEN Email Routing hands the Worker a scan mail for Az. 50-1234/2026
    const before = Date.now();
    const { rejected } = await deliverEmail(fixture("FIXTURE_ROUTED_MAIL"));
    expect(rejected).toBeNull();

    // THEN one message is processed and its document sits in sb1's queue, receivedAt taken at the Worker
    const { pipeline } = workerCore(testEnv);
    const [message] = await pipeline.store.listMessages();
    expect(message).toMatchObject({ source: "email-routing", status: "processed" });
    expect(Date.parse(message!.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    const docs = await pipeline.store.listDocumentsOfMessage(message!.id);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ assignee: "sb1", caseRef: "50-1234/2026", pageCount: 2 });

    // AND the stored PDF and the raw mail are in R2 under their sha256
    const pdf = await pipeline.blobs.get(docs[0]!.blobKey);
    expect(new TextDecoder().decode(pdf!.subarray(0, 5))).toBe("%PDF-");
    expect(await pipeline.blobs.get(message!.blobKey)).not.toBeNull();
    // AND the document is the stamped copy, the scan as it came is kept beside it
    expect(docs[0]!.sha256).not.toBe(docs[0]!.originalSha256);
    expect(await pipeline.blobs.get(docs[0]!.originalBlobKey)).not.toBeNull();
  });

  it("creates one document when the same mail arrives twice", async () => {
    const raw = fixture("FIXTURE_TWICE_MAIL");
    await deliverEmail(raw);
    await deliverEmail(raw);
    const { pipeline } = workerCore(testEnv);
    const messages = await pipeline.store.listMessages();
    const twice = messages.filter((m) => m.messageIdHeader === "<workers-twice@kundencenter.example>");
    expect(twice).toHaveLength(1);
    expect(await pipeline.store.listDocumentsOfMessage(twice[0]!.id)).toHaveLength(1);
  });

  it("quarantines a mail without PDF with a German reason instead of dropping it", async () => {
    await deliverEmail(fixture("FIXTURE_NO_PDF_MAIL"));
    const { pipeline } = workerCore(testEnv);
    const quarantined = await pipeline.store.listMessages({ status: "quarantined" });
    expect(quarantined.map((m) => m.reason)).toContainEqual(expect.stringContaining("Keine PDF-Anlage"));
  });

  it("rejects a mail over the size limit so the sending server bounces it", async () => {
    const tooBig = new Uint8Array(26 * 1024 * 1024);
    const { rejected } = await deliverEmail(tooBig);
    expect(rejected).toMatch(/zu groß/);
  });

  it("serves the API: documents with a token, 401 without", async () => {
    const anonymous = await SELF.fetch("https://postkorb.example/api/v1/documents");
    expect(anonymous.status).toBe(401);
    const res = await SELF.fetch("https://postkorb.example/api/v1/documents", {
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown;
    expect(JSON.stringify(body)).toContain("50-1234/2026");
  });
});
