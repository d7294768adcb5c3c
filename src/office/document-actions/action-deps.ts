/** What every caseworker action gets, and the shapes of its outcome. */
import type { DocumentActionRepository } from "../../db/document-action-repository.js";
import type { RoutingOptions } from "../../domain/routing-options.js";
import type { DocumentRecord } from "../../ingest/ports.js";

export interface DocumentActionDeps {
  repo: DocumentActionRepository;
  timeZone: string;
  routingOptions: Partial<RoutingOptions>;
  /** Known document types for corrections; the built-in defaults when absent. */
  docTypes?: Readonly<Record<string, string[]>>;
}

/**
 * The signed-in person acting. The caller checked they may do this action on this document before it runs
 * (domain/permissions.ts `canActOnDocument`: working it now, not merely having handled it once).
 */
export interface ActionActor {
  login: string;
  displayName: string;
}

export type ActionResult = { ok: true; document: DocumentRecord } | { ok: false; reason: string };

export function refuse(reason: string): ActionResult {
  return { ok: false, reason };
}

/** Trimmed, limited free text; null when empty (a required note or reason is missing). */
export function cleanText(text: unknown, max = 2000): string | null {
  const t = typeof text === "string" ? text.trim() : "";
  return t.length === 0 ? null : t.slice(0, max);
}

export const ALREADY_DONE = "Das Dokument ist bereits erledigt.";
