/** `postkorb terminal-sim`: sends realistic scan mails to an SMTP ingress or APPENDs them to an IMAP mailbox. */
import { type Command, Option } from "commander";
import { cliConfig, fail } from "./context.js";
import type { CoverSheetMix, MailTarget, SheetPrinter } from "./terminal-sim.js";

/** The password never comes from an argument: arguments are visible to every user in `ps`. */
export const PASSWORD_ENV = "POSTKORB_TERMINAL_PASSWORD";

interface SimFlags {
  smtp?: string;
  imap?: string;
  count: string;
  rate: string;
  seed: string;
  maxPages: string;
  to: string;
  user?: string;
  password?: string;
  starttls?: boolean;
  coverSheets?: string;
  sheetsPerScan: string;
}

const HELP_AFTER = `
Environment:
  ${PASSWORD_ENV}   password for SMTP AUTH (with --user) or for the user in the --imap URL;
                               never given on the command line (other users would see it in ps)
  POSTKORB_SECRET              the service's secret, which signs the --cover-sheets sheets; if unset,
  POSTKORB_DATA_DIR            the secret file in the service's data directory (default ./data) is read

Examples:
  postkorb terminal-sim --smtp 127.0.0.1:2525 --count 20 --cover-sheets 0.3
  ${PASSWORD_ENV}=… postkorb terminal-sim --imap imap://scanner@mail.amt.example:993/INBOX --count 5
`;

export function registerTerminalSimCommand(program: Command): void {
  program
    .command("terminal-sim")
    .description("simulate the scan terminal: realistic scan mails by SMTP (--smtp) or IMAP APPEND (--imap)")
    .option("--smtp <host:port>", "send to this SMTP server, e.g. 127.0.0.1:2525")
    .option(
      "--imap <url>",
      `APPEND to this mailbox, e.g. imap://user@127.0.0.1:1143/INBOX (password: ${PASSWORD_ENV})`,
    )
    .option("--count <n>", "number of mails", "10")
    .option("--rate <n>", "mails per second (0 = as fast as possible)", "2")
    .option("--seed <n>", "seed for subjects and page images", "1")
    .option("--max-pages <n>", "cap on pages per scan (1–20)", "20")
    .option("--to <address>", "recipient", "postkorb@amt.example")
    .option("--user <user>", `SMTP AUTH user (password: ${PASSWORD_ENV})`)
    .option("--starttls", "require STARTTLS (SMTP)")
    .option(
      "--cover-sheets <share|n>",
      "scans with signed cover sheets (several documents each): a share (0.3 or 30%) or a count (5)",
    )
    .option("--sheets-per-scan <n>", "cover sheets (documents) per such scan", "3")
    .addOption(new Option("--password <password>").hideHelp())
    .addHelpText("after", HELP_AFTER)
    .action(async (flags: SimFlags) => {
      if (flags.password !== undefined)
        fail(`--password gibt es nicht (in ps sichtbar): das Passwort in ${PASSWORD_ENV} übergeben`);
      if (!flags.smtp === !flags.imap) fail("genau eines von --smtp oder --imap angeben");
      const count = positive(flags.count, "--count");
      const mix = flags.coverSheets === undefined ? null : parseMix(flags.coverSheets);
      const perScan = positive(flags.sheetsPerScan, "--sheets-per-scan");
      if (perScan > 20) fail("--sheets-per-scan höchstens 20");
      // Loaded on use: page rendering (sharp) should not slow every other CLI command's start.
      const { runTerminalSim } = await import("./terminal-sim.js");
      const { buildDemoOffice } = await import("../demo/demo-office.js");
      const print = mix ? await simSheetPrinter() : null;
      const target = await openTarget(flags);
      const office = await buildDemoOffice(new Date());
      try {
        const result = await runTerminalSim(target, {
          count,
          rate: Number(flags.rate) || 0,
          seed: positive(flags.seed, "--seed"),
          maxPages: Math.min(20, positive(flags.maxPages, "--max-pages")),
          to: flags.to,
          register: office.register,
          coverSheets: mix && print ? { mix, perScan, print } : undefined,
          onSent: (i, id) => process.stdout.write(`${i + 1}\t${id}\n`),
        });
        const withSheets = result.scans.filter((s) => s.plan.kind === "cover-sheets");
        const documents = result.scans.reduce((n, s) => n + s.expectedDocuments, 0);
        process.stdout.write(
          `${result.sent} Scan-Mail(s) in ${(result.ms / 1000).toFixed(1)} s gesendet` +
            (withSheets.length
              ? `, davon ${withSheets.length} mit Deckblättern (→ ${documents} Dokumente)`
              : "") +
            "\n",
        );
      } finally {
        await target.close();
      }
    });
}

