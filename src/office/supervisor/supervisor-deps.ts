/** What every supervisor use case gets: the repository, the office's time zone and routing options. */
import type { OfficeRepository } from "../../db/office-repository.js";
import type { Role } from "../../domain/office.js";
import { officeDate } from "../../domain/office-time.js";
import type { RoutingOptions } from "../../domain/routing-options.js";

export interface SupervisorDeps {
  repo: OfficeRepository;
  timeZone: string;
  routingOptions?: Partial<RoutingOptions>;
}

/** The signed-in person acting; the web layer takes it from the session, the CLI from --actor. */
export interface Actor {
  login: string;
  role: Role;
  teamId: string | null;
}

/** A change refused for a reason the person can fix (shown next to the form). */
export type Refusal = { ok: false; reason: string };

export function refuse(reason: string): Refusal {
  return { ok: false, reason };
}

export function today(deps: SupervisorDeps): string {
  return officeDate(deps.repo.now(), deps.timeZone);
}

export function cleanReason(text: string | undefined): string | null {
  const t = (text ?? "").trim();
  return t.length === 0 ? null : t.slice(0, 500);
}
