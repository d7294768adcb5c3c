/** `postkorb audit verify`: walk the hash chain and name the first broken link. */
import type { Command } from "commander";
import { readEvents } from "../../src/db/event-log.js";
import { createChainVerifier } from "../../src/domain/event-chain.js";
import { withCore } from "./context.js";

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("audit trail");
  audit
    .command("verify")
    .description("verify the hash chain of all events; exit code 2 when broken")
    .action(async () => {
      const broken = await withCore(async (core) => {
        const check = createChainVerifier();
        let count = 0;
        for await (const event of readEvents(core.database)) {
          const result = check(event);
          count = result.count;
          if (!result.ok) {
            process.stdout.write(
              `Prüfkette GEBROCHEN bei Ereignis #${result.seq} (${event.action}, ${event.at}): ${result.reason}\n`,
            );
            return true;
          }
        }
        process.stdout.write(`Prüfkette in Ordnung: ${count} Ereignisse\n`);
        return false;
      });
      if (broken) process.exit(2);
    });
}
