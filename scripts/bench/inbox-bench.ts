/**
 * Inbox bench: a caseworker queue of 10,000 open documents. Server time per "Mein Postkorb" page (in-process
 * app.fetch, no socket) at p50/p95, next to the same query through the JSON API in the same run as baseline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { toDocumentRow, toMessageRow } from "../../src/db/row-mapping.js";
import { documents, messages } from "../../src/db/schema.js";
import type { DocumentRecord, NewEvent } from "../../src/ingest/ports.js";
import type { Processor } from "../../src/ingest/processor.js";
import { openEmbeddedCore } from "../../src/runtime/embedded-core.js";
import { createIngressHealth } from "../../src/runtime/ingress-health.js";
import { createWebDeps } from "../../src/runtime/web-deps.js";
import { createApp } from "../../src/web/app.js";
import { generateToken, hashToken } from "../../src/web/token-hash.js";
import { buildDemoOffice, DEMO_PASSWORD } from "../demo/demo-office.js";
import { percentile, printTable } from "./bench-report.js";

const QUEUE_SIZE = 10_000;
const RUNS = 200;
const DOC_TYPES = ["Kontoauszug", "Mietbescheinigung", "Lohnabrechnung", "Antrag", "Nachweis"];

function fakeDocument(i: number, messageRef: string, t0: number): DocumentRecord {
  const at = new Date(t0 + i * 60_000).toISOString();
  return {
    id: `bench-${String(i).padStart(6, "0")}`,
    messageRef,
    partKey: `0.${i}`,
    filename: `scan-${i}.pdf`,
    pageCount: 1 + (i % 4),
    pages: [0],
    blobKey: "0".repeat(64),
    originalBlobKey: "0".repeat(64),
    sha256: `${i}`.padStart(64, "a"),
    originalSha256: `${i}`.padStart(64, "b"),
    caseRef: `50-${1000 + (i % 900)}/2026`,
    customerNo: String(100000 + i),
    surname: `Name${i % 500}`,
    docType: DOC_TYPES[i % DOC_TYPES.length]!,
    metadataSource: "subject",
    flags: i % 50 === 0 ? ["page-count-mismatch"] : [],
    queue: "sb1",
    assignee: "sb1",
    teamId: "grusi",
    status: "open",
    routeRule: "register-case",
    routeReason: "Aktenzeichen laut Aktenregister bei sb1.",
    routeReasonEn: "Case register.",
    routeChain: [],
    receivedAt: at,
    createdAt: at,
    updatedAt: at,
    doneAt: null,
  };
}

async function seed(core: ReturnType<typeof openEmbeddedCore>): Promise<void> {
  const parsed = parseOfficeSeed(await buildDemoOffice(new Date()));
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(core.database, parsed.seed, "bench", new Date());
  const t0 = Date.now() - QUEUE_SIZE * 60_000;
  const message = {
    id: "bench-message",
    source: "eml",
    sourceKey: "bench:1",
    messageIdHeader: null,
    sha256: "c".repeat(64),
    size: 1,
    subject: "Bench",
    sender: null,
    receivedAt: new Date(t0).toISOString(),
    receivedChain: null,
    capturedAt: new Date(t0).toISOString(),
    blobKey: "c".repeat(64),
    status: "processed" as const,
    reason: null,
    attempts: 1,
    processedAt: new Date(t0).toISOString(),
  };
  const rows = Array.from({ length: QUEUE_SIZE }, (_, i) => toDocumentRow(fakeDocument(i, message.id, t0)));
  await core.database.atomic([
    core.database.db.insert(messages).values(toMessageRow(message)),
    ...chunk(rows, 500).map((part) => core.database.db.insert(documents).values(part)),
  ]);
  // Half the queue has been opened once: the unread count has real work to do.
  const viewed: NewEvent[] = rows
    .filter((_, i) => i % 2 === 0)
    .map((r) => ({
      actor: "sb1",
      action: "document.viewed",
      subjectType: "document",
      subjectId: r.id,
      data: {},
    }));
  for (const part of chunk(viewed, 1000)) await core.store.appendEvents(part);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function timeRequests(fetch: (r: Request) => Promise<Response>, makeRequest: () => Request) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const start = performance.now();
    const res = await fetch(makeRequest());
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    if (i >= 10) times.push(performance.now() - start);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function loginCookie(fetch: (r: Request) => Promise<Response>): Promise<string> {
  const page = await fetch(new Request("http://bench/anmelden"));
  const loginCsrf = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(
    new Request("http://bench/anmelden", {
      method: "POST",
      headers: { Cookie: loginCsrf, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, login: "sb1", password: DEMO_PASSWORD }),
    }),
  );
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "postkorb-inbox-bench-"));
  const core = openEmbeddedCore(loadConfig({ POSTKORB_DATA_DIR: dataDir, POSTKORB_LOG_LEVEL: "silent" }));
  try {
    await seed(core);
    const processor = { backlog: 0 } as Processor;
    const app = createApp(createWebDeps(core, { processor, health: createIngressHealth() }));
    const fetch = async (r: Request) => app.fetch(r);
    const token = generateToken();
    await core.users.addApiToken({
      id: "bench-token",
      login: "sb1",
      tokenHash: hashToken(token),
      label: "bench",
    });
    const cookie = await loginCookie(fetch);
    const page = (path: string) => () => new Request(`http://bench${path}`, { headers: { Cookie: cookie } });
    const api = (path: string) => () =>
      new Request(`http://bench${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const cases: [string, () => Request][] = [
      [
        "API /api/v1/documents?assignee=sb1&status=open&limit=50 (baseline)",
        api("/api/v1/documents?assignee=sb1&status=open&limit=50"),
      ],
      ["Seite /postkorb (Seite 1)", page("/postkorb")],
      ["Seite /postkorb?seite=150", page("/postkorb?seite=150")],
      ["Seite /postkorb?art=Antrag&q=Name1", page("/postkorb?art=Antrag&q=Name1")],
      [
        "API /api/v1/documents?…&offset=7450 (baseline, page 150)",
        api("/api/v1/documents?assignee=sb1&status=open&limit=50&offset=7450"),
      ],
    ];
    const results: string[][] = [];
    let baseline = 0;
    for (const [name, make] of cases) {
      const r = await timeRequests(fetch, make);
      if (baseline === 0) baseline = r.p95;
      results.push([
        name,
        r.p50.toFixed(1),
        r.p95.toFixed(1),
        (r.p95 / baseline).toFixed(2),
        r.p95 < 50 ? "ja" : "NEIN",
      ]);
    }
    printTable(
      `Inbox: caseworker queue of ${QUEUE_SIZE} open documents, ${RUNS} requests each (ms, in-process)`,
      ["request", "p50", "p95", "p95 ÷ API", "p95 < 50 ms"],
      results,
    );
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
