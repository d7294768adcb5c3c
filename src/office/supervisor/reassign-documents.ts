/** Umverteilen: moves one or many open documents to a person or a team queue, with a reason, one event each. */
import type { DocumentMove } from "../../db/office-repository.js";
import type { OfficeSnapshot } from "../../domain/office.js";
import { formatIsoDateGerman } from "../../domain/office-time.js";
import { AppError } from "../../errors.js";
import type { DocumentRecord, NewEvent } from "../../ingest/ports.js";
import {
  type Actor,
  cleanReason,
  type Refusal,
  refuse,
  type SupervisorDeps,
  today,
} from "./supervisor-deps.js";
import { assertSupervisor, canManageDocument } from "./team-access.js";

export type ReassignTarget = { kind: "person"; login: string } | { kind: "team"; teamId: string };

export interface ReassignDocumentsInput {
  documentIds: string[];
  target: ReassignTarget;
  reason: string;
}

const MAX_DOCUMENTS = 500;

export async function reassignDocuments(
  deps: SupervisorDeps,
  actor: Actor,
  input: ReassignDocumentsInput,
): Promise<{ ok: true; moved: string[] } | Refusal> {
  assertSupervisor(actor);
  const reason = cleanReason(input.reason);
  if (reason === null) return refuse("Bitte einen Grund für die Umverteilung angeben.");
  const ids = [...new Set(input.documentIds)];
  if (ids.length === 0) return refuse("Bitte mindestens ein Dokument auswählen.");
  if (ids.length > MAX_DOCUMENTS) return refuse(`Höchstens ${MAX_DOCUMENTS} Dokumente auf einmal.`);
  const office = await deps.repo.loadOffice();
  const target = describeTarget(input.target, office);
  if (typeof target === "string") return refuse(target);
  const docs = await deps.repo.getDocuments(ids);
  if (docs.length !== ids.length) return refuse("Mindestens ein Dokument wurde nicht gefunden.");
  const teamOf = (login: string) => office.people.find((p) => p.login === login)?.teamId ?? null;
  if (docs.some((d) => !canManageDocument(actor, d, teamOf))) {
    throw new AppError("forbidden", "Mindestens ein Dokument gehört nicht zu Ihrem Team.");
  }
  const done = docs.filter((d) => d.status !== "open");
  if (done.length > 0) return refuse(`${done.length} Dokument(e) sind bereits erledigt.`);
  const at = deps.repo.now().toISOString();
  const day = formatIsoDateGerman(today(deps));
  const moves = docs.map((d) => toMove(d, target, { actor: actor.login, day, reason }));
  await deps.repo.write(
    moves.map((m) => deps.repo.moveDocument(m, at)),
    docs.map((d, i) => reassignedEvent(actor.login, d, moves[i]!, reason)),
  );
  return { ok: true, moved: ids };
}

interface ResolvedTarget {
  assignee: string | null;
  queue: string;
  teamId: string | null;
  label: string;
}

function describeTarget(target: ReassignTarget, office: OfficeSnapshot): ResolvedTarget | string {
  if (target.kind === "person") {
    const person = office.people.find((p) => p.login === target.login);
    if (person === undefined || !person.active)
      return `Unbekannte oder deaktivierte Person: ${target.login}.`;
    return {
      assignee: person.login,
      queue: person.login,
      teamId: person.teamId,
      label: `${person.displayName} (${person.login})`,
    };
  }
  const team = office.teams.find((t) => t.id === target.teamId);
  if (team === undefined) return `Unbekanntes Team: ${target.teamId}.`;
  return { assignee: null, queue: `team:${team.id}`, teamId: team.id, label: `Teampostkorb ${team.name}` };
}

function toMove(
  doc: DocumentRecord,
  target: ResolvedTarget,
  why: { actor: string; day: string; reason: string },
): DocumentMove {
  return {
    id: doc.id,
    assignee: target.assignee,
    queue: target.queue,
    teamId: target.teamId,
    routeReason: `Am ${why.day} von ${why.actor} an ${target.label} umverteilt: ${why.reason}`,
    routeReasonEn: `Reassigned by ${why.actor} on ${why.day} to ${target.label}: ${why.reason}`,
  };
}

export function reassignedEvent(
  actor: string,
  doc: DocumentRecord,
  move: DocumentMove,
  reason: string,
): NewEvent {
  return {
    actor,
    action: "document.reassigned",
    subjectType: "document",
    subjectId: doc.id,
    data: {
      from: { assignee: doc.assignee, queue: doc.queue, teamId: doc.teamId },
      to: { assignee: move.assignee, queue: move.queue, teamId: move.teamId },
      reason,
    },
  };
}
