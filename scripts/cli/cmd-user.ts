/** `postkorb user add`: create or update a local user; the password comes from the environment or stdin. */
import type { Command } from "commander";
import { hashPassword } from "../../src/web/auth/scrypt-password.js";
import { fail, withCore } from "./context.js";

interface AddOptions {
  login: string;
  name?: string;
  role: string;
  team?: string;
  email?: string;
  passwordEnv: string;
  passwordStdin?: boolean;
}

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("manage local users");
  user
    .command("add")
    .requiredOption("--login <login>", "login name, e.g. sb9")
    .option("--name <name>", "display name")
    .option("--role <role>", "caseworker, supervisor or admin", "caseworker")
    .option("--team <id>", "team id")
    .option("--email <address>")
    .option(
      "--password-env <var>",
      "read the password from this environment variable",
      "POSTKORB_USER_PASSWORD",
    )
    .option("--password-stdin", "read the password from stdin")
    .description(
      "add or update a user (never pass a password as an argument: it would show in ps and history)",
    )
    .action(async (opts: AddOptions) => {
      if (!/^[a-z0-9._-]{2,40}$/.test(opts.login)) fail("login: 2–40 lower-case letters, digits, . _ -");
      if (!["caseworker", "supervisor", "admin"].includes(opts.role))
        fail("role must be caseworker, supervisor or admin");
      const password = opts.passwordStdin ? (await readStdin()).trim() : process.env[opts.passwordEnv];
      if (password !== undefined && password.length < 10) fail("password: at least 10 characters");
      await withCore(async (core) => {
        await core.users.upsertUser({
          login: opts.login,
          displayName: opts.name ?? opts.login,
          role: opts.role as "caseworker",
          teamId: opts.team ?? null,
          email: opts.email ?? null,
          passwordHash: password ? await hashPassword(password) : undefined,
        });
        await core.store.appendEvents([
          {
            actor: "cli:user",
            action: "user.saved",
            subjectType: "user",
            subjectId: opts.login,
            data: { role: opts.role, team: opts.team ?? null, passwordSet: Boolean(password) },
          },
        ]);
        process.stdout.write(
          `Benutzer ${opts.login} gespeichert${password ? " (mit Passwort)" : " (ohne Passwort: nur API-Token)"}\n`,
        );
      });
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
