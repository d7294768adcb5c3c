/** The inbox's page routes under the need-to-know policy: seeing is not acting; team queues; triage; chains. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents } from "../../../src/db/schema.js";
import type { DocumentRecord } from "../../../src/ingest/ports.js";
import { canonicalSubject } from "../../../src/mail/scan-mail.js";
import { type NeedToKnowFixture, openNeedToKnowFixture } from "./need-to-know-fixture.js";

const SB1_CASE = { caseRef: "50-1234/2026", docType: "Kontoauszug" };

let f: NeedToKnowFixture;

beforeAll(async () => {
  f = await openNeedToKnowFixture();
  await f.addUser("tl0", "supervisor", null);
});
afterAll(async () => {
  await f?.stop();
});

async function scanOne(subject: string): Promise<DocumentRecord> {
  const [doc] = (await f.scan(subject)).docs;
  return doc!;
}

const stored = async (id: string) => (await f.service.core.store.getDocument(id))!;

describe("a former handler may look, not act", () => {
  it("refuses done, forward, return and correct with 403 and an audit event, keeps note and view", async () => {
    const doc = await scanOne(canonicalSubject(SB1_CASE));
    const sb1 = f.page();
    await sb1.login("sb1");
    const forwarded = await sb1.post(
      `/dokumente/${doc.id}/weiterleiten`,
      { ziel: "person:sb2", notiz: "Gehört zu sb2" },
      `/dokumente/${doc.id}`,
    );
    expect(forwarded.status).toBe(303);
    expect(await stored(doc.id)).toMatchObject({ assignee: "sb2", status: "open" });

    expect((await sb1.get(`/dokumente/${doc.id}`)).status).toBe(200);
    const from = `/dokumente/${doc.id}`;
    const attempts: [string, Record<string, string>][] = [
      ["erledigt", {}],
      ["weiterleiten", { ziel: "person:sb1", notiz: "zurück zu mir" }],
      ["clearing", { grund: "doch nicht" }],
      ["korrigieren", { aktenzeichen: "50-2021/2026", dokumentart: "Kontoauszug" }],
    ];
    for (const [action, form] of attempts) {
      const res = await sb1.post(`/dokumente/${doc.id}/${action}`, form, from);
      expect(res.status, action).toBe(403);
      expect(await res.text()).toContain("Sie können es ansehen, aber nicht bearbeiten");
    }
    expect(await stored(doc.id)).toMatchObject({
      assignee: "sb2",
      status: "open",
      caseRef: SB1_CASE.caseRef,
    });
    const denied = await f.deniedEvents(doc.id, "sb1");
    expect(denied.map((e) => JSON.parse(e.data).attempted)).toEqual(["done", "forward", "return", "correct"]);
    expect(denied.every((e) => JSON.parse(e.data).maySee === true)).toBe(true);

    // a note only adds to the record: a former handler may still leave one
    const noted = await sb1.post(`/dokumente/${doc.id}/notiz`, { text: "Bürger hat angerufen" }, from);
    expect(noted.status).toBe(303);

    // the new owner works it
    const sb2 = f.page();
    await sb2.login("sb2");
    expect((await sb2.post(`/dokumente/${doc.id}/erledigt`, {}, from)).status).toBe(303);
    expect((await stored(doc.id)).status).toBe("done");
  });

  it("refuses a stranger every action, the note included", async () => {
    const doc = await scanOne(canonicalSubject(SB1_CASE));
    const sb4 = f.page();
    await sb4.login("sb4");
    for (const [action, form] of [
      ["notiz", { text: "hallo" }],
      ["erledigt", {}],
    ] as const) {
      const res = await sb4.post(`/dokumente/${doc.id}/${action}`, form);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Sie haben keinen Zugriff auf dieses Dokument.");
    }
    const denied = await f.deniedEvents(doc.id, "sb4");
    expect(denied.map((e) => JSON.parse(e.data))).toMatchObject([
      { attempted: "note", maySee: false },
      { attempted: "done", maySee: false },
    ]);
  });
});

describe("supervisors and the triage queue", () => {
  it("lets any supervisor open a triage document and correct it, which re-routes it", async () => {
    const doc = await scanOne("Scan");
    expect(doc.queue).toBe("triage");
    const tl2 = f.page();
    await tl2.login("tl2");
    expect((await tl2.get(`/dokumente/${doc.id}`)).status).toBe(200);
    expect((await tl2.get(`/dokumente/${doc.id}/pdf`)).status).toBe(200);

    const tl1 = f.page();
    await tl1.login("tl1");
    const clearing = await (await tl1.get("/team/clearing")).text();
    expect(clearing).toContain(`/dokumente/${doc.id}`);
    expect((await tl1.get(`/dokumente/${doc.id}`)).status).toBe(200);
    const res = await tl1.post(
      `/dokumente/${doc.id}/korrigieren`,
      { aktenzeichen: SB1_CASE.caseRef, dokumentart: "Kontoauszug" },
      `/dokumente/${doc.id}`,
    );
    expect(res.status).toBe(303);
    expect(await stored(doc.id)).toMatchObject({ queue: "sb1", assignee: "sb1", caseRef: SB1_CASE.caseRef });
    // tl1 corrected it (a handler now) and sb1 is in tl1's team: the page still opens
    expect((await tl1.get(`/dokumente/${doc.id}`)).status).toBe(200);
  });

  it("lets a supervisor act on their team's documents, not on another team's", async () => {
    const doc = await scanOne(canonicalSubject(SB1_CASE));
    const tl2 = f.page();
    await tl2.login("tl2");
    expect((await tl2.post(`/dokumente/${doc.id}/erledigt`, {})).status).toBe(403);
    const tl1 = f.page();
    await tl1.login("tl1");
    const returned = await tl1.post(`/dokumente/${doc.id}/clearing`, { grund: "falscher Fall" });
    expect(returned.status).toBe(303);
    expect(await stored(doc.id)).toMatchObject({ queue: "triage" });
  });

  it("shows a supervisor without a team no team, only triage", async () => {
    const mine = await scanOne(canonicalSubject(SB1_CASE));
    const triage = await scanOne("Scan");
    const tl0 = f.page();
    await tl0.login("tl0");
    const overview = await tl0.get("/team");
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).not.toContain("Grundsicherung");
    expect(html).not.toContain("Wohngeld und Wohnen");
    const moving = await (await tl0.get("/team/dokumente")).text();
    expect(moving).not.toContain(`/dokumente/${mine.id}`);
    expect(await (await tl0.get("/team/clearing")).text()).toContain(`/dokumente/${triage.id}`);
    expect((await tl0.get(`/dokumente/${mine.id}`)).status).toBe(403);
    expect((await tl0.get(`/dokumente/${triage.id}`)).status).toBe(200);
  });
});

describe("team queues in Mein Postkorb", () => {
  it("shows a team-queue document to the team's caseworkers, marked, and lets them work it", async () => {
    const doc = await scanOne(canonicalSubject({ docType: "Lohnabrechnung" }));
    expect(doc).toMatchObject({ queue: "team:grusi", assignee: null });
    const sb2 = f.page();
    await sb2.login("sb2");
    const html = await (await sb2.get("/postkorb")).text();
    const row = html.split("<tr").find((r) => r.includes(`/dokumente/${doc.id}`));
    expect(row).toContain("Teampostkorb Grundsicherung");
    expect(html).toContain('<option value="team:grusi"');
    const only = await (await sb2.get("/postkorb?postkorb=team%3Agrusi")).text();
    expect(only).toContain(`/dokumente/${doc.id}`);
    expect(only).not.toContain("Vertretung für sb3</span>");

    const sb4 = f.page();
    await sb4.login("sb4");
    expect(await (await sb4.get("/postkorb")).text()).not.toContain(`/dokumente/${doc.id}`);
    expect((await sb4.get(`/dokumente/${doc.id}`)).status).toBe(403);

    expect((await sb2.post(`/dokumente/${doc.id}/erledigt`, {})).status).toBe(303);
    expect((await stored(doc.id)).status).toBe("done");
  });
});

describe("substitute chains in Mein Postkorb", () => {
  it("gives the end of the chain the first person's queue while both are absent", async () => {
    // demo office: sb3 absent, sb2 stands in. Now sb2 is absent too and sb1 stands in: sb3 → sb2 → sb1.
    const doc = await scanOne(canonicalSubject({ caseRef: "50-2042/2026", docType: "Antrag" }));
    await f.service.core.database.db
      .update(documents)
      .set({ queue: "sb3", assignee: "sb3" })
      .where(eq(documents.id, doc.id));
    const sb1 = f.page();
    await sb1.login("sb1");
    expect(await (await sb1.get("/postkorb")).text()).not.toContain(`/dokumente/${doc.id}`);
    expect((await sb1.post(`/dokumente/${doc.id}/erledigt`, {})).status).toBe(403);

    await f.addAbsence("sb2", "sb1");
    const html = await (await sb1.get("/postkorb")).text();
    const row = html.split("<tr").find((r) => r.includes(`/dokumente/${doc.id}`));
    expect(row).toContain("Vertretung für sb3");
    expect(html).toContain("Vertretung für sb3 (über sb2)");
    expect(html).toContain('<option value="sb2"');
    const sb2 = f.page();
    await sb2.login("sb2");
    // the absent middle of the chain no longer works sb3's queue
    expect(await (await sb2.get("/postkorb")).text()).not.toContain(`/dokumente/${doc.id}`);
    expect((await sb2.post(`/dokumente/${doc.id}/erledigt`, {})).status).toBe(403);
    expect((await sb1.post(`/dokumente/${doc.id}/erledigt`, {})).status).toBe(303);
    expect((await stored(doc.id)).status).toBe("done");
  });
});
