/** `postkorb terminal-sim`: sends realistic scan mails to an SMTP ingress or APPENDs them to an IMAP mailbox. */
import type { Command } from "commander";
import { fail } from "./context.js";
import type { MailTarget } from "./terminal-sim.js";

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
}

export function registerTerminalSimCommand(program: Command): void {
  program
    .command("terminal-sim")
    .description("simulate the scan terminal: realistic scan mails by SMTP (--smtp) or IMAP APPEND (--imap)")
    .option("--smtp <host:port>", "send to this SMTP server, e.g. 127.0.0.1:2525")
    .option("--imap <url>", "APPEND to this mailbox, e.g. imap://user:pass@127.0.0.1:1143/INBOX")
    .option("--count <n>", "number of mails", "10")
    .option("--rate <n>", "mails per second (0 = as fast as possible)", "2")
    .option("--seed <n>", "seed for subjects and page images", "1")
    .option("--max-pages <n>", "cap on pages per scan (1–20)", "20")
    .option("--to <address>", "recipient", "postkorb@amt.example")
    .option("--user <user>", "SMTP AUTH user")
    .option("--password <password>", "SMTP AUTH password")
    .option("--starttls", "require STARTTLS (SMTP)")
    .action(async (flags: SimFlags) => {
      if (!flags.smtp === !flags.imap) fail("genau eines von --smtp oder --imap angeben");
      // Loaded on use: page rendering (sharp) should not slow every other CLI command's start.
      const { runTerminalSim } = await import("./terminal-sim.js");
      const { buildDemoOffice } = await import("../demo/demo-office.js");
      const target = await openTarget(flags);
      const office = await buildDemoOffice(new Date());
      try {
        const result = await runTerminalSim(target, {
          count: positive(flags.count, "--count"),
          rate: Number(flags.rate) || 0,
          seed: positive(flags.seed, "--seed"),
          maxPages: Math.min(20, positive(flags.maxPages, "--max-pages")),
          to: flags.to,
          register: office.register,
          onSent: (i, id) => process.stdout.write(`${i + 1}\t${id}\n`),
        });
        process.stdout.write(`${result.sent} Scan-Mail(s) in ${(result.ms / 1000).toFixed(1)} s gesendet\n`);
      } finally {
        await target.close();
      }
    });
}

async function openTarget(flags: SimFlags): Promise<MailTarget> {
  const { imapTarget, smtpTarget } = await import("./terminal-sim.js");
  if (flags.imap) return imapTarget(flags.imap);
  const auth = flags.user ? { user: flags.user, pass: flags.password ?? "" } : undefined;
  return smtpTarget(flags.smtp!, auth, flags.starttls ?? false);
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${name} muss eine positive ganze Zahl sein`);
  return n;
}
