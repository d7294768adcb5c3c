/** `postkorb serve`: the service (HTTP + SMTP ingress + processing) until SIGTERM/SIGINT. */
import type { Command } from "commander";
import { resolveSecret } from "../../src/runtime/data-dir.js";
import { cliConfig, cliLogger } from "./context.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("run the service: web inbox + API, SMTP ingress, processing")
    .action(async () => {
      const config = cliConfig();
      const log = cliLogger(config, "service");
      resolveSecret(config, log);
      const { startNodeService } = await import("../../src/runtime/node-service.js");
      const service = await startNodeService(config, log);
      process.stdout.write(
        `Postkorb läuft: http://${config.host}:${service.httpPort}/  SMTP: ${service.smtpPort ?? "aus"}\n`,
      );
      stopOnSignals(() => service.stop());
    });
}

/** Graceful shutdown: finish the mail in hand, then exit; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`${signal}: stopping after the mail in hand …\n`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
