/** `postkorb demo`: seed the demo office, start the service, send sample scans through SMTP. */
import type { Command } from "commander";

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .option(
      "--scans <n>",
      "how many plain sample scans to send (4 scans with cover sheets come on top)",
      "20",
    )
    .option("--exit", "stop after the scans are routed (for scripts)")
    .description(
      "seed a demo office, start the service and send sample scans through the SMTP ingress, " +
        "some with cover sheets that split them into several documents",
    )
    .action(async (opts: { scans: string; exit?: boolean }) => {
      const { runDemo } = await import("./run-demo.js");
      await runDemo(opts);
    });
}
