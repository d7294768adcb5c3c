/** Weiterleiten: hands an open document to a colleague or a team queue, with a note saying why. */

import type { OfficeSnapshot } from "../../domain/office.js";
import { formatOfficeDateTime } from "../../domain/office-time.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import {
  type ActionActor,
  type ActionResult,
  ALREADY_DONE,
  cleanText,
  type DocumentActionDeps,
  refuse,
} from "./action-deps.js";

interface ForwardTarget {
  assignee: string | null;
  queue: string;
  teamId: string | null;
  label: string;
}

/** `target` as the form sends it: "person:<login>" or "team:<id>". */
export function resolveForwardTarget(target: unknown, office: OfficeSnapshot): ForwardTarget | string {
  const [kind, id] = typeof target === "string" ? target.split(/:(.*)/s) : [];
  if (kind === "person" && id) {
    const person = office.people.find((p) => p.login === id);
    if (!person?.active) return `Unbekannte oder deaktivierte Person: ${id}.`;
    return { assignee: person.login, queue: person.login, teamId: person.teamId, label: person.login };
  }
  if (kind === "team" && id) {
    const team = office.teams.find((t) => t.id === id);
    if (!team) return `Unbekanntes Team: ${id}.`;
    return { assignee: null, queue: `team:${team.id}`, teamId: team.id, label: `Teampostkorb ${team.name}` };
  }
  return "Bitte eine Person oder ein Team als Ziel auswählen.";
}

export async function forwardDocument(
  deps: DocumentActionDeps,
  actor: ActionActor,
  doc: DocumentRecord,
  input: { target: unknown; note: unknown },
): Promise<ActionResult> {
  const note = cleanText(input.note, 500);
  if (note === null) return refuse("Bitte eine Notiz zur Weiterleitung eingeben.");
  if (doc.status !== "open") return refuse(ALREADY_DONE);
  const target = resolveForwardTarget(input.target, await deps.repo.loadOffice());
  if (typeof target === "string") return refuse(target);
  if (target.queue === doc.queue) return refuse("Das Dokument liegt bereits dort.");
  const now = deps.repo.now();
  const at = now.toISOString();
  const when = formatOfficeDateTime(now, deps.timeZone);
  const change = {
    queue: target.queue,
    assignee: target.assignee,
    teamId: target.teamId,
    routeRule: "forwarded",
    routeReason: `Von ${actor.login} am ${when} weitergeleitet an ${target.label}: ${note}`,
    routeReasonEn: `Forwarded by ${actor.login} on ${at} to ${target.queue}: ${note}`,
    routeChain: [],
  };
  await deps.repo.write(
    [deps.repo.updateOpenDocument(doc.id, change, at), deps.repo.insertNote(doc.id, actor.login, note, at)],
    [
      {
        actor: actor.login,
        action: "document.forwarded",
        subjectType: "document",
        subjectId: doc.id,
        data: { from: doc.queue, to: target.queue, assignee: target.assignee, team: target.teamId, note },
      },
    ],
  );
  return { ok: true, document: { ...doc, ...change, updatedAt: at } };
}
