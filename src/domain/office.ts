/** The office's routing data as the pure domain sees it: teams, people, register, ranges, absences, rules. */

export type Role = "caseworker" | "supervisor" | "admin";

/** How a team distributes documents that reach the team queue without a person. */
export type TeamQueueMode = "shared" | "fewest-open";

export interface Team {
  id: string;
  name: string;
  queueMode: TeamQueueMode;
}

export interface Person {
  login: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  active: boolean;
}

/** One entry of the case register (Aktenregister): who is responsible for a case. */
export interface RegisterEntry {
  caseRef: string;
  customerNo: string | null;
  surname: string | null;
  assignee: string;
}

/** Buchstabenzuständigkeit: surnames from..to (inclusive, normalised letter keys) belong to a person in a team. */
export interface LetterRange {
  teamId: string;
  from: string;
  to: string;
  assignee: string;
}

/** Vertretung: while `person` is absent (from..to inclusive, ISO dates yyyy-mm-dd), `substitute` takes over. */
export interface Absence {
  person: string;
  from: string;
  to: string;
  substitute: string | null;
}

/** Document type → responsible team. */
export interface DocTypeRule {
  docType: string;
  teamId: string;
}

export interface OfficeSnapshot {
  teams: Team[];
  people: Person[];
  register: RegisterEntry[];
  letterRanges: LetterRange[];
  absences: Absence[];
  docTypeRules: DocTypeRule[];
  /** Open documents per assignee login, for capacity-aware team queues (their members only). */
  openCounts: Record<string, number>;
}
