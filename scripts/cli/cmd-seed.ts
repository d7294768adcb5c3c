/** `postkorb seed <file>` / `seed --demo`: load an office description (JSON, see README). */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { buildDemoOffice } from "../demo/demo-office.js";
import { fail, withCore } from "./context.js";

export function registerSeedCommand(program: Command): void {
  program
    .command("seed")
    .argument(
      "[file]",
      "office description as JSON (teams, users, letterRanges, register, absences, docTypeRules)",
    )
    .option("--demo", "load the demo office (logins sb1…sb8, tl1, tl2, admin; password postkorb-demo)")
    .description("load teams, users, letter ranges, case register, absences and rules")
    .action(async (file: string | undefined, opts: { demo?: boolean }) => {
      if (!file && !opts.demo) fail("give a file or --demo");
      await withCore(async (core) => {
        const input = opts.demo ? await buildDemoOffice(core.clock.now()) : await readJson(file!);
        const parsed = parseOfficeSeed(input);
        if (!parsed.ok) fail(parsed.reason);
        await applyOfficeSeed(core.database, parsed.seed, "cli:seed", core.clock.now());
        const s = parsed.seed;
        process.stdout.write(
          `Geladen: ${s.teams.length} Teams, ${s.users.length} Personen, ${s.register.length} Akten, ${s.letterRanges.length} Buchstabenbereiche, ${s.absences.length} Abwesenheiten\n`,
        );
      });
    });
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    fail(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    fail(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}
