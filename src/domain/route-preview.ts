/** "Where would a document with these fields go, and why": routing with today's office, nothing stored. */

import { letterKey } from "./letter-key.js";
import type { OfficeSnapshot } from "./office.js";
import { type RouteDecision, routeDocument } from "./route-document.js";
import type { RoutingOptions } from "./routing-options.js";

export interface PreviewFields {
  caseRef: string;
  customerNo: string;
  surname: string;
  docType: string;
}

export interface RoutePreview {
  decision: RouteDecision;
  /** Display name of the person or team that would get the document, or "Clearing". */
  target: string;
  /** The surname's filing key, so a supervisor can see which letter range applied. */
  letterKey: string | null;
}

function orNull(value: string): string | null {
  const v = value.trim();
  return v === "" ? null : v;
}

export function previewRoute(
  fields: PreviewFields,
  office: OfficeSnapshot,
  date: string,
  options?: Partial<RoutingOptions>,
): RoutePreview {
  const meta = {
    caseRef: orNull(fields.caseRef),
    customerNo: orNull(fields.customerNo),
    surname: orNull(fields.surname),
    docType: orNull(fields.docType),
    source: "subject" as const,
  };
  const decision = routeDocument(meta, office, date, options);
  const surname = meta.surname;
  return {
    decision,
    target: describeTarget(decision, office),
    letterKey: surname === null ? null : letterKey(surname, options) || null,
  };
}

function describeTarget(decision: RouteDecision, office: OfficeSnapshot): string {
  if (decision.kind === "person" && decision.assignee !== null) {
    const person = office.people.find((p) => p.login === decision.assignee);
    return person ? `${person.displayName} (${person.login})` : decision.assignee;
  }
  if (decision.kind === "team" && decision.teamId !== null) {
    const team = office.teams.find((t) => t.id === decision.teamId);
    return `Teampostkorb ${team?.name ?? decision.teamId}`;
  }
  return "Clearing (Poststelle)";
}
