/** The person behind a web session, as pages see them. */
import type { Role } from "../../domain/office.js";
import type { Viewer } from "../../domain/permissions.js";

export interface SessionUser {
  login: string;
  role: Role;
  teamId: string | null;
  displayName: string;
}

export function toViewer(user: SessionUser): Viewer {
  return { login: user.login, role: user.role, teamId: user.teamId };
}

export const ROLE_LABELS: Record<Role, string> = {
  caseworker: "Sachbearbeitung",
  supervisor: "Teamleitung",
  admin: "Verwaltung",
};
