/** `postkorb migrate`: apply the drizzle migrations to the embedded database. */
import type { Command } from "commander";
import { withCore } from "./context.js";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("apply database migrations (also done automatically at start)")
    .action(async () => {
      await withCore(async (core) => {
        process.stdout.write(`Datenbank aktuell: ${core.config.dataDir}\n`);
      });
    });
}
