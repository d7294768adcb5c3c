/**
 * Supervisor bench: 50,000 documents across three teams (open and done, personal queues, team queues,
 * triage). Server time per Teamleitung overview page (in-process app.fetch, no socket) at p50/p95, next to
 * the same query as JSON (/team/uebersicht.json) in the same run as baseline, plus the bulk-reassign list.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { toDocumentRow, toMessageRow } from "../../src/db/row-mapping.js";
import { documents, messages } from "../../src/db/schema.js";
import type { DocumentRecord } from "../../src/ingest/ports.js";
import type { Processor } from "../../src/ingest/processor.js";
import { openEmbeddedCore } from "../../src/runtime/embedded-core.js";
import { createIngressHealth } from "../../src/runtime/ingress-health.js";
import { createWebDeps } from "../../src/runtime/web-deps.js";
import { createApp } from "../../src/web/app.js";
import { buildDemoOffice, DEMO_PASSWORD } from "../demo/demo-office.js";
import { percentile, printTable } from "./bench-report.js";

const DOCUMENTS = 50_000;
const RUNS = 200;
const QUEUES = [
  "sb1",
  "sb2",
  "sb3",
  "sb4",
  "sb5",
  "sb6",
  "sb7",
  "sb8",
  "team:grusi",
  "team:wohnen",
  "triage",
];
const TEAM_OF: Record<string, string | null> = {
  sb1: "grusi",
  sb2: "grusi",
  sb3: "grusi",
  sb4: "wohnen",
  sb5: "wohnen",
  sb6: "wohnen",
  sb7: "teilhabe",
  sb8: "teilhabe",
};

function fakeDocument(i: number, messageRef: string, t0: number): DocumentRecord {
  const at = new Date(t0 + i * 30_000).toISOString();
  const queue = QUEUES[i % QUEUES.length]!;
  const assignee = queue.startsWith("sb") ? queue : null;
  const teamId = assignee ? (TEAM_OF[assignee] ?? null) : queue.startsWith("team:") ? queue.slice(5) : null;
  const done = i % 5 !== 0; // 20 % open: a realistic backlog of 10,000
  return {
    id: `bench-${String(i).padStart(6, "0")}`,
    messageRef,
    partKey: `0.${i}`,
    filename: null,
    pageCount: 1,
    pages: [0],
    blobKey: "0".repeat(64),
    originalBlobKey: "0".repeat(64),
    sha256: `${i}`.padStart(64, "a"),
    originalSha256: `${i}`.padStart(64, "b"),
    caseRef: `50-${1000 + (i % 900)}/2026`,
    customerNo: null,
    surname: `Name${i % 500}`,
    docType: "Kontoauszug",
    metadataSource: "subject",
    flags: [],
    queue,
    assignee,
    teamId,
    status: done ? "done" : "open",
    routeRule: "register-case",
    routeReason: "Bench.",
    routeReasonEn: "Bench.",
    routeChain: [],
    receivedAt: at,
    createdAt: at,
    updatedAt: at,
    doneAt: done ? at : null,
  };
}

async function seed(core: ReturnType<typeof openEmbeddedCore>): Promise<void> {
  const parsed = parseOfficeSeed(await buildDemoOffice(new Date()));
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(core.database, parsed.seed, "bench", new Date());
  const t0 = Date.now() - DOCUMENTS * 30_000;
  const at = new Date(t0).toISOString();
  const message = {
    id: "bench-message",
    source: "eml",
    sourceKey: "bench:1",
    messageIdHeader: null,
    sha256: "c".repeat(64),
    size: 1,
    subject: "Bench",
    sender: null,
    receivedAt: at,
    receivedChain: null,
    capturedAt: at,
    blobKey: "c".repeat(64),
    status: "processed" as const,
    reason: null,
    attempts: 1,
    processedAt: at,
  };
  const rows = Array.from({ length: DOCUMENTS }, (_, i) => toDocumentRow(fakeDocument(i, message.id, t0)));
  const parts: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += 500) parts.push(rows.slice(i, i + 500));
  await core.database.atomic([
    core.database.db.insert(messages).values(toMessageRow(message)),
    ...parts.map((part) => core.database.db.insert(documents).values(part)),
  ]);
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

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function loginCookie(fetch: (r: Request) => Promise<Response>, login: string): Promise<string> {
  const page = await fetch(new Request("http://bench/anmelden"));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(
    new Request("http://bench/anmelden", {
      method: "POST",
      headers: { Cookie: cookiesOf(page), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, login, password: DEMO_PASSWORD }),
    }),
  );
  return cookiesOf(res);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "postkorb-supervisor-bench-"));
  const core = openEmbeddedCore(loadConfig({ POSTKORB_DATA_DIR: dataDir, POSTKORB_LOG_LEVEL: "silent" }));
  try {
    await seed(core);
    const processor = { backlog: 0 } as Processor;
    const app = createApp(createWebDeps(core, { processor, health: createIngressHealth() }));
    const fetch = async (r: Request) => app.fetch(r);
    const rows: string[][] = [];
    for (const login of ["tl1", "admin"]) {
      const cookie = await loginCookie(fetch, login);
      const get = (path: string) => () => new Request(`http://bench${path}`, { headers: { Cookie: cookie } });
      const json = await timeRequests(fetch, get("/team/uebersicht.json"));
      const page = await timeRequests(fetch, get("/team"));
      const list = await timeRequests(fetch, get("/team/dokumente"));
      const ms = (v: number) => v.toFixed(1);
      rows.push([`${login} JSON /team/uebersicht.json (baseline)`, ms(json.p50), ms(json.p95), "1.00"]);
      rows.push([`${login} page /team`, ms(page.p50), ms(page.p95), (page.p95 / json.p95).toFixed(2)]);
      rows.push([
        `${login} page /team/dokumente (200 rows)`,
        ms(list.p50),
        ms(list.p95),
        (list.p95 / json.p95).toFixed(2),
      ]);
    }
    printTable(
      `Teamleitung over ${DOCUMENTS.toLocaleString("de-DE")} documents (${RUNS} requests each, goal p95 < 50 ms)`,
      ["request", "p50 ms", "p95 ms", "p95 ÷ baseline"],
      rows,
    );
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
