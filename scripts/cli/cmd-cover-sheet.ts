/** `postkorb cover-sheet`: print signed cover sheets (Deckblätter) for a case, or generic ones per document type. */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { createCoverSheetIssuer } from "../../src/pdf/cover-sheet-issuer.js";
import { resolveSecret } from "../../src/runtime/data-dir.js";
import { cliConfig, cliLogger, fail, withCore } from "./context.js";

interface Options {
  case?: string;
  customerNo?: string;
  name?: string;
  docType: string;
  pages?: string;
  count: string;
  out: string;
  by: string;
}

export function registerCoverSheetCommand(program: Command): void {
  program
    .command("cover-sheet")
    .requiredOption("--doc-type <type>", "document type, e.g. Kontoauszug")
    .option("--case <caseRef>", "Aktenzeichen (omit for generic sheets at the help desk)")
    .option("--customer-no <no>", "Kundennummer / BG-Nummer")
    .option("--name <surname>", "the citizen's name, printed on the sheet (not in the QR code)")
    .option("--pages <n>", "declared page count of the document")
    .option("--count <n>", "how many sheets", "1")
    .requiredOption("--out <file.pdf>", "where to write the PDF")
    .option("--by <login>", "who issues the sheets (audit trail)", "cli")
    .description("issue signed cover sheets as a printable PDF (each sheet recorded and audited)")
    .action(async (opts: Options) => {
      const config = cliConfig();
      resolveSecret(config, cliLogger(config, "command"));
      await withCore(async (core) => {
        const issue = createCoverSheetIssuer({ ...core, keyring: core.coverSheetKeyring });
        const result = await issue({
          caseRef: opts.case ?? null,
          customerNo: opts.customerNo ?? null,
          surname: opts.name ?? null,
          docType: opts.docType,
          declaredPages: opts.pages ? Number(opts.pages) : null,
          count: Number(opts.count),
          issuedBy: opts.by,
        });
        if (!result.ok) fail(result.reason);
        writeFileSync(opts.out, result.pdf);
        process.stdout.write(
          `${result.serials.length} Deckblatt/-blätter → ${opts.out} (${result.serials.join(", ")})\n`,
        );
      });
    });
}
