/**
 * IMAP → routed against a private Dovecot: arrival → routed latency with IDLE vs 30 s polling (the peers' best),
 * and draining a 2,000-mail backlog next to a bare imapflow FETCH of the same backlog (the cost of doing it safely:
 * capture committed with fsync, then UID MOVE, then the PDF pipeline).
 * IDLE: mails appended one by one, each after the previous one was routed. Polling: the same number of mails
 * appended at random moments spread over several poll intervals (one by one would take count × interval / 2),
 * each measured from its own arrival to its routing — what a terminal sees at a server without IDLE.
 * Env: BENCH_IMAP_LATENCY_COUNT (200), BENCH_IMAP_POLL_COUNT (same as the IDLE count), BENCH_IMAP_POLL_SECONDS
 * (30), BENCH_IMAP_POLL_INTERVALS (10: the window the polling mails arrive in), BENCH_IMAP_BACKLOG (2000).
 */
import { join } from "node:path";
import type { ImapFlow } from "imapflow";
import { silentLogger } from "../../src/log.js";
import { startNodeService } from "../../src/runtime/node-service.js";
import { type Dovecot, startDovecot } from "../../test/helpers/dovecot.js";
import { seedDemoOffice, testConfig } from "../../test/helpers/embedded-service.js";
import { countMessages, scanMailFor } from "../../test/helpers/imap-mail.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { percentile, printTable } from "./bench-report.js";

const LATENCY_COUNT = Number(process.env.BENCH_IMAP_LATENCY_COUNT ?? 200);
const POLL_COUNT = Number(process.env.BENCH_IMAP_POLL_COUNT ?? LATENCY_COUNT);
const POLL_SECONDS = Number(process.env.BENCH_IMAP_POLL_SECONDS ?? 30);
const POLL_INTERVALS = Number(process.env.BENCH_IMAP_POLL_INTERVALS ?? 10);
const BACKLOG = Number(process.env.BENCH_IMAP_BACKLOG ?? 2000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startService(dovecot: Dovecot, env: Record<string, string>) {
  const tmp = makeTempDir("postkorb-imap-bench-");
  const config = await testConfig(join(tmp.path, "data"), {
    POSTKORB_IMAP_URL: dovecot.url(),
    POSTKORB_SMTP_PORT: "0",
    POSTKORB_PROCESS_CONCURRENCY: "4",
    ...env,
  });
  const service = await startNodeService(config, silentLogger);
  await seedDemoOffice(service);
  return {
    service,
    async routedAt(): Promise<Map<string, number>> {
      const docs = await service.core.store.listDocuments({ limit: 1_000_000 });
      const ids = new Map(
        (await service.core.store.listMessages({ limit: 1_000_000 })).map((m) => [m.id, m.messageIdHeader]),
      );
      return new Map(docs.map((d) => [ids.get(d.messageRef) ?? "", Date.parse(d.createdAt)]));
    },
    async stop() {
      await service.stop();
      tmp.remove();
    },
  };
}

/** Appends mails one by one, each after the previous one was routed (IDLE); returns arrival → routed in ms. */
async function measureOneByOne(tag: string, count: number) {
  const dovecot = await startDovecot();
  const feeder = await dovecot.connectClient();
  const run = await startService(dovecot, {});
  await sleep(500);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const raw = await scanMailFor(tag, i);
    await feeder.append("INBOX", raw);
    const arrived = Date.now();
    const id = `<${tag}-${i}@terminal.example>`;
    for (;;) {
      const routed = (await run.routedAt()).get(id);
      if (routed !== undefined) {
        latencies.push(routed - arrived);
        break;
      }
      await sleep(10);
    }
  }
  await run.stop();
  await feeder.logout();
  await dovecot.stop();
  return latencies;
}

/**
 * Polling at a Dovecot without IDLE (as at a peer's server): `count` mails appended at uniformly random moments
 * over `intervals` poll intervals, so each waits for the next poll as a real arrival would; returns each mail's
 * arrival → routed in ms.
 */
