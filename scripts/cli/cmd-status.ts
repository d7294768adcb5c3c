/**
 * `postkorb status`: each mail source's state as the running service reports it (GET /healthz), and the message
 * backlog read from the data directory — the latter also when the service is down, which is when it matters most.
 */
import { existsSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import type { Command } from "commander";
import { count, min, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Config } from "../../src/config.js";
import { messages } from "../../src/db/schema.js";
import { formatOfficeDateTime } from "../../src/domain/office-time.js";
import { dataPaths } from "../../src/runtime/data-dir.js";
import type { HealthReport, SourceHealth } from "../../src/web/app-deps.js";
import { cliConfig, fail, printJson } from "./context.js";

export type ServiceStatus =
  | ({ url: string; reachable: true } & HealthReport)
  | { url: string; reachable: false; error: string };

export type BacklogStatus =
  | {
      database: string;
      pending: number;
      quarantined: number;
      processed: number;
      /** Capture time of the oldest message still pending (ISO 8601), or null. */
      oldestPendingAt: string | null;
    }
  | { database: string; error: string };

/** Exit codes: 0 service up and healthy, 1 up but unhealthy (503), 3 not reachable. */
const EXIT_UNHEALTHY = 1;
const EXIT_UNREACHABLE = 3;

export function registerStatusCommand(program: Command): void {
  program
    .command("status")
    .description(
      "show each mail source's state (connected/idle, last mail, backlog, last error) from the running service, and the message backlog in the data dir; exit 0 healthy, 1 unhealthy, 3 service not reachable",
    )
    .option("--url <url>", "base URL of the running service (default: http://HOST:PORT from the environment)")
    .option("--json", "print one JSON object { service, backlog }")
    .option("--timeout <ms>", "how long to wait for /healthz", "3000")
    .action(async (opts: { url?: string; json?: boolean; timeout: string }) => {
      const config = cliConfig();
      const timeoutMs = Number(opts.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
        fail("--timeout must be a whole number of milliseconds");
      const url = opts.url ?? defaultServiceUrl(config);
      const service = await fetchServiceStatus(url, timeoutMs);
      const backlog = readBacklog(config);
      if (opts.json) printJson({ service, backlog });
      else process.stdout.write(renderStatus(service, backlog, config.timeZone));
      process.exitCode = !service.reachable ? EXIT_UNREACHABLE : service.ok ? 0 : EXIT_UNHEALTHY;
    });
}

/** http://HOST:PORT as the service listens; a wildcard address is asked on loopback. */
export function defaultServiceUrl(config: Pick<Config, "host" | "port">): string {
  const host = config.host === "0.0.0.0" ? "127.0.0.1" : config.host === "::" ? "::1" : config.host;
  const port = config.port === 0 ? 3000 : config.port;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export async function fetchServiceStatus(url: string, timeoutMs: number): Promise<ServiceStatus> {
  const base = url.replace(/\/+$/, "");
  try {
    const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    // 503 still carries the report: the service is there, something in it is down.
    const body = (await response.json().catch(() => null)) as HealthReport | null;
    if (!body || !Array.isArray(body.sources))
      return { url: base, reachable: false, error: `HTTP ${response.status}: keine Postkorb-Statusantwort` };
    return { url: base, reachable: true, ...body };
  } catch (err) {
    return { url: base, reachable: false, error: describeFetchError(err, timeoutMs) };
  }
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
    return `keine Antwort innerhalb von ${timeoutMs} ms`;
  const cause =
    err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code;
  if (code && Object.hasOwn(NETWORK_ERRORS, code)) return `${NETWORK_ERRORS[code]} (${code})`;
  return code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "Verbindung abgelehnt, dort lauscht niemand",
  ECONNRESET: "Verbindung abgebrochen",
  ENOTFOUND: "Rechnername unbekannt",
  EHOSTUNREACH: "Rechner nicht erreichbar",
  ETIMEDOUT: "Zeitüberschreitung",
};

/** Message counts straight from the SQLite file; never creates or migrates a database. */
export function readBacklog(config: Pick<Config, "dataDir">): BacklogStatus {
  const file = dataPaths(config).database;
  if (!existsSync(file)) return { database: file, error: "keine Datenbank vorhanden (noch nie gestartet?)" };
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: true });
    sqlite.pragma("busy_timeout = 5000");
    const db = drizzle(sqlite);
    const rows = db
      .select({ status: messages.status, n: count() })
      .from(messages)
      .groupBy(messages.status)
      .all();
    const oldest = db
      .select({ at: min(messages.capturedAt) })
      .from(messages)
      .where(sql`${messages.status} = 'pending'`)
      .get();
    const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return {
      database: file,
      pending: of("pending"),
      quarantined: of("quarantined"),
      processed: of("processed"),
      oldestPendingAt: oldest?.at ?? null,
    };
  } catch (err) {
    return { database: file, error: err instanceof Error ? err.message : String(err) };
  } finally {
    sqlite?.close();
  }
}

export function renderStatus(service: ServiceStatus, backlog: BacklogStatus, timeZone: string): string {
  const when = (iso: string | null) => (iso ? formatOfficeDateTime(new Date(iso), timeZone) : "-");
  const lines: string[] = [];
  if (!service.reachable) {
    lines.push(`Dienst NICHT ERREICHBAR unter ${service.url} (${service.error}).`);
    lines.push("Läuft `postkorb serve`? Sonst mit --url die richtige Adresse angeben.");
  } else {
    const state = service.ok ? "in Ordnung" : "GESTÖRT";
    lines.push(
      `Dienst ${service.url}: ${state} (Datenbank ${service.database}, in Verarbeitung: ${service.processingBacklog})`,
    );
    lines.push("");
    lines.push(...table(service.sources, when));
  }
  lines.push("");
  if ("error" in backlog) lines.push(`Nachrichten (${backlog.database}): ${backlog.error}`);
  else {
    const oldest = backlog.oldestPendingAt ? `, älteste offene erfasst ${when(backlog.oldestPendingAt)}` : "";
    lines.push(
      `Nachrichten (${backlog.database}): ${backlog.pending} offen, ${backlog.quarantined} in Quarantäne, ${backlog.processed} verarbeitet${oldest}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function table(sources: SourceHealth[], when: (iso: string | null) => string): string[] {
  if (sources.length === 0) return ["(keine Mail-Quelle eingerichtet)"];
  const header = ["Quelle", "Art", "Zustand", "Letzte Mail", "Rückstand", "Letzter Fehler"];
  const rows = sources.map((s) => [
    s.name,
    s.kind,
    s.state,
    when(s.lastMailAt),
    s.backlog === null ? "-" : String(s.backlog),
    s.lastError ?? "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
