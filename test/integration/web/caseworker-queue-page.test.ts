/** "Mein Postkorb" as a caseworker sees it: totals, pages, receipt times in office time, duplicate hints. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDocumentRow, toMessageRow } from "../../../src/db/row-mapping.js";
import { documents, messages } from "../../../src/db/schema.js";
import type { DocumentRecord, MessageRecord } from "../../../src/ingest/ports.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { createPageClient, type PageClient } from "../../helpers/page-client.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService;
let sb1: PageClient;

function message(id: string): MessageRecord {
  const at = "2026-01-05T08:00:00.000Z";
  return {
    id,
    source: "eml",
    sourceKey: `test:${id}`,
    messageIdHeader: null,
    sha256: id.padStart(64, "0"),
    size: 1,
    subject: "Scan",
    sender: null,
    receivedAt: at,
    receivedChain: null,
    capturedAt: at,
    blobKey: id.padStart(64, "0"),
    status: "processed",
    reason: null,
    attempts: 1,
    processedAt: at,
  };
}

function doc(id: string, receivedAt: string, over: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id,
    messageRef: "m1",
    partKey: id,
    filename: `${id}.pdf`,
    pageCount: 2,
    pages: [0, 1],
    blobKey: "0".repeat(64),
    originalBlobKey: "0".repeat(64),
    sha256: id.padStart(64, "a"),
    originalSha256: id.padStart(64, "b"),
    caseRef: "50-1234/2026",
    customerNo: "100234",
    surname: "Müller",
    docType: "Kontoauszug",
    metadataSource: "subject",
    flags: [],
    queue: "sb1",
    assignee: "sb1",
    teamId: "grusi",
    status: "open",
    routeRule: "register-case",
    routeReason: "Test",
    routeReasonEn: "Test",
    routeChain: [],
    receivedAt,
    createdAt: receivedAt,
    updatedAt: receivedAt,
    doneAt: null,
    ...over,
  };
}

const minute = (i: number) => new Date(Date.parse("2026-11-05T08:00:00Z") + i * 60_000).toISOString();
const SUMMER = "2026-07-01T10:00:00.000Z";
const DOCS: DocumentRecord[] = [
  // Summer time in Berlin (+02:00), the oldest: on page 1.
  doc("q-summer", "2026-06-30T10:00:00.000Z", { docType: "Antrag" }),
  // The same original PDF in two mails; the second copy is already flagged by the pipeline.
  doc("q-copy-1", "2026-06-30T11:00:00.000Z", { originalSha256: "c".repeat(64) }),
  doc("q-copy-2", SUMMER, {
    messageRef: "m2",
    originalSha256: "c".repeat(64),
    flags: ["possible-duplicate"],
  }),
  ...Array.from({ length: 55 }, (_, i) => doc(`q-${String(i).padStart(3, "0")}`, minute(i))),
  doc("q-antrag", minute(100), { docType: "Antrag" }),
];

beforeAll(async () => {
  service = await startTestService(tmp.path, { env: { POSTKORB_SMTP_PORT: "0" } });
  const { db } = service.core.database;
  await service.core.database.atomic([
    db.insert(messages).values(toMessageRow(message("m1"))),
    db.insert(messages).values(toMessageRow(message("m2"))),
    db.insert(documents).values(DOCS.map(toDocumentRow)),
  ]);
  sb1 = createPageClient(`http://127.0.0.1:${service.httpPort}`);
  await sb1.login("sb1");
});
afterAll(async () => {
  await service.stop();
  tmp.remove();
});

const rowsOf = (html: string) => html.match(/<tr data-queue-row/g)?.length ?? 0;
const rowOf = (html: string, id: string) =>
  new RegExp(`<tr data-queue-row[^>]*>(?:(?!</tr>)[\\s\\S])*?/dokumente/${id}"[\\s\\S]*?</tr>`).exec(
    html,
  )?.[0] ?? "";

describe("Mein Postkorb", () => {
  it("shows the open total in the counts, the caption and the pages without a filter", async () => {
    const html = await (await sb1.get("/postkorb")).text();
    expect(html).toContain(`<strong data-count="open">${DOCS.length}</strong>`);
    expect(html).toContain(`<caption>${DOCS.length} offene Dokumente, die ältesten zuerst</caption>`);
    expect(html).toContain("Seite 1 von 2");
    expect(html).toContain('href="/postkorb?seite=2"');
    expect(rowsOf(html)).toBe(50);
    const second = await (await sb1.get("/postkorb?seite=2")).text();
    expect(rowsOf(second)).toBe(DOCS.length - 50);
    expect(second).toContain("Seite 2 von 2");
  });

  it("counts what a filter leaves for the caption, the open count stays the queue's", async () => {
    const html = await (await sb1.get("/postkorb?art=Antrag")).text();
    expect(html).toContain(`<strong data-count="open">${DOCS.length}</strong>`);
    expect(html).toContain("<caption>2 offene Dokumente, die ältesten zuerst</caption>");
    expect(html).not.toContain("Seite 1 von");
    expect(rowsOf(html)).toBe(2);
  });

  it("shows receipt times in office time with the offset of that day", async () => {
    const html = await (await sb1.get("/postkorb")).text();
    const summer = rowOf(html, "q-summer");
    expect(summer).toContain('<time datetime="2026-06-30T12:00:00+02:00">30.06.2026, 12:00</time>');
    expect(summer).toContain("Antrag vom 30.06.2026, 12:00");
    const winter = rowOf(html, "q-000");
    expect(winter).toContain('<time datetime="2026-11-05T09:00:00+01:00">05.11.2026, 09:00</time>');
  });

  it("hints at a possible duplicate once, whether or not the pipeline flagged it", async () => {
    const html = await (await sb1.get("/postkorb")).text();
    const badge = /data-flag="possible-duplicate"/g;
    expect(rowOf(html, "q-copy-1").match(badge)).toHaveLength(1);
    expect(rowOf(html, "q-copy-2").match(badge)).toHaveLength(1);
    expect(rowOf(html, "q-summer")).not.toMatch(badge);
  });
});
