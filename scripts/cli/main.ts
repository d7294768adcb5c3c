/** `postkorb` CLI: one sub-command per file, all with --help. */
import { Command } from "commander";
import { registerAuditCommands } from "./cmd-audit.js";
import { registerCoverSheetCommand } from "./cmd-cover-sheet.js";
import { registerDemoCommand } from "./cmd-demo.js";
import { registerIngestCommand } from "./cmd-ingest.js";
import { registerListCommands } from "./cmd-list.js";
import { registerMigrateCommand } from "./cmd-migrate.js";
import { registerReprocessCommand } from "./cmd-reprocess.js";
import { registerSeedCommand } from "./cmd-seed.js";
import { registerServeCommand } from "./cmd-serve.js";
import { registerStatusCommand } from "./cmd-status.js";
import { registerTerminalSimCommand } from "./cmd-terminal-sim.js";
import { registerTokenCommands } from "./cmd-token.js";
import { registerUserCommands } from "./cmd-user.js";

const program = new Command()
  .name("postkorb")
  .description("Postkorb — scans from the customer centre into the right caseworker's queue")
  .showHelpAfterError();

for (const register of [
  registerServeCommand,
  registerStatusCommand,
  registerMigrateCommand,
  registerSeedCommand,
  registerIngestCommand,
  registerListCommands,
  registerReprocessCommand,
  registerUserCommands,
  registerTokenCommands,
  registerAuditCommands,
  registerDemoCommand,
  registerCoverSheetCommand,
  registerTerminalSimCommand,
]) {
  register(program);
}

await program.parseAsync(process.argv);
