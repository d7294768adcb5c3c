/**
 * Per-document CPU time of the Worker inside workerd: the bundled Worker in Miniflare (local D1 + R2), scan
 * mails handed to the local Email Routing endpoint one at a time, CPU read from /proc for the workerd process.
 * workerd also runs local D1/R2 here (on Cloudflare they run elsewhere), so the figure is an upper bound.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { openD1 } from "../../src/db/open-d1.js";
import { createSqlStore } from "../../src/db/sql-store.js";
import { captureMessage } from "../../src/ingest/capture-message.js";
import { newId } from "../../src/ingest/new-id.js";
import { buildScanMail, canonicalSubject } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { createR2BlobStore, type R2BucketLike } from "../../src/storage/r2-blob-store.js";
import { buildDemoOffice } from "../demo/demo-office.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TICKS_PER_SECOND = 100;

export interface CpuFigure {
  /** email: through the local Email Routing endpoint (≤ 1 MiB there); cron: captured, then the cron run processes it. */
  path: "email" | "cron";
  pages: number;
  mails: number;
  mailBytes: number;
  cpuMsPerDoc: number;
  wallMsPerDoc: number;
}

function bundleWorker(outdir: string): string {
  const r = spawnSync(`${root}node_modules/.bin/wrangler`, ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`wrangler bundle failed:\n${r.stderr}`);
  return join(outdir, "worker.js");
}

/**
 * The bundle's modules as wrangler uploads them: the Worker (ES module), zxing as CompiledWasm, the inbox's CSS
 * and JS as Text. Listed explicitly: Miniflare refuses to follow the splitter's variable dynamic import itself.
 */
function bundledModules(dir: string) {
  return readdirSync(dir)
    .filter((f) => !f.endsWith(".map") && f !== "README.md")
    .map((f) => ({
      type:
        f === "worker.js"
          ? ("ESModule" as const)
          : f.endsWith(".wasm")
            ? ("CompiledWasm" as const)
            : ("Text" as const),
      path: join(dir, f),
      contents: f.endsWith(".wasm") ? readFileSync(join(dir, f)) : readFileSync(join(dir, f), "utf8"),
    }))
    .sort((a, b) => Number(b.type === "ESModule") - Number(a.type === "ESModule"));
}

/** drizzle-kit's SQL files in order, split at its statement breakpoints (what wrangler applies to D1). */
function readDrizzleMigrations(): string[] {
  const dir = join(root, "drizzle");
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("--> statement-breakpoint"))
    .map((q) => q.trim())
    .filter(Boolean);
}

function workerdCpuTicks(): number {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (name === "workerd" && Number(fields[1]) === process.pid)
      return Number(fields[11]) + Number(fields[12]);
  }
  throw new Error("workerd process not found");
}

async function startWorker(scriptPath: string) {
  const mf = new Miniflare({
    modules: bundledModules(dirname(scriptPath)),
    modulesRoot: dirname(scriptPath),
    compatibilityDate: "2026-04-20",
    compatibilityFlags: ["nodejs_compat"],
    d1Databases: { DB: "postkorb-bench" },
    r2Buckets: ["BLOBS"],
    bindings: { POSTKORB_SECRET: "bench-secret-bench-secret-bench-secret-01" },
    unsafeTriggerHandlers: true,
    // The Worker logs one line per message; keep its errors, drop the rest.
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.resume();
      stderr.pipe(process.stderr);
    },
    host: "127.0.0.1",
    port: 0,
  });
  const url = await mf.ready;
  const d1 = await mf.getD1Database("DB");
  for (const query of readDrizzleMigrations()) await d1.prepare(query).run();
  const seed = parseOfficeSeed(await buildDemoOffice(new Date()));
  if (!seed.ok) throw new Error(seed.reason);
  await applyOfficeSeed(openD1(d1), seed.seed, "bench", new Date());
  const bucket = (await mf.getR2Bucket("BLOBS")) as unknown as R2BucketLike;
  return { mf, url, d1, bucket };
}

type Worker = Awaited<ReturnType<typeof startWorker>>;

