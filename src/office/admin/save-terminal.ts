/** Scan-Terminal anlegen oder ändern: name, sender address it mails from, opening hours (free text). */
import type { Actor, Refusal } from "../supervisor/supervisor-deps.js";
import { refuse } from "../supervisor/supervisor-deps.js";
import { assertAdmin } from "../supervisor/team-access.js";
import type { AdminDeps } from "./admin-deps.js";

export interface TerminalForm {
  id: string | null;
  name: string;
  sender: string;
  openingHours: string | null;
}

export async function saveTerminal(
  deps: AdminDeps,
  actor: Actor,
  form: TerminalForm,
): Promise<{ ok: true; id: string } | Refusal> {
  assertAdmin(actor);
  const name = form.name.trim();
  const sender = form.sender.trim().toLowerCase();
  if (name === "") return refuse("Bitte einen Namen für das Terminal angeben.");
  if (!/^[^\s@]+@[^\s@]+$/.test(sender)) return refuse("Die Absenderadresse ist ungültig.");
  if (form.id !== null && (await deps.repo.findTerminal(form.id)) === null)
    return refuse("Dieses Terminal gibt es nicht mehr.");
  const id = form.id ?? deps.newId();
  const openingHours = form.openingHours?.trim().slice(0, 200) || null;
  await deps.repo.write(
    [deps.repo.saveTerminal({ id, name, sender, openingHours })],
    [
      {
        actor: actor.login,
        action: form.id === null ? "terminal.created" : "terminal.updated",
        subjectType: "terminal",
        subjectId: id,
        data: { name, sender, openingHours },
      },
    ],
  );
  return { ok: true, id };
}
