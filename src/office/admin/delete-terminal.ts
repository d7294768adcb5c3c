/** Scan-Terminal entfernen. Mail from its address is still taken in; it just has no name any more. */
import type { Actor, Refusal } from "../supervisor/supervisor-deps.js";
import { refuse } from "../supervisor/supervisor-deps.js";
import { assertAdmin } from "../supervisor/team-access.js";
import type { AdminDeps } from "./admin-deps.js";

export async function deleteTerminal(
  deps: AdminDeps,
  actor: Actor,
  id: string,
): Promise<{ ok: true } | Refusal> {
  assertAdmin(actor);
  const terminal = await deps.repo.findTerminal(id);
  if (terminal === null) return refuse("Dieses Terminal gibt es nicht mehr.");
  await deps.repo.write(
    [deps.repo.deleteTerminal(id)],
    [
      {
        actor: actor.login,
        action: "terminal.deleted",
        subjectType: "terminal",
        subjectId: id,
        data: { name: terminal.name },
      },
    ],
  );
  return { ok: true };
}
