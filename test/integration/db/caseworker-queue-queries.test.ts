/** "Mein Postkorb"'s read side on a real SQLite file: paging order, read marks, duplicate marks and counts. */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoOffice } from "../../../scripts/demo/demo-office.js";
import { loadConfig } from "../../../src/config.js";
import {
  type CaseworkerQueueQueries,
  createCaseworkerQueueQueries,
  type QueueSet,
} from "../../../src/db/caseworker-queue-queries.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../../src/db/office-seed.js";
import { toDocumentRow, toMessageRow } from "../../../src/db/row-mapping.js";
import { documents, messages } from "../../../src/db/schema.js";
import type { DocumentRecord, MessageRecord } from "../../../src/ingest/ports.js";
import { type EmbeddedCore, openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let core: EmbeddedCore;
let queries: CaseworkerQueueQueries;
const T0 = Date.parse("2026-11-02T08:00:00Z");
const SB1_AND_TEAM: QueueSet = { assignees: ["sb1", "sb3"], queues: ["team:grusi"] };

function message(id: string): MessageRecord {
  const at = new Date(T0).toISOString();
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

function doc(id: string, over: Partial<DocumentRecord> & { minute: number }): DocumentRecord {
  const at = new Date(T0 + over.minute * 60_000).toISOString();
  const { minute: _, ...rest } = over;
  return {
    id,
    messageRef: "m1",
    partKey: id,
    filename: `${id}.pdf`,
    pageCount: 1,
    pages: [0],
    blobKey: "0".repeat(64),
    originalBlobKey: "0".repeat(64),
    sha256: id.padStart(64, "a"),
    originalSha256: id.padStart(64, "b"),
    caseRef: `50-${id}/2026`,
    customerNo: null,
    surname: `Name-${id}`,
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
    receivedAt: at,
    createdAt: at,
    updatedAt: at,
    doneAt: null,
    ...rest,
  };
}

// sb1's own queue, sb3's (whom sb1 stands in for) and the team queue, interleaved in time, with ties in
// receivedAt (broken by id) and documents that must not show: done ones and other people's.
const QUEUED: DocumentRecord[] = [
  ...Array.from({ length: 12 }, (_, i) => doc(`own-${String(i).padStart(2, "0")}`, { minute: i * 3 })),
  ...Array.from({ length: 5 }, (_, i) =>
    doc(`sub-${i}`, { minute: i * 7, queue: "sb3", assignee: "sb3", docType: "Antrag" }),
  ),
  ...Array.from({ length: 4 }, (_, i) =>
    doc(`team-${i}`, { minute: i * 9, queue: "team:grusi", assignee: null, flags: ["page-count-mismatch"] }),
  ),
  doc("tie-b", { minute: 6 }),
  doc("tie-a", { minute: 6, queue: "team:grusi", assignee: null }),
];
const HIDDEN: DocumentRecord[] = [
  doc("done-1", { minute: 1, status: "done" }),
  doc("other-1", { minute: 2, queue: "sb2", assignee: "sb2" }),
  doc("taken-1", { minute: 3, queue: "team:grusi", assignee: "sb2" }),
];
// The same original PDF: once again in another mail (a possible duplicate, even though that copy is done), and
// split into two parts of one mail (not a duplicate).
const DUPLICATES: DocumentRecord[] = [
  doc("again-1", { minute: 100, originalSha256: "f".repeat(64) }),
  doc("again-2", { minute: 101, messageRef: "m2", originalSha256: "f".repeat(64), status: "done" }),
  doc("part-1", { minute: 102, messageRef: "m3", originalSha256: "e".repeat(64) }),
  doc("part-2", { minute: 103, messageRef: "m3", originalSha256: "e".repeat(64) }),
];
const ALL = [...QUEUED, ...HIDDEN, ...DUPLICATES];
const oldestFirst = (a: DocumentRecord, b: DocumentRecord) =>
  a.receivedAt.localeCompare(b.receivedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const shown = ALL.filter(
  (d) =>
    d.status === "open" &&
    (d.assignee === "sb1" || d.assignee === "sb3" || (d.queue === "team:grusi" && d.assignee === null)),
).sort(oldestFirst);

beforeAll(async () => {
  core = openEmbeddedCore(loadConfig({ POSTKORB_DATA_DIR: join(tmp.path, "data") }));
  const parsed = parseOfficeSeed(await buildDemoOffice(new Date(T0)));
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(core.database, parsed.seed, "test", new Date(T0));
  const { db } = core.database;
  await core.database.atomic([
    ...["m1", "m2", "m3"].map((id) => db.insert(messages).values(toMessageRow(message(id)))),
    db.insert(documents).values(ALL.map(toDocumentRow)),
  ]);
  await core.store.appendEvents(
    [
      ["sb1", "own-01"],
      ["sb1", "team-2"],
      ["sb2", "own-02"],
    ].map(([actor, id]) => ({
      actor: actor!,
      action: "document.viewed",
      subjectType: "document",
      subjectId: id!,
      data: {},
    })),
  );
  queries = createCaseworkerQueueQueries(db);
});
afterAll(() => {
  core.close();
  tmp.remove();
});

describe("listing a caseworker's queues", () => {
  it("pages through own, substituted and team queues oldest first, ties by id, every page a slice of one order", async () => {
    // Pages of one document too: a tie split across two pages shows whether the pages agree on one order.
    for (const size of [4, 1]) {
      const pages: string[][] = [];
      for (let offset = 0; offset < shown.length + size; offset += size) {
        const items = await queries.listQueue("sb1", { ...SB1_AND_TEAM, limit: size, offset });
        pages.push(items.map((i) => i.doc.id));
      }
      expect(pages.flat()).toEqual(shown.map((d) => d.id));
      expect(pages.at(-1)).toEqual([]);
    }
    expect(shown.map((d) => d.id).slice(4, 7)).toEqual(["own-02", "tie-a", "tie-b"]);
  });

  it("pages one queue alone in the same order", async () => {
    const own = shown.filter((d) => d.assignee === "sb1");
    const second = await queries.listQueue("sb1", { assignees: ["sb1"], limit: 5, offset: 5 });
    expect(second.map((i) => i.doc.id)).toEqual(own.slice(5, 10).map((d) => d.id));
    const team = await queries.listQueue("sb1", {
      assignees: [],
      queues: ["team:grusi"],
      limit: 50,
      offset: 0,
    });
    expect(team.map((i) => i.doc.id)).toEqual(shown.filter((d) => d.assignee === null).map((d) => d.id));
  });

  it("returns whole documents, marked unread until the viewer opened them", async () => {
    const items = await queries.listQueue("sb1", { ...SB1_AND_TEAM, limit: 50, offset: 0 });
    const byId = new Map(items.map((i) => [i.doc.id, i]));
    expect(byId.get("own-01")?.unread).toBe(false);
    expect(byId.get("team-2")?.unread).toBe(false);
    // sb2 opened own-02: still new for sb1.
    expect(byId.get("own-02")?.unread).toBe(true);
    expect(byId.get("team-1")?.doc).toEqual(QUEUED.find((d) => d.id === "team-1"));
  });

  it("marks a possible duplicate when the same original PDF came in another mail, not for parts of one mail", async () => {
    const items = await queries.listQueue("sb1", { assignees: ["sb1"], limit: 50, offset: 0 });
    const duplicate = new Map(items.map((i) => [i.doc.id, i.possibleDuplicate]));
    expect(duplicate.get("again-1")).toBe(true);
    expect(duplicate.get("part-1")).toBe(false);
    expect(duplicate.get("part-2")).toBe(false);
    expect(items.filter((i) => i.possibleDuplicate).map((i) => i.doc.id)).toEqual(["again-1"]);
  });

  it("filters by type, hints and search, and counts what the filter leaves", async () => {
    const antrag = await queries.listQueue("sb1", {
      ...SB1_AND_TEAM,
      docType: "Antrag",
      limit: 50,
      offset: 0,
    });
    expect(antrag.map((i) => i.doc.id)).toEqual(["sub-0", "sub-1", "sub-2", "sub-3", "sub-4"]);
    expect(await queries.countListed({ ...SB1_AND_TEAM, docType: "Antrag" })).toBe(5);
    expect(await queries.countListed({ ...SB1_AND_TEAM, flaggedOnly: true })).toBe(4);
    const found = await queries.listQueue("sb1", {
      ...SB1_AND_TEAM,
      search: "name-own-1",
      limit: 50,
      offset: 0,
    });
    expect(found.map((i) => i.doc.id)).toEqual(["own-10", "own-11"]);
    expect(await queries.countListed({ ...SB1_AND_TEAM, search: "name-own-1" })).toBe(2);
  });
});

describe("counting a caseworker's queues", () => {
  it("counts open and unread documents per queue, the same total an unfiltered list has", async () => {
    const counts = await queries.countQueue("sb1", SB1_AND_TEAM);
    expect(counts.byQueue).toEqual({
      sb1: shown.filter((d) => d.assignee === "sb1").length,
      sb3: 5,
      "team:grusi": 5,
    });
    expect(counts.open).toBe(shown.length);
    expect(counts.unread).toBe(shown.length - 2);
    expect(await queries.countListed(SB1_AND_TEAM)).toBe(counts.open);
  });
});