async function openTarget(flags: SimFlags): Promise<MailTarget> {
  const { imapTarget, smtpTarget } = await import("./terminal-sim.js");
  const password = process.env[PASSWORD_ENV];
  if (flags.imap) {
    let url: URL;
    try {
      url = new URL(flags.imap);
    } catch {
      fail(`--imap ist keine URL: ${flags.imap}`);
    }
    if (url.password)
      fail(`kein Passwort in der --imap-URL (in ps sichtbar): das Passwort in ${PASSWORD_ENV} übergeben`);
    if (url.username && !password)
      fail(`${PASSWORD_ENV} setzen (Passwort für ${decodeURIComponent(url.username)})`);
    return imapTarget(flags.imap, password);
  }
  if (flags.user && !password) fail(`${PASSWORD_ENV} setzen (Passwort für SMTP AUTH als ${flags.user})`);
  const auth = flags.user ? { user: flags.user, pass: password! } : undefined;
  return smtpTarget(flags.smtp!, auth, flags.starttls ?? false);
}

/** Signs with the service's own key (POSTKORB_SECRET or its data dir), so the service verifies the sheets. */
async function simSheetPrinter(): Promise<SheetPrinter> {
  const { readFileSync } = await import("node:fs");
  const { createKeyring } = await import("../../src/domain/cover-sheet-codec.js");
  const { dataPaths } = await import("../../src/runtime/data-dir.js");
  const { sheetPrinter, unrecordedIssuer } = await import("./terminal-sim.js");
  const config = cliConfig();
  let secret = config.secret;
  if (!secret) {
    const file = dataPaths(config).secretFile;
    try {
      secret = readFileSync(file, "utf8").trim();
    } catch {
      fail(
        `--cover-sheets: Deckblätter müssen mit dem Geheimnis des Dienstes signiert sein; POSTKORB_SECRET setzen oder POSTKORB_DATA_DIR auf sein Datenverzeichnis (${file} fehlt)`,
      );
    }
  }
  const keyring = createKeyring(secret);
  const common = { keyring: () => keyring, officeName: config.officeName, timeZone: config.timeZone };
  return sheetPrinter({ ...common, issue: unrecordedIssuer(common), issuedBy: "terminal-sim" });
}

/** "0.3" or "30%" is a share of the scans; a whole number from 1 is a count. */
export function parseMix(value: string): CoverSheetMix {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  const n = percent ? Number(percent[1]) / 100 : Number(value);
  if (!Number.isFinite(n) || n <= 0)
    fail(`--cover-sheets: Anteil (0.3, 30%) oder Anzahl (5) erwartet, nicht „${value}“`);
  if (percent || n < 1) {
    if (n > 1) fail(`--cover-sheets: Anteil höchstens 100%, nicht „${value}“`);
    return { share: n };
  }
  if (!Number.isInteger(n)) fail(`--cover-sheets: Anzahl muss ganz sein, nicht „${value}“`);
  return { count: n };
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${name} muss eine positive ganze Zahl sein`);
  return n;
}
