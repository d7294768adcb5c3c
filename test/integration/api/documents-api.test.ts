import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../src/ingest/new-id.js";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { generateToken, hashToken } from "../../../src/web/token-hash.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { sendRaw } from "../../helpers/send-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService;
let base: string;
const tokens: Record<string, string> = {};
let docId: string;

beforeAll(async () => {
  service = await startTestService(join(tmp.path, "data"));
  base = `http://127.0.0.1:${service.httpPort}`;
  for (const login of ["sb1", "sb4", "tl1", "tl2", "admin"]) {
    tokens[login] = generateToken();
    await service.core.users.addApiToken({
      id: newId(),
      login,
      tokenHash: hashToken(tokens[login]!),
      label: "test",
    });
  }
  const raw = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
    attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 9 }) }],
  });
  await sendRaw(service.smtpPort!, raw);
  await service.processor.idle();
  docId = (await service.core.store.listDocuments())[0]!.id;
});
afterAll(async () => {
  await service.stop();
  tmp.remove();
});

const get = (path: string, login?: string) =>
  fetch(base + path, { headers: login ? { Authorization: `Bearer ${tokens[login]}` } : {} });

describe("API /api/v1", () => {
  it("refuses requests without a token with 401", async () => {
    const res = await get("/api/v1/documents");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("returns the document to its caseworker with the stable JSON fields", async () => {
    const res = await get(`/api/v1/documents/${docId}`, "sb1");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    for (const key of [
      "id",
      "message",
      "messageId",
      "status",
      "queue",
      "assignee",
      "team",
      "caseRef",
      "customerNo",
      "surname",
      "docType",
      "receivedAt",
      "pageCount",
      "routeReason",
      "source",
    ]) {
      expect(body).toHaveProperty(key);
    }
    expect(body.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it("serves the PDF inline and uncached to its caseworker", async () => {
    const res = await get(`/api/v1/documents/${docId}/pdf`, "sb1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });

  it("refuses another team's caseworker and supervisor with 403 and records the attempt", async () => {
    expect((await get(`/api/v1/documents/${docId}`, "sb4")).status).toBe(403);
    expect((await get(`/api/v1/documents/${docId}/pdf`, "sb4")).status).toBe(403);
    expect((await get(`/api/v1/documents/${docId}`, "tl2")).status).toBe(403);
    expect((await get(`/api/v1/documents/${docId}`, "tl1")).status).toBe(200);
    const history = await service.core.audit.historyOf("document", docId);
    expect(history.filter((e) => e.action === "document.access-denied").map((e) => e.actor)).toEqual([
      "sb4",
      "sb4",
      "tl2",
    ]);
    expect(history.some((e) => e.action === "document.viewed" && e.actor === "sb1")).toBe(true);
  });

  it("lists only the documents the caller may see", async () => {
    const mine = (await (await get("/api/v1/documents", "sb1")).json()) as { id: string }[];
    const other = (await (await get("/api/v1/documents", "sb4")).json()) as { id: string }[];
    expect(mine.map((d) => d.id)).toContain(docId);
    expect(other.map((d) => d.id)).not.toContain(docId);
  });

  it("shows a message's status and documents to admins and the documents' supervisor only", async () => {
    const doc = (await service.core.store.getDocument(docId))!;
    const res = await get(`/api/v1/messages/${doc.messageRef}`, "admin");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "processed", documents: [docId], reason: null });
    expect((await get(`/api/v1/messages/${doc.messageRef}`, "tl1")).status).toBe(200);
    expect((await get(`/api/v1/messages/${doc.messageRef}`, "tl2")).status).toBe(403);
    expect((await get(`/api/v1/messages/${doc.messageRef}`, "sb1")).status).toBe(403);
  });

  it("reports health", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: "ok" });
  });
});
