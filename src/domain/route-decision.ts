/** What routing decides for one document: who or which queue gets it, by which rule, and why. */

export type RouteRule =
  | "register-case"
  | "register-customer"
  | "letter-range"
  | "team-queue"
  | "fewest-open"
  | "triage";

export interface RouteDecision {
  kind: "person" | "team" | "triage";
  /** Login, for kind "person". */
  assignee: string | null;
  /** The responsible team when known (also for kind "person"). */
  teamId: string | null;
  /** The rule that decided. */
  rule: RouteRule;
  /** Logins followed through substitutes, e.g. ["sb1", "sb2"]; [] when nobody had to be substituted. */
  chain: string[];
  /** A sentence a person can read, naming the rule, the chain and dates (dd.mm.yyyy). */
  reason: { de: string; en: string };
}
