import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents } from "../../../src/db/schema.js";
import type { DocumentRecord } from "../../../src/ingest/ports.js";
import { canonicalSubject } from "../../../src/mail/scan-mail.js";
import { type NeedToKnowFixture, openNeedToKnowFixture } from "./need-to-know-fixture.js";

// Aktenzeichen of the demo register: 50-1234/2026 → sb1 (Grundsicherung); 51-2007/2026 → sb4 (Wohnen)
const SB1_CASE = { caseRef: "50-1234/2026", docType: "Kontoauszug" };
const SB4_CASE = { caseRef: "51-2007/2026", docType: "Mietbescheinigung" };

let f: NeedToKnowFixture;
const sb1Docs: DocumentRecord[] = [];
const sb4Docs: DocumentRecord[] = [];
let teamDoc: DocumentRecord;
let triageDoc: DocumentRecord;

type Listed = { id: string; queue: string }[];

async function list(path: string, login: string): Promise<Listed> {
  const res = await f.api(path, login);
  expect(res.status).toBe(200);
  return (await res.json()) as Listed;
}

beforeAll(async () => {
  f = await openNeedToKnowFixture();
  // interleaved in time, so unscoped paging would mix the two caseworkers' documents
  for (let i = 0; i < 6; i++) {
    sb1Docs.push(...(await f.scan(canonicalSubject(SB1_CASE))).docs);
    sb4Docs.push(...(await f.scan(canonicalSubject(SB4_CASE))).docs);
  }
  expect(sb1Docs.every((d) => d.assignee === "sb1")).toBe(true);
  expect(sb4Docs.every((d) => d.assignee === "sb4")).toBe(true);
  // a document type of Grundsicherung without a name: the team queue
  teamDoc = (await f.scan(canonicalSubject({ docType: "Kontoauszug" }))).docs[0]!;
  expect(teamDoc).toMatchObject({ queue: "team:grusi", assignee: null });
  triageDoc = (await f.scan("Scan")).docs[0]!;
  expect(triageDoc).toMatchObject({ queue: "triage", assignee: null, teamId: null });
  await f.addUser("tl0", "supervisor", null);
});
afterAll(async () => {
  await f?.stop();
});

describe("GET /api/v1/documents pages over what the caller may see", () => {
  it("returns full, consistent pages of the caller's documents only", async () => {
    const pages: Listed[] = [];
    for (let offset = 0; offset < 8; offset += 2)
      pages.push(await list(`/api/v1/documents?limit=2&offset=${offset}`, "sb4"));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 0]);
    expect(pages.flat().map((d) => d.id)).toEqual(sb4Docs.map((d) => d.id));
    const all = await list("/api/v1/documents", "sb4");
    expect(all.map((d) => d.id)).toEqual(sb4Docs.map((d) => d.id));
  });

  it("includes the team queue for the team's caseworkers, not for other teams", async () => {
    const sb1 = (await list("/api/v1/documents", "sb1")).map((d) => d.id);
    expect(sb1).toEqual([...sb1Docs.map((d) => d.id), teamDoc.id]);
    expect((await list("/api/v1/documents", "sb2")).map((d) => d.id)).toEqual([teamDoc.id]);
    expect((await list("/api/v1/documents", "sb4")).map((d) => d.id)).not.toContain(teamDoc.id);
    expect((await f.api(`/api/v1/documents/${teamDoc.id}`, "sb2")).status).toBe(200);
    expect((await f.api(`/api/v1/documents/${teamDoc.id}`, "sb4")).status).toBe(403);
  });

  it("gives supervisors their team and triage, a supervisor without a team triage only, admins all", async () => {
    const tl1 = (await list("/api/v1/documents", "tl1")).map((d) => d.id);
    expect(tl1).toEqual([...sb1Docs.map((d) => d.id), teamDoc.id, triageDoc.id]);
    const tl2 = (await list("/api/v1/documents", "tl2")).map((d) => d.id);
    expect(tl2).toEqual([...sb4Docs.map((d) => d.id), triageDoc.id]);
    expect((await list("/api/v1/documents", "tl0")).map((d) => d.id)).toEqual([triageDoc.id]);
    expect(await list("/api/v1/documents", "admin")).toHaveLength(sb1Docs.length + sb4Docs.length + 2);
    // and single documents by the same rule
    expect((await f.api(`/api/v1/documents/${triageDoc.id}`, "tl2")).status).toBe(200);
    expect((await f.api(`/api/v1/documents/${triageDoc.id}`, "sb1")).status).toBe(403);
    expect((await f.api(`/api/v1/documents/${sb1Docs[0]!.id}`, "tl0")).status).toBe(403);
    expect(await f.deniedEvents(sb1Docs[0]!.id, "tl0")).toHaveLength(1);
  });

  it("keeps paging correct inside filters, and lists nothing beyond the scope for a foreign filter", async () => {
    expect(await list("/api/v1/documents?assignee=sb1", "sb4")).toEqual([]);
    expect(await list("/api/v1/documents?queue=triage", "sb1")).toEqual([]);
    const page = await list("/api/v1/documents?queue=team:grusi&limit=1", "sb3");
    expect(page.map((d) => d.id)).toEqual([teamDoc.id]);
  });

  it("lists documents a caseworker handled before, after they left the caseworker's queue", async () => {
    const forwarded = sb4Docs[0]!;
    const page = f.page();
    await page.login("sb4");
    const res = await page.post(
      `/dokumente/${forwarded.id}/weiterleiten`,
      { ziel: "person:sb5", notiz: "Zuständigkeit sb5" },
      `/dokumente/${forwarded.id}`,
    );
    expect(res.status).toBe(303);
    const ids = (await list("/api/v1/documents", "sb4")).map((d) => d.id);
    expect(ids).toContain(forwarded.id);
    const sb6 = (await list("/api/v1/documents", "sb6")).map((d) => d.id);
    expect(sb6).not.toContain(forwarded.id);
  });

  it("records each list read with its filter and the listed document ids", async () => {
    await list("/api/v1/documents?limit=3&offset=1", "sb1");
    const events = await f.service.core.audit.historyOf("query", "documents");
    const last = events.at(-1)!;
    expect(last).toMatchObject({ actor: "sb1", action: "documents.listed" });
    const data = JSON.parse(last.data) as { filter: Record<string, unknown>; count: number; ids: string[] };
    expect(data.filter).toMatchObject({ limit: 3, offset: 1 });
    expect(data.count).toBe(3);
    expect(data.ids).toEqual(sb1Docs.slice(1, 4).map((d) => d.id));
  });
});

