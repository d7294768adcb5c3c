/** `postkorb token create --user <login>`: an API token, printed once, stored as a hash. */
import type { Command } from "commander";
import { newId } from "../../src/ingest/new-id.js";
import { generateToken, hashToken } from "../../src/web/token-hash.js";
import { fail, withCore } from "./context.js";

export function registerTokenCommands(program: Command): void {
  const token = program.command("token").description("manage API tokens");
  token
    .command("create")
    .requiredOption("--user <login>", "the user the token acts as")
    .option("--label <text>", "what the token is for")
    .description("create an API token (shown once)")
    .action(async (opts: { user: string; label?: string }) => {
      await withCore(async (core) => {
        const user = await core.users.findUser(opts.user);
        if (!user) fail(`no user ${opts.user} (create one with \`postkorb user add\`)`);
        const secret = generateToken();
        const id = newId();
        await core.users.addApiToken({
          id,
          login: user.login,
          tokenHash: hashToken(secret),
          label: opts.label ?? null,
        });
        await core.store.appendEvents([
          {
            actor: "cli:token",
            action: "token.created",
            subjectType: "user",
            subjectId: user.login,
            data: { tokenId: id, label: opts.label ?? null },
          },
        ]);
        process.stdout.write(`${secret}\n`);
      });
    });
}
