/** `postkorb demo`: seed the demo office, start the service, send sample scans through SMTP. */
import type { Command } from "commander";

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .option("--scans <n>", "how many sample scans to send", "20")
    .option("--exit", "stop after the scans are routed (for scripts)")
    .description("seed a demo office, start the service and send sample scans through the SMTP ingress")
    .action(async (opts: { scans: string; exit?: boolean }) => {
      const { runDemo } = await import("./run-demo.js");
      await runDemo(opts);
    });
}