describe("substitute chains in the API", () => {
  it("shows the end of a chain the first person's documents while both are absent", async () => {
    // The demo office has sb3 absent with sb2 standing in; now sb2 is absent too, with sb1 standing in.
    const [sb3Doc] = (await f.scan(canonicalSubject({ caseRef: "50-2042/2026", docType: "Antrag" }))).docs;
    await f.service.core.database.db
      .update(documents)
      .set({ queue: "sb3", assignee: "sb3" })
      .where(eq(documents.id, sb3Doc!.id));
    expect((await f.api(`/api/v1/documents/${sb3Doc!.id}`, "sb1")).status).toBe(403);
    await f.addAbsence("sb2", "sb1");
    expect((await f.api(`/api/v1/documents/${sb3Doc!.id}`, "sb1")).status).toBe(200);
    expect((await list("/api/v1/documents", "sb1")).map((d) => d.id)).toContain(sb3Doc!.id);
  });
});

describe("GET /api/v1/messages/:id is need-to-know too", () => {
  it("shows a supervisor a message with a document of their team, not another team's supervisor", async () => {
    const doc = sb1Docs[1]!;
    const res = await f.api(`/api/v1/messages/${doc.messageRef}`, "tl1");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "processed", documents: [doc.id] });
    expect((await f.api(`/api/v1/messages/${doc.messageRef}`, "tl2")).status).toBe(403);
    expect((await f.api(`/api/v1/messages/${doc.messageRef}`, "tl0")).status).toBe(403);
    expect((await f.api(`/api/v1/messages/${doc.messageRef}`, "sb1")).status).toBe(403);
    expect((await f.api(`/api/v1/messages/${doc.messageRef}`, "admin")).status).toBe(200);
    const events = await f.service.core.audit.historyOf("message", doc.messageRef);
    expect(events.filter((e) => e.action === "message.access-denied").map((e) => e.actor)).toEqual([
      "tl2",
      "tl0",
      "sb1",
    ]);
  });

  it("shows every supervisor triage and quarantined messages, which the Poststelle sorts", async () => {
    expect((await f.api(`/api/v1/messages/${triageDoc.messageRef}`, "tl2")).status).toBe(200);
    expect((await f.api(`/api/v1/messages/${triageDoc.messageRef}`, "tl0")).status).toBe(200);
    const { message, docs } = await f.scan("Scan ohne Anhang", { pdf: false });
    expect(message.status).toBe("quarantined");
    expect(docs).toEqual([]);
    for (const login of ["tl0", "tl1", "tl2", "admin"]) {
      const res = await f.api(`/api/v1/messages/${message.id}`, login);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "quarantined", documents: [] });
    }
    expect((await f.api(`/api/v1/messages/${message.id}`, "sb1")).status).toBe(403);
  });
});
