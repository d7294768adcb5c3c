/** Benutzer anlegen oder ändern (name, e-mail, role, team, active); role or activity changes end sessions. */
import type { Role } from "../../domain/office.js";
import type { Actor, Refusal } from "../supervisor/supervisor-deps.js";
import { refuse } from "../supervisor/supervisor-deps.js";
import { assertAdmin } from "../supervisor/team-access.js";
import { type AdminDeps, LOGIN_PATTERN, MIN_PASSWORD_LENGTH } from "./admin-deps.js";

export interface UserForm {
  login: string;
  displayName: string;
  email: string | null;
  role: Role;
  teamId: string | null;
  active: boolean;
  /** Only when creating; later changes go through setUserPassword. */
  password?: string | null;
}

const ROLES: Role[] = ["caseworker", "supervisor", "admin"];

export async function saveUser(
  deps: AdminDeps,
  actor: Actor,
  form: UserForm,
  mode: "create" | "update",
): Promise<{ ok: true } | Refusal> {
  assertAdmin(actor);
  const problem = await checkUserForm(deps, form);
  if (problem !== null) return refuse(problem);
  const existing = await deps.repo.findUser(form.login);
  if (mode === "create" && existing !== null) return refuse(`Die Kennung ${form.login} ist schon vergeben.`);
  if (mode === "update" && existing === null) return refuse(`Unbekannte Kennung ${form.login}.`);
  if (existing !== null && form.login === actor.login && (!form.active || form.role !== "admin")) {
    return refuse("Sie können sich nicht selbst die Verwaltungsrechte entziehen.");
  }
  const fields = {
    displayName: form.displayName.trim(),
    email: form.email,
    role: form.role,
    teamId: form.teamId,
    active: form.active,
  };
  const event = { actor: actor.login, subjectType: "user", subjectId: form.login };
  if (existing === null) {
    const password = form.password ?? "";
    if (password.length < MIN_PASSWORD_LENGTH)
      return refuse(`Das Passwort braucht mindestens ${MIN_PASSWORD_LENGTH} Zeichen.`);
    const passwordHash = await deps.hashPassword(password);
    const row = { login: form.login, ...fields, passwordHash, createdAt: deps.repo.now().toISOString() };
    await deps.repo.write([deps.repo.insertUser(row)], [{ ...event, action: "user.created", data: fields }]);
    return { ok: true };
  }
  const demoted = existing.role !== form.role || (existing.active && !form.active);
  const statements = [
    deps.repo.updateUser(form.login, fields),
    ...(demoted ? [deps.repo.endSessions(form.login)] : []),
  ];
  const before = {
    displayName: existing.displayName,
    email: existing.email,
    role: existing.role,
    teamId: existing.teamId,
    active: existing.active,
  };
  await deps.repo.write(statements, [{ ...event, action: "user.updated", data: { before, after: fields } }]);
  return { ok: true };
}

async function checkUserForm(deps: AdminDeps, form: UserForm): Promise<string | null> {
  if (!LOGIN_PATTERN.test(form.login))
    return "Kennung: 2–40 Kleinbuchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich.";
  if (form.displayName.trim() === "") return "Bitte einen Namen angeben.";
  if (!ROLES.includes(form.role)) return "Unbekannte Rolle.";
  if (form.email !== null && !/^[^\s@]+@[^\s@]+$/.test(form.email)) return "Die E-Mail-Adresse ist ungültig.";
  if (form.role !== "admin" && form.teamId === null)
    return "Sachbearbeitung und Teamleitung brauchen ein Team.";
  if (form.teamId !== null && !(await deps.repo.listTeams()).some((t) => t.id === form.teamId)) {
    return `Unbekanntes Team: ${form.teamId}.`;
  }
  return null;
}
