import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { buildScanMail, canonicalSubject } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import type { HealthReport } from "../../../src/web/app-deps.js";
import { killHard, runCli, waitUntil } from "../../helpers/child-service.js";
import { freePort } from "../../helpers/free-port.js";
import { sendRaw } from "../../helpers/send-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

// Every CLI run starts tsx in a child: seconds each on a busy 2-core machine, hence the generous timeouts.
const CLI = fileURLToPath(new URL("../../../scripts/postkorb.mjs", import.meta.url));
const tmp = makeTempDir();
let env: Record<string, string>;
let httpPort: number;
let child: ChildProcess;
let serviceLog = "";

async function health(): Promise<HealthReport | null> {
  try {
    return (await (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).json()) as HealthReport;
  } catch {
    return null;
  }
}

beforeAll(async () => {
  httpPort = await freePort();
  const smtpPort = await freePort();
  env = {
    POSTKORB_DATA_DIR: join(tmp.path, "data"),
    HOST: "127.0.0.1",
    PORT: String(httpPort),
    POSTKORB_SMTP_PORT: String(smtpPort),
    POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
    // A second source that cannot connect: nothing listens there, so it reports its error.
    POSTKORB_IMAP_URL: `imap://scan:geheim@127.0.0.1:${await freePort()}/INBOX`,
  };
  const noLogLevel = { ...process.env, ...env };
  delete noLogLevel.POSTKORB_LOG_LEVEL;
  child = spawn(process.execPath, [CLI, "serve"], { env: noLogLevel, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (chunk: Buffer) => {
    serviceLog += chunk.toString("utf8");
  });
  await waitUntil(async () => (await health()) !== null, 60_000, "the service's /healthz");
  // One routed scan and one mail without PDF (quarantined), through the real SMTP ingress.
  const scan = await buildScanMail({
    subject: canonicalSubject({ caseRef: "50-1234/2026", docType: "Kontoauszug" }),
    messageId: "<status-1@terminal.example>",
    attachments: [{ filename: "scan.pdf", content: await makeScanPdf({ pages: 1, seed: 1 }) }],
  });
  const noPdf = await buildScanMail({
    subject: "Scan ohne Anlage",
    messageId: "<status-2@terminal.example>",
    attachments: [],
  });
  expect(await sendRaw(smtpPort, scan)).toMatch(/^250/);
  expect(await sendRaw(smtpPort, noPdf)).toMatch(/^250/);
  await waitUntil(
    async () => {
      const report = await health();
      const imap = report?.sources.find((s) => s.kind === "imap");
      return report?.processingBacklog === 0 && imap?.lastError != null;
    },
    60_000,
    "both mails processed and the IMAP source's first error",
  );
}, 120_000);

afterAll(async () => {
  if (child) await killHard(child);
  tmp.remove();
});

interface StatusJson {
  service: { reachable: boolean; url: string; error?: string } & Partial<HealthReport>;
  backlog: { pending: number; quarantined: number; processed: number; oldestPendingAt: string | null };
}

describe("postkorb status", () => {
  it("logs at info level under `serve` without POSTKORB_LOG_LEVEL (the documented default)", () => {
    expect(serviceLog).toMatch(/"level":30,.*"msg":"postkorb started"/);
  });

  it("prints each mail source's state, last mail and last error as a table, and the backlog", () => {
    const result = runCli(["status"], env);
    const out = result.stdout;
    expect(out).toContain(`Dienst http://127.0.0.1:${httpPort}:`);
    expect(out).toMatch(/Quelle\s+Art\s+Zustand\s+Letzte Mail\s+Rückstand\s+Letzter Fehler/);
    const smtp = out.split("\n").find((l) => l.startsWith("smtp "));
    expect(smtp).toMatch(/^smtp\s+smtp\s+listening\s+\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\s+-\s+-$/);
    const imap = out.split("\n").find((l) => l.startsWith("imap:"));
    expect(imap).toMatch(/^imap:\S+\s+imap\s+(reconnecting|down)\s+-\s+-\s+\S.*ECONNREFUSED/);
    expect(imap).not.toContain("geheim");
    expect(out).toContain("0 offen, 1 in Quarantäne, 1 verarbeitet");
    // The unreachable IMAP box makes the service report itself unhealthy only once it counts as down.
    expect([0, 1]).toContain(result.status);
  }, 60_000);

  it("prints the same as one JSON object with --json", () => {
    const result = runCli(["status", "--json"], env);
    const status = JSON.parse(result.stdout) as StatusJson;
    expect(status.service).toMatchObject({ reachable: true, database: "ok", processingBacklog: 0 });
    expect(status.service.sources?.map((s) => s.kind).sort()).toEqual(["imap", "smtp"]);
    const smtp = status.service.sources?.find((s) => s.kind === "smtp");
    expect(smtp).toMatchObject({ name: "smtp", state: "listening", lastError: null });
    expect(smtp?.lastMailAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(status.backlog).toMatchObject({ pending: 0, quarantined: 1, processed: 1, oldestPendingAt: null });
  }, 60_000);

  it("says clearly when the service is not reachable and still shows the backlog from the data dir", async () => {
    // GIVEN the service has stopped, and one mail was captured but not processed
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    const core = openEmbeddedCore(loadConfig(env));
    try {
      const raw = await buildScanMail({
        subject: "Scan Name: Weiß",
        messageId: "<status-3@terminal.example>",
        attachments: [],
      });
      await core.capture({ raw, source: "eml", receivedAt: new Date() });
    } finally {
      core.close();
    }
    // WHEN the status is asked for THEN it names the address, exits 3, and shows the pending mail
    const result = runCli(["status"], env);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain(`Dienst NICHT ERREICHBAR unter http://127.0.0.1:${httpPort}`);
    expect(result.stdout).toContain("Verbindung abgelehnt");
    expect(result.stdout).toMatch(
      /1 offen, 1 in Quarantäne, 1 verarbeitet, älteste offene erfasst \d{2}\.\d{2}\./,
    );

    const json = runCli(["status", "--json", "--url", `http://127.0.0.1:${httpPort}/`], env);
    expect(json.status).toBe(3);
    const status = JSON.parse(json.stdout) as StatusJson;
    expect(status.service).toMatchObject({ reachable: false, url: `http://127.0.0.1:${httpPort}` });
    expect(status.backlog).toMatchObject({ pending: 1, quarantined: 1, processed: 1 });
  }, 90_000);
});
