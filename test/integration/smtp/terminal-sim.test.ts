import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerTerminalSimCommand } from "../../../scripts/cli/cmd-terminal-sim.js";
import {
  planScans,
  runTerminalSim,
  sheetPrinter,
  smtpTarget,
  unrecordedIssuer,
} from "../../../scripts/cli/terminal-sim.js";
import { buildDemoOffice } from "../../../scripts/demo/demo-office.js";
import { createKeyring } from "../../../src/domain/cover-sheet-codec.js";
import { waitUntil } from "../../helpers/child-service.js";
import { startTestService } from "../../helpers/embedded-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const CLI = fileURLToPath(new URL("../../../scripts/postkorb.mjs", import.meta.url));
const tmp = makeTempDir();
afterAll(() => tmp.remove());

/** Async, unlike runCli: the service under test runs in this process and must keep answering SMTP. */
function runCliAsync(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("scan-terminal simulator", () => {
  it("sends scan mails with terminal subjects that the service captures and routes", async () => {
    const service = await startTestService(join(tmp.path, "data"));
    try {
      const target = await smtpTarget(`127.0.0.1:${service.smtpPort}`);
      const sent: string[] = [];
      const register = [{ caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller" }];
      const result = await runTerminalSim(target, {
        count: 3,
        rate: 0,
        seed: 4,
        register,
        maxPages: 2,
        to: "postkorb@amt.example",
        onSent: (_, id) => sent.push(id),
      });
      await target.close();
      expect(result.sent).toBe(3);
      await waitUntil(
        async () => (await service.core.store.listDocuments()).length === 3,
        20_000,
        "3 documents",
      );
      const messages = await service.core.store.listMessages();
      expect(messages.map((m) => m.messageIdHeader).sort()).toEqual([...sent].sort());
      expect(messages.every((m) => (m.subject ?? "").startsWith("Scan"))).toBe(true);
    } finally {
      await service.stop();
    }
  });

  it("a scan with cover sheets sent through the SMTP ingress ends as one routed document per sheet", async () => {
    const service = await startTestService(join(tmp.path, "sheets"));
    try {
      // As the simulator does on another machine: the service's secret, no access to its database.
      const keyring = createKeyring(service.config.secret!);
      const common = { keyring: () => keyring, officeName: "Amt", timeZone: "Europe/Berlin" };
      const print = sheetPrinter({ ...common, issue: unrecordedIssuer(common), issuedBy: "test" });
      const register = (await buildDemoOffice(new Date())).register;
      const target = await smtpTarget(`127.0.0.1:${service.smtpPort}`);
      const result = await runTerminalSim(target, {
        count: 2,
        rate: 0,
        seed: 11,
        register,
        maxPages: 3,
        to: "postkorb@amt.example",
        coverSheets: { mix: { count: 1 }, perScan: 3, print },
      });
      await target.close();
      const [withSheets, plain] = [
        result.scans.filter((s) => s.plan.kind === "cover-sheets"),
        result.scans.filter((s) => s.plan.kind === "plain"),
      ];
      expect(withSheets).toHaveLength(1);
      expect(plain).toHaveLength(1);
      expect(withSheets[0]!.expectedDocuments).toBe(3);
      await service.processor.idle();

      const messages = await service.core.store.listMessages();
      const message = messages.find((m) => m.messageIdHeader === withSheets[0]!.messageId)!;
      expect(message.status).toBe("processed");
      const docs = await service.core.store.listDocumentsOfMessage(message.id);
      const plan = withSheets[0]!.plan;
      if (plan.kind !== "cover-sheets") throw new Error("unreachable");
      expect(docs).toHaveLength(3);
      expect(docs.map((d) => d.metadataSource)).toEqual(["cover-sheet", "cover-sheet", "cover-sheet"]);
      expect(docs.map((d) => d.docType)).toEqual(plan.documents.map((d) => d.sheet.docType));
      expect(docs.map((d) => d.caseRef)).toEqual(plan.documents.map((d) => d.sheet.caseRef));
      expect(docs.map((d) => d.pageCount)).toEqual(plan.documents.map((d) => d.pages));
      for (const doc of docs) expect(doc.queue).not.toBe("triage");
      const plainMessage = messages.find((m) => m.messageIdHeader === plain[0]!.messageId)!;
      expect(await service.core.store.listDocumentsOfMessage(plainMessage.id)).toHaveLength(1);
    } finally {
      await service.stop();
    }
  });

  it("postkorb terminal-sim --cover-sheets signs with POSTKORB_SECRET and takes no password argument", async () => {
    const service = await startTestService(join(tmp.path, "cli"));
    try {
      const env = {
        POSTKORB_SECRET: service.config.secret!,
        POSTKORB_DATA_DIR: join(tmp.path, "cli-elsewhere"),
      };
      const smtp = `127.0.0.1:${service.smtpPort}`;
      const args = ["terminal-sim", "--smtp", smtp, "--count", "1", "--rate", "0", "--max-pages", "2"];
      const [run, withPassword] = await Promise.all([
        runCliAsync([...args, "--cover-sheets", "1", "--sheets-per-scan", "2"], env),
        runCliAsync([...args, "--user", "scanner", "--password", "geheim"], env),
      ]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("davon 1 mit Deckblättern (→ 2 Dokumente)");
      await waitUntil(
        async () => (await service.core.store.listDocuments()).length === 2,
        30_000,
        "2 documents",
      );
      const docs = await service.core.store.listDocuments();
      expect(docs.every((d) => d.metadataSource === "cover-sheet" && d.queue !== "triage")).toBe(true);
      expect(withPassword.status).toBe(1);
      expect(withPassword.stderr).toContain("POSTKORB_TERMINAL_PASSWORD");
      expect(withPassword.stdout).toBe("");
    } finally {
      await service.stop();
    }
  }, 120_000);

  it("says in --help where the password comes from, and offers no --password option", () => {
    const program = new Command();
    registerTerminalSimCommand(program);
    const help = program.commands.find((c) => c.name() === "terminal-sim")!;
    let text = "";
    help
      .configureOutput({
        writeOut: (chunk) => {
          text += chunk;
        },
      })
      .outputHelp();
    expect(text).toContain("POSTKORB_TERMINAL_PASSWORD");
    expect(text).toContain("--cover-sheets");
    expect(text).not.toContain("--password");
  });

  it("plans a seeded share of scans with cover sheets without changing the other scans", () => {
    const base = { count: 40, seed: 3, register: [], maxPages: 20 };
    const print = async () => new Uint8Array();
    const plain = planScans(base);
    const mixed = planScans({ ...base, coverSheets: { mix: { share: 0.25 }, perScan: 2, print } });
    const sheets = mixed.filter((p) => p.kind === "cover-sheets");
    expect(sheets.length).toBeGreaterThan(4);
    expect(sheets.length).toBeLessThan(18);
    mixed.forEach((p, i) => {
      if (p.kind === "plain") expect(p).toEqual(plain[i]);
      else expect(p.documents).toHaveLength(2);
    });
    expect(planScans({ ...base, coverSheets: { mix: { share: 0.25 }, perScan: 2, print } })).toEqual(mixed);
    const counted = planScans({ ...base, coverSheets: { mix: { count: 5 }, perScan: 2, print } });
    expect(counted.filter((p) => p.kind === "cover-sheets")).toHaveLength(5);
  });
});
