/** E2E harness: the real service on loopback with the demo office, scans fed through the pipeline, Chromium. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { buildDemoOffice, DEMO_PASSWORD } from "../../scripts/demo/demo-office.js";
import { loadConfig } from "../../src/config.js";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import type { DocumentRecord } from "../../src/ingest/ports.js";
import { silentLogger } from "../../src/log.js";
import { buildScanMail } from "../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../src/pdf/sample-scan.js";
import { type NodeService, startNodeService } from "../../src/runtime/node-service.js";
import { sendRaw } from "../helpers/send-mail.js";

export { DEMO_PASSWORD };

export const SCREENSHOT_DIR = join(process.cwd(), "test-artifacts", "screenshots");

export interface DemoServer {
  service: NodeService;
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the service (HTTP on a free port, SMTP ingress off) on a temp data dir with the demo office seeded. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "postkorb-e2e-"));
  const config = loadConfig({
    POSTKORB_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    POSTKORB_SMTP_PORT: "0",
    POSTKORB_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456",
    POSTKORB_LOG_LEVEL: "silent",
    ...env,
  });
  const service = await startNodeService(config, silentLogger);
  const parsed = parseOfficeSeed(await buildDemoOffice(new Date()));
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(service.core.database, parsed.seed, "e2e", new Date());
  return {
    service,
    baseUrl: `http://127.0.0.1:${service.httpPort}`,
    dataDir,
    async stop() {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ScanInput {
  subject: string;
  pages?: number;
  filename?: string;
  /** The mail server's receipt time; default now. */
  receivedAt?: Date;
}

let scanCounter = 0;

/** Feeds one scan mail through capture + processing (as the SMTP ingress would) and returns its documents. */
export async function sendScan(server: DemoServer, input: ScanInput): Promise<DocumentRecord[]> {
  scanCounter++;
  const pdf = await makeScanPdf({ pages: input.pages ?? 1, seed: scanCounter });
  const raw = await buildScanMail({
    subject: input.subject,
    attachments: [{ filename: input.filename ?? `scan-${scanCounter}.pdf`, content: pdf }],
  });
  const { core, processor } = server.service;
  const result = await core.capture({
    raw,
    source: "eml",
    sourceKey: `e2e:${scanCounter}:${Date.now()}`,
    receivedAt: input.receivedAt ?? new Date(),
  });
  processor.enqueue(result.message.id);
  await processor.idle();
  return core.store.listDocumentsOfMessage(result.message.id);
}

/** A port that was free a moment ago, for starting the SMTP ingress: `startDemoServer({ POSTKORB_SMTP_PORT })`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Sends one scan mail over real SMTP to the server's ingress (start it with an SMTP port) and waits until it is
 * processed; returns its documents.
 */
export async function sendScanBySmtp(
  server: DemoServer,
  input: Omit<ScanInput, "receivedAt">,
): Promise<DocumentRecord[]> {
  const port = server.service.smtpPort;
  if (port === null) throw new Error("the SMTP ingress is off: start the server with POSTKORB_SMTP_PORT");
  scanCounter++;
  const messageId = `<e2e-smtp-${scanCounter}-${Date.now()}@postkorb.test>`;
  const pdf = await makeScanPdf({ pages: input.pages ?? 1, seed: scanCounter });
  const raw = await buildScanMail({
    subject: input.subject,
    messageId,
    attachments: [{ filename: input.filename ?? `scan-${scanCounter}.pdf`, content: pdf }],
  });
  await sendRaw(port, raw);
  const { core, processor } = server.service;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await processor.idle();
    const message = (await core.store.listMessages()).find(
      (m) => m.messageIdHeader === messageId && m.status !== "pending",
    );
    if (message) return core.store.listDocumentsOfMessage(message.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`mail ${messageId} was not processed within 30 s`);
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

/** A fresh browser context (own cookies) at 1280×720, German. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "de-DE" });
}

/** Logs in through the login form and waits for the redirect away from /anmelden. */
export async function loginAs(page: Page, baseUrl: string, login: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/anmelden`);
  await page.fill("#login", login);
  await page.fill("#password", password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/anmelden")),
    page.click("button[type=submit]"),
  ]);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A + AA) in the page; returns serious and critical violations only. */
export async function findSeriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') would refuse a script tag.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations as {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
