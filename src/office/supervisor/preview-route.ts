/** Vorschau: where would a document with these fields go today, and why. Reads only; no event. */
import { officeDate } from "../../domain/office-time.js";
import { type PreviewFields, previewRoute, type RoutePreview } from "../../domain/route-preview.js";
import type { Actor, SupervisorDeps } from "./supervisor-deps.js";
import { assertSupervisor } from "./team-access.js";

export async function previewDocumentRoute(
  deps: SupervisorDeps,
  actor: Actor,
  fields: PreviewFields,
  date?: string,
): Promise<RoutePreview> {
  assertSupervisor(actor);
  const office = await deps.repo.loadOffice();
  return previewRoute(
    fields,
    office,
    date ?? officeDate(deps.repo.now(), deps.timeZone),
    deps.routingOptions,
  );
}
