/** Helpers for the workerd tests: the env, a minimal office seeded through the real repositories, mails. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { applyOfficeSeed, parseOfficeSeed } from "../../src/db/office-seed.js";
import { createUserRepository } from "../../src/db/user-repository.js";
import { newId } from "../../src/ingest/new-id.js";
import worker from "../../src/runtime/worker.js";
import { workerCore } from "../../src/runtime/worker-core.js";
import type { WorkerEnv } from "../../src/runtime/worker-env.js";
import { generateToken, hashToken } from "../../src/web/token-hash.js";

export const testEnv = env as unknown as WorkerEnv & Record<string, string>;

export function fixture(name: string): Uint8Array {
  const text = atob(testEnv[name]!);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * One team, sb1 and sb2 (caseworkers) and admin; Aktenzeichen 50-1234/2026 belongs to sb1, as in the demo
 * office, 50-5678/2026 to sb2. sb1's password hash was made on Node (build-fixtures.ts).
 */
export async function seedOffice(): Promise<{ adminToken: string }> {
  const { database } = workerCore(testEnv);
  const parsed = parseOfficeSeed({
    teams: [{ id: "grusi", name: "Grundsicherung" }],
    users: [
      {
        login: "sb1",
        name: "Sachbearbeitung SB1",
        role: "caseworker",
        team: "grusi",
        passwordHash: testEnv.FIXTURE_PASSWORD_HASH,
      },
      { login: "sb2", name: "Sachbearbeitung SB2", role: "caseworker", team: "grusi" },
      { login: "admin", name: "Administration", role: "admin" },
    ],
    register: [
      { caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller", assignee: "sb1" },
      { caseRef: "50-5678/2026", customerNo: "100567", surname: "Yılmaz", assignee: "sb2" },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  await applyOfficeSeed(database, parsed.seed, "test", new Date());
  const adminToken = generateToken();
  await createUserRepository(database.db).addApiToken({
    id: newId(),
    login: "admin",
    tokenHash: hashToken(adminToken),
    label: "test",
  });
  return { adminToken };
}

/** Hands a raw mail to the Worker's email() handler as Email Routing does, and waits for waitUntil work. */
export async function deliverEmail(
  raw: Uint8Array,
  env: WorkerEnv = testEnv,
): Promise<{ rejected: string | null }> {
  let rejected: string | null = null;
  const message = {
    from: "scanterminal@kundencenter.example",
    to: "postkorb@amt.example",
    raw: new Response(raw as Uint8Array<ArrayBuffer>).body!,
    rawSize: raw.byteLength,
    setReject(reason: string) {
      rejected = reason;
    },
  };
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return { rejected };
}
