/**
 * Aktenregister CSV import in two steps: preview (nothing written; row-level errors) and apply (only a file
 * without errors, all rows in one atomic step, so a half-imported register never routes anything).
 */
import { previewRegisterImport, type RegisterImportPreview } from "../../domain/register-csv.js";
import { type Actor, type Refusal, refuse, type SupervisorDeps, today } from "./supervisor-deps.js";
import { assertSupervisor, canManageTeam } from "./team-access.js";

export async function previewRegisterCsv(
  deps: SupervisorDeps,
  actor: Actor,
  csv: string,
): Promise<RegisterImportPreview> {
  assertSupervisor(actor);
  const office = await deps.repo.loadOffice();
  const preview = previewRegisterImport(csv, office.register, office.people);
  const teamOf = (login: string | null) => office.people.find((p) => p.login === login)?.teamId ?? null;
  // A supervisor imports only into their own team: both the new and any previous owner must be theirs.
  const outside = preview.changes.filter(
    (c) =>
      !canManageTeam(actor, teamOf(c.entry.assignee)) ||
      (c.previousAssignee !== null && !canManageTeam(actor, teamOf(c.previousAssignee))),
  );
  if (outside.length === 0) return preview;
  const errors = [
    ...preview.errors,
    ...outside.map((c) => ({ line: c.line, reason: `Akte ${c.entry.caseRef} liegt außerhalb Ihres Teams.` })),
  ].sort((a, b) => a.line - b.line);
  return { ok: false, fileError: null, changes: preview.changes.filter((c) => !outside.includes(c)), errors };
}

export async function importRegisterCsv(
  deps: SupervisorDeps,
  actor: Actor,
  csv: string,
): Promise<{ ok: true; created: number; changed: number } | Refusal> {
  const preview = await previewRegisterCsv(deps, actor, csv);
  if (preview.fileError !== null) return refuse(preview.fileError);
  if (!preview.ok)
    return refuse(
      `Die Datei enthält ${preview.errors.length} fehlerhafte Zeile(n); nichts wurde übernommen.`,
    );
  const at = deps.repo.now().toISOString();
  const day = today(deps);
  const relevant = preview.changes.filter((c) => c.kind !== "same");
  const statements = relevant.flatMap((c) => [
    deps.repo.upsertRegister(c.entry, at),
    ...(c.previousAssignee === c.entry.assignee
      ? []
      : deps.repo.handOverCase(
          {
            caseRef: c.entry.caseRef,
            assignee: c.entry.assignee,
            fromDate: day,
            closeOn: day,
            changedBy: actor.login,
            reason: "CSV-Import",
          },
          at,
        )),
  ]);
  const created = relevant.filter((c) => c.kind === "new").length;
  const changed = relevant.length - created;
  await deps.repo.write(statements, [
    {
      actor: actor.login,
      action: "register.imported",
      subjectType: "office",
      subjectId: "register",
      data: { created, changed, cases: relevant.map((c) => c.entry.caseRef) },
    },
  ]);
  return { ok: true, created, changed };
}
