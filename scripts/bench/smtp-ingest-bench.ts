/**
 * SMTP ingress → routed, 1,000 one-page scans at concurrency 1 and 8, next to a bare smtp-server that discards
 * the same mails (baseline, same client). The client is a child process (smtp-bench-client.ts), as the scan
 * terminal is a machine of its own; it sets TCP_NODELAY (see ../shared/recipes/smtp-benchmarking.md).
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";
import { silentLogger } from "../../src/log.js";
import { startNodeService } from "../../src/runtime/node-service.js";
import { seedDemoOffice, testConfig } from "../../test/helpers/embedded-service.js";
import { freePort } from "../../test/helpers/free-port.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { percentile, printTable } from "./bench-report.js";
import type { ClientReport } from "./smtp-bench-client.js";

const COUNT = Number(process.env.BENCH_SMTP_COUNT ?? 1000);
/** e.g. BENCH_SMTP_CONCURRENCY=8 to run (and profile) one of the two only. */
const CONCURRENCIES = (process.env.BENCH_SMTP_CONCURRENCY ?? "1,8").split(",").map(Number);
const CLIENT = fileURLToPath(new URL("./smtp-bench-client.ts", import.meta.url));

/**
 * Data dirs are removed when the bench ends, not after each run: this machine's ext4 has no journal, and there
 * a new inode is found by skipping every inode freed in the last 5–10 minutes (ext4's recently_deleted). The
 * c=1 run's thousands of files, deleted before the c=8 run, made each of its blob creates scan past them
 * (~1.4 ms a mail in openat, measured with perf). An office's data dir sees no such mass deletion.
 */
const dataDirs: { remove(): void }[] = [];
process.on("exit", () => {
  for (const dir of dataDirs) dir.remove();
});

interface Run {
  sentAt: Map<string, number>;
  acked: Map<string, number>;
  seconds: number;
  clientCpuMs: number;
}

/** The terminal in a child process: it builds its mails first, then sends when told to. */
async function startClient(port: number, concurrency: number, tag: string): Promise<() => Promise<Run>> {
  const child = fork(CLIENT, [String(port), String(concurrency), String(COUNT), tag], {
    execArgv: ["--import", "tsx"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`bench client exited with ${code}`)));
  });
  return () =>
    new Promise<Run>((resolve, reject) => {
      child.once("message", (report: ClientReport) =>
        resolve({
          sentAt: new Map(report.sent.map(([id, at]) => [id, at])),
          acked: new Map(report.sent.map(([id, , at]) => [id, at])),
          seconds: report.seconds,
          clientCpuMs: report.cpuMs,
        }),
      );
      child.once("exit", (code) => code && reject(new Error(`bench client exited with ${code}`)));
      child.send("go");
    });
}

async function baseline(concurrency: number, tag: string) {
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _s, cb) {
      stream.on("data", () => {});
      stream.on("end", () => cb());
    },
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  const send = await startClient(port, concurrency, tag);
  const cpuAtStart = process.cpuUsage();
  const run = await send();
  const serverCpuMs = cpuMsSince(cpuAtStart);
  await new Promise<void>((r) => server.close(() => r()));
  const latencies = [...run.sentAt].map(([id, at]) => run.acked.get(id)! - at);
  return { rate: COUNT / run.seconds, latencies, serverCpuMs, clientCpuMs: run.clientCpuMs };
}

