/**
 * Runtimes: SMTP → routed throughput of the same service on Node and on Bun (same run, same mails, ratio
 * Bun/Node), and the CPU time one document costs inside workerd for a 1-page and a 20-page scan (the Workers
 * CPU limit per invocation is what matters there: 30 s by default on the paid plan, 10 ms on the free plan).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { printTable } from "./bench-report.js";
import { measureWorkerdCpu } from "./workerd-cpu.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const COUNT = Number(process.env.BENCH_RUNTIME_COUNT ?? 200);

interface Throughput {
  runtime: string;
  count: number;
  documents: number;
  acceptedMs: number;
  routedMs: number;
}

function runThroughput(runtime: "node" | "bun"): Throughput {
  const script = "scripts/bench/runtime-throughput.ts";
  const [cmd, args] =
    runtime === "bun"
      ? [`${root}node_modules/.bin/bun`, ["run", script, "bun", String(COUNT)]]
      : [process.execPath, ["--import", "tsx", script, "node", String(COUNT)]];
  const stdout = execFileSync(cmd, args, { cwd: root, encoding: "utf8", timeout: 600_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Throughput;
}

const results = [runThroughput("node"), runThroughput("bun")];
for (const r of results)
  if (r.documents !== r.count) throw new Error(`${r.runtime}: ${r.documents}/${r.count} routed`);
const perSecond = (r: Throughput) => (r.count / r.routedMs) * 1000;
printTable(
  `SMTP → routed, ${COUNT} one-page scans, 4 SMTP connections, client in the same process`,
  ["runtime", "accepted (s)", "all routed (s)", "mails/s", "ratio vs Node"],
  results.map((r) => [
    r.runtime,
    (r.acceptedMs / 1000).toFixed(2),
    (r.routedMs / 1000).toFixed(2),
    perSecond(r).toFixed(1),
    (perSecond(r) / perSecond(results[0]!)).toFixed(2),
  ]),
);

const cpu = await measureWorkerdCpu();
printTable(
  "Workers: CPU per document inside workerd (local D1/R2 included, polling subtracted; /proc, 10 ms ticks)",
  ["path", "pages", "mails", "mail size (KB)", "CPU ms/doc", "wall ms/doc"],
  cpu.map((c) => [
    c.path,
    String(c.pages),
    String(c.mails),
    (c.mailBytes / 1024).toFixed(0),
    c.cpuMsPerDoc.toFixed(0),
    c.wallMsPerDoc.toFixed(0),
  ]),
);