async function scanMails(pages: number, mails: number): Promise<Uint8Array[]> {
  const pdf = await makeScanPdf({ pages, seed: pages });
  return Promise.all(
    Array.from({ length: mails }, (_, i) =>
      buildScanMail({
        subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
        messageId: `<cpu-${pages}-${i}-${Date.now()}@terminal.example>`,
        attachments: [{ filename: "scan.pdf", content: pdf }],
      }),
    ),
  );
}

/** Local Email Routing endpoint: capture + processing in the Worker, as in production. */
async function deliverByEmail(w: Worker, raw: Uint8Array): Promise<void> {
  const url = new URL("/cdn-cgi/handler/email?from=scan@terminal.example&to=postkorb@amt.example", w.url);
  const res = await fetch(url, { method: "POST", body: Buffer.from(raw) });
  if (!res.ok) throw new Error(`email handler: ${res.status} ${await res.text()}`);
}

/** Captured from Node into D1/R2 as if 5 minutes ago, so the next cron run takes it up. */
async function captureAsIfEarlier(w: Worker, raw: Uint8Array): Promise<void> {
  const past = new Date(Date.now() - 5 * 60_000);
  const clock = { now: () => past };
  const store = createSqlStore(openD1(w.d1), clock.now);
  await captureMessage(
    { store, blobs: createR2BlobStore(w.bucket), clock, newId: () => newId(past.getTime()) },
    { raw, source: "email-routing", receivedAt: past },
  );
}

async function triggerCron(w: Worker): Promise<void> {
  const res = await fetch(new URL("/cdn-cgi/handler/scheduled?cron=*/5+*+*+*+*", w.url));
  if (!res.ok) throw new Error(`scheduled handler: ${res.status}`);
}

/** workerd CPU per ms spent just polling D1 for completion (subtracted from the figures). */
async function pollingCpuPerMs(w: Worker): Promise<number> {
  const ticks0 = workerdCpuTicks();
  const t0 = performance.now();
  while (performance.now() - t0 < 3000) {
    await w.d1.prepare("select count(*) as n from messages where status <> 'pending'").first();
    await new Promise((r) => setTimeout(r, 20));
  }
  return ((workerdCpuTicks() - ticks0) * 1000) / TICKS_PER_SECOND / (performance.now() - t0);
}

async function measure(
  w: Worker,
  path: CpuFigure["path"],
  pages: number,
  mails: number,
  pollingCost = 0,
): Promise<CpuFigure> {
  const raws = await scanMails(pages, mails);
  const settled = async () =>
    (await w.d1
      .prepare("select count(*) as n from messages where status <> 'pending'")
      .first<{ n: number }>())!.n;
  let target = await settled();
  let ticks = 0;
  let wallMs = 0;
  for (const raw of raws) {
    // The cron path's capture (from Node, through workerd's local D1/R2) stays outside the measurement.
    if (path === "cron") await captureAsIfEarlier(w, raw);
    const ticks0 = workerdCpuTicks();
    const t0 = performance.now();
    await (path === "cron" ? triggerCron(w) : deliverByEmail(w, raw));
    target++;
    while ((await settled()) < target) await new Promise((r) => setTimeout(r, 20));
    ticks += workerdCpuTicks() - ticks0;
    wallMs += performance.now() - t0;
  }
  return {
    path,
    pages,
    mails,
    mailBytes: raws[0]!.length,
    cpuMsPerDoc: Math.max(0, (ticks * 1000) / TICKS_PER_SECOND - pollingCost * wallMs) / mails,
    wallMsPerDoc: wallMs / mails,
  };
}

export async function measureWorkerdCpu(): Promise<CpuFigure[]> {
  const outdir = mkdtempSync(join(tmpdir(), "postkorb-worker-bundle-"));
  const w = await startWorker(bundleWorker(outdir));
  try {
    await measure(w, "email", 1, 3); // warm-up: isolate start, JIT
    const polling = await pollingCpuPerMs(w);
    return [
      await measure(w, "email", 1, 20, polling),
      await measure(w, "cron", 1, 20, polling),
      await measure(w, "cron", 20, 5, polling),
    ];
  } finally {
    await w.mf.dispose();
    rmSync(outdir, { recursive: true, force: true });
  }
}