async function postkorb(concurrency: number, tag: string) {
  const tmp = makeTempDir("postkorb-bench-");
  dataDirs.push(tmp);
  const config = await testConfig(join(tmp.path, "data"), { POSTKORB_PROCESS_CONCURRENCY: "4" });
  const service = await startNodeService(config, silentLogger);
  await seedDemoOffice(service);
  const send = await startClient(service.smtpPort!, concurrency, tag);
  const start = Date.now();
  const cpuAtStart = process.cpuUsage();
  const loopAtStart = performance.eventLoopUtilization();
  const schedAtStart = mainThreadSchedule();
  const run = await send();
  await service.processor.idle();
  const serverCpuMs = cpuMsSince(cpuAtStart);
  const loopBusy = performance.eventLoopUtilization(loopAtStart).utilization;
  const sched = schedAtStart && mainThreadSchedule();
  const perMail = (key: "onCpuMs" | "waitingMs") =>
    sched && schedAtStart ? (sched[key] - schedAtStart[key]) / COUNT : null;
  const docs = await service.core.store.listDocuments({ limit: 1_000_000 });
  const messages = new Map(
    (await service.core.store.listMessages({ limit: 1_000_000 })).map((m) => [m.id, m.messageIdHeader]),
  );
  const routedAt = new Map(docs.map((d) => [messages.get(d.messageRef)!, Date.parse(d.createdAt)]));
  const end = Math.max(...routedAt.values());
  const latencies = [...run.sentAt].map(([id, at]) => routedAt.get(id)! - at);
  const wrong = docs.filter((d) => d.assignee !== "sb1").length;
  await service.stop();
  if (docs.length !== COUNT || wrong)
    throw new Error(`expected ${COUNT} docs for sb1, got ${docs.length} (${wrong} elsewhere)`);
  const mainThread = { loopBusy, onCpuMs: perMail("onCpuMs"), waitingMs: perMail("waitingMs") };
  return {
    rate: COUNT / ((end - start) / 1000),
    latencies,
    serverCpuMs,
    clientCpuMs: run.clientCpuMs,
    mainThread,
  };
}

/**
 * The event loop's thread as the Linux scheduler saw it: time on a core, and time runnable but waiting for one
 * (the two cores are shared with the QR workers, libvips, the thread pool, V8's helpers and the client).
 */
function mainThreadSchedule(): { onCpuMs: number; waitingMs: number } | null {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ");
    return { onCpuMs: Number(onCpu) / 1e6, waitingMs: Number(waiting) / 1e6 };
  } catch {
    return null;
  }
}

/** CPU of this process (every thread) since `start`, in ms. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** CPU a mail, server (this process, all threads) and client: both share this machine's two cores. */
const cpuPerMail = (r: { serverCpuMs: number; clientCpuMs: number }) =>
  `${(r.serverCpuMs / COUNT).toFixed(1)} + ${(r.clientCpuMs / COUNT).toFixed(1)} ms`;

const rows: string[][] = [];
const loopRows: string[][] = [];
for (const concurrency of CONCURRENCIES) {
  const base = await baseline(concurrency, `base-c${concurrency}`);
  const pk = await postkorb(concurrency, `c${concurrency}`);
  const fmt = (l: number[]) =>
    [percentile(l, 50), percentile(l, 95), percentile(l, 99)].map((v) => `${v.toFixed(0)} ms`);
  rows.push([
    `bare smtp-server (discard), c=${concurrency}`,
    base.rate.toFixed(0),
    ...fmt(base.latencies),
    cpuPerMail(base),
    "",
  ]);
  rows.push([
    `Postkorb SMTP → routed, c=${concurrency}`,
    pk.rate.toFixed(0),
    ...fmt(pk.latencies),
    cpuPerMail(pk),
    `${(pk.rate / base.rate).toFixed(2)}× baseline`,
  ]);
  const { loopBusy, onCpuMs, waitingMs } = pk.mainThread;
  loopRows.push([
    `c=${concurrency}`,
    `${(loopBusy * 100).toFixed(0)} %`,
    onCpuMs === null ? "n/a" : `${onCpuMs.toFixed(1)} ms`,
    waitingMs === null ? "n/a" : `${waitingMs.toFixed(1)} ms`,
  ]);
}
printTable(
  `SMTP ingress → routed, ${COUNT} one-page scans`,
  ["run", "mails/s", "p50", "p95", "p99", "CPU a mail (server + client)", "ratio"],
  rows,
);
printTable(
  "Postkorb's event loop (main thread) during those runs",
  ["run", "busy", "on a core, a mail", "waiting for a core, a mail"],
  loopRows,
);