async function measureSpread(tag: string, count: number, pollSeconds: number, intervals: number) {
  const dovecot = await startDovecot({ withoutIdle: true });
  const feeder = await dovecot.connectClient();
  const run = await startService(dovecot, { POSTKORB_IMAP_POLL_SECONDS: String(pollSeconds) });
  await sleep(500);
  const windowMs = pollSeconds * intervals * 1000;
  const raws = await Promise.all(Array.from({ length: count }, (_, i) => scanMailFor(tag, i)));
  const offsets = raws.map(() => Math.random() * windowMs).sort((a, b) => a - b);
  const arrived = new Map<string, number>();
  const start = Date.now();
  for (const [i, offset] of offsets.entries()) {
    const wait = start + offset - Date.now();
    if (wait > 0) await sleep(wait);
    await feeder.append("INBOX", raws[i]!);
    arrived.set(`<${tag}-${i}@terminal.example>`, Date.now());
  }
  // The last mail may have just missed a poll: wait up to two more intervals (and a margin for a slow machine).
  const deadline = Date.now() + 2 * pollSeconds * 1000 + 60_000;
  let routed = await run.routedAt();
  while ([...arrived.keys()].some((id) => !routed.has(id))) {
    if (Date.now() > deadline) throw new Error(`polling run: ${routed.size} of ${count} mails routed`);
    await sleep(200);
    routed = await run.routedAt();
  }
  await run.stop();
  await feeder.logout();
  await dovecot.stop();
  return [...arrived].map(([id, at]) => routed.get(id)! - at);
}

async function fillBacklog(feeder: ImapFlow, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await feeder.append("INBOX", await scanMailFor("backlog", i));
}

async function measureBacklog() {
  const dovecot = await startDovecot();
  const feeder = await dovecot.connectClient();
  await fillBacklog(feeder, BACKLOG);
  // Baseline: one bare imapflow FETCH of every body, nothing stored, nothing moved.
  const bare = await dovecot.connectClient();
  await bare.mailboxOpen("INBOX");
  let bytes = 0;
  const bareStart = performance.now();
  for await (const m of bare.fetch("1:*", { uid: true, source: true, internalDate: true }))
    bytes += m.source?.length ?? 0;
  const bareSeconds = (performance.now() - bareStart) / 1000;
  await bare.logout();
  // Postkorb: capture (fsync), UID MOVE, process and route every mail. Timed from the first capture, so the
  // service's start-up is not counted.
  const run = await startService(dovecot, {});
  for (;;) {
    const docs = await run.service.core.store.listDocuments({ limit: 1_000_000 });
    if (docs.length >= BACKLOG && (await countMessages(feeder, "INBOX")) === 0) break;
    await sleep(200);
  }
  const captured = (await run.service.core.store.listMessages({ limit: 1_000_000 })).map((m) =>
    Date.parse(m.capturedAt),
  );
  const routed = [...(await run.routedAt()).values()];
  const first = Math.min(...captured);
  const takenSeconds = (Math.max(...captured) - first) / 1000;
  const routedSeconds = (Math.max(...routed) - first) / 1000;
  const moved = await countMessages(feeder, "Postkorb/Verarbeitet");
  await run.stop();
  await feeder.logout();
  await dovecot.stop();
  if (moved !== BACKLOG || routed.length !== BACKLOG)
    throw new Error(`moved ${moved}, routed ${routed.length}`);
  return {
    bareRate: BACKLOG / bareSeconds,
    takenRate: BACKLOG / takenSeconds,
    routedRate: BACKLOG / routedSeconds,
    mb: bytes / 1e6,
  };
}

const fmt = (l: number[]) => [percentile(l, 50), percentile(l, 95)].map((v) => `${v.toFixed(0)} ms`);
const idle = await measureOneByOne("idle", LATENCY_COUNT);
const poll = await measureSpread("poll", POLL_COUNT, POLL_SECONDS, POLL_INTERVALS);
printTable(
  "IMAP arrival → routed (IDLE: one by one; polling: random arrivals over the window shown)",
  ["run", "mails", "p50", "p95", "ratio p95"],
  [
    [`Postkorb IDLE, one by one`, String(idle.length), ...fmt(idle), ""],
    [
      `Postkorb polling every ${POLL_SECONDS} s, over ${POLL_INTERVALS} intervals`,
      String(poll.length),
      ...fmt(poll),
      `${(percentile(poll, 95) / percentile(idle, 95)).toFixed(0)}× slower than IDLE`,
    ],
  ],
);
const backlog = await measureBacklog();
printTable(
  `IMAP backlog of ${BACKLOG} one-page scans (${backlog.mb.toFixed(0)} MB)`,
  ["run", "mails/s", "ratio"],
  [
    ["bare imapflow FETCH (nothing stored)", backlog.bareRate.toFixed(0), ""],
    [
      "Postkorb taken (captured + UID MOVE)",
      backlog.takenRate.toFixed(0),
      `${(backlog.takenRate / backlog.bareRate).toFixed(2)}× baseline`,
    ],
    [
      "Postkorb routed (incl. PDF pipeline)",
      backlog.routedRate.toFixed(0),
      `${(backlog.routedRate / backlog.bareRate).toFixed(2)}× baseline`,
    ],
  ],
);
