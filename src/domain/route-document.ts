/** Routing: metadata + office snapshot + day → who gets the document, by which rule, and why (DESIGN.md). */

import { pickFewestOpen } from "./fewest-open.js";
import { letterKey } from "./letter-key.js";
import { lookupRegister } from "./lookup-register.js";
import { findLetterRange } from "./match-letter-range.js";
import type { DocumentMetadata } from "./metadata.js";
import type { OfficeSnapshot, Person, Team } from "./office.js";
import type { RouteDecision, RouteRule } from "./route-decision.js";
import {
  type AbsentStatus,
  chainReasons,
  docTypeTeamReason,
  fewestOpenReason,
  joinReason,
  letterRangeReason,
  nobodyPresentReason,
  noLetterRangeReason,
  noMetadataReason,
  noSurnameReason,
  noTeamForPersonReason,
  noTeamRuleReason,
  type Reason,
  teamQueueReason,
  triageReason,
  unknownDocTypeReason,
  unknownTeamReason,
} from "./route-reason.js";
import { type RoutingOptions, resolveRoutingOptions } from "./routing-options.js";
import { findAbsence, resolveSubstitute } from "./substitute-chain.js";

export { letterKey } from "./letter-key.js";
export type { RouteDecision, RouteRule } from "./route-decision.js";
export { defaultRoutingOptions, type RoutingOptions } from "./routing-options.js";
export { resolveSubstitute } from "./substitute-chain.js";

interface RoutingContext {
  office: OfficeSnapshot;
  date: string;
  options: RoutingOptions;
  person(login: string): Person | null;
  team(teamId: string): Team | null;
  isUnavailable(login: string): boolean;
  statusOf(login: string): AbsentStatus;
}

function createContext(office: OfficeSnapshot, date: string, options: RoutingOptions): RoutingContext {
  const person = (login: string) => office.people.find((p) => p.login === login) ?? null;
  return {
    office,
    date,
    options,
    person,
    team: (teamId) => office.teams.find((t) => t.id === teamId) ?? null,
    // Inactive or unknown people count as absent without a substitute.
    isUnavailable: (login) => person(login)?.active !== true,
    statusOf: function statusOf(login) {
      const p = person(login);
      if (p === null) return { kind: "unknown" };
      if (!p.active) return { kind: "inactive" };
      const absence = findAbsence(login, office.absences, date);
      return absence === null ? { kind: "unknown" } : { kind: "absent", until: absence.to };
    },
  };
}

/** `date` is the routing day (ISO yyyy-mm-dd, Europe/Berlin); absences are inclusive ranges of such days. */
export function routeDocument(
  meta: DocumentMetadata,
  office: OfficeSnapshot,
  date: string,
  options?: Partial<RoutingOptions>,
): RouteDecision {
  const ctx = createContext(office, date, resolveRoutingOptions(options));
  if (hasNoMetadata(meta)) return triage([noMetadataReason()], []);
  const lookup = lookupRegister(meta, office.register);
  if (lookup.entry === null) return routeByDocType(meta, lookup.reasons, ctx);
  const owner = lookup.entry.assignee;
  const found = findDocTypeTeam(meta, ctx);
  const teamId = ctx.person(owner)?.teamId ?? (found.team === null ? null : found.team.id);
  return assignThroughChain(owner, lookup.rule, teamId, lookup.reasons, ctx);
}

function hasNoMetadata(meta: DocumentMetadata): boolean {
  return [meta.caseRef, meta.customerNo, meta.surname, meta.docType].every((v) => (v?.trim() ?? "") === "");
}

type DocTypeTeam = { team: Team; docType: string } | { team: null; reason: Reason };

function findDocTypeTeam(meta: DocumentMetadata, ctx: RoutingContext): DocTypeTeam {
  const docType = meta.docType?.trim() ?? "";
  if (docType === "") return { team: null, reason: unknownDocTypeReason() };
  const wanted = docType.toLowerCase();
  const rule = ctx.office.docTypeRules.find((r) => r.docType.toLowerCase() === wanted);
  if (rule === undefined) return { team: null, reason: noTeamRuleReason(docType) };
  const team = ctx.team(rule.teamId);
  return team === null ? { team: null, reason: unknownTeamReason(rule.teamId) } : { team, docType };
}

/** No register hit: the document type's team, then the surname's letter range within that team. */
function routeByDocType(meta: DocumentMetadata, reasons: Reason[], ctx: RoutingContext): RouteDecision {
  const found = findDocTypeTeam(meta, ctx);
  if (found.team === null) return triage([...reasons, found.reason], []);
  const { team } = found;
  const parts = [...reasons, docTypeTeamReason(found.docType, team)];
  const surname = meta.surname?.trim() ?? "";
  if (surname === "") return routeToTeamQueue(team.id, [...parts, noSurnameReason()], [], ctx);
  const key = letterKey(surname, ctx.options);
  const range = findLetterRange(key, ctx.office.letterRanges, team.id, ctx.options.umlautVariant);
  if (range === null)
    return routeToTeamQueue(team.id, [...parts, noLetterRangeReason(surname, key)], [], ctx);
  const rangeReason = letterRangeReason(surname, key, range);
  return assignThroughChain(range.assignee, "letter-range", team.id, [...parts, rangeReason], ctx);
}

/** The responsible person, or their substitute; when the chain fails, the team queue says why. */
function assignThroughChain(
  login: string,
  rule: RouteRule,
  teamId: string | null,
  reasons: Reason[],
  ctx: RoutingContext,
): RouteDecision {
  const resolution = resolveSubstitute(login, ctx.office.absences, ctx.date, ctx.isUnavailable);
  const parts = [...reasons, ...chainReasons(resolution, ctx.statusOf)];
  if (resolution.login !== null) {
    const reason = joinReason(parts);
    return { kind: "person", assignee: resolution.login, teamId, rule, chain: resolution.chain, reason };
  }
  if (teamId === null) return triage([...parts, noTeamForPersonReason(login)], resolution.chain);
  return routeToTeamQueue(teamId, parts, resolution.chain, ctx);
}

/** A team queue is shared, or (queueMode "fewest-open") handed to the least-loaded present member. */
function routeToTeamQueue(
  teamId: string,
  reasons: Reason[],
  chain: string[],
  ctx: RoutingContext,
): RouteDecision {
  const team = ctx.team(teamId);
  if (team === null) return triage([...reasons, unknownTeamReason(teamId)], chain);
  let parts = reasons;
  if (team.queueMode === "fewest-open") {
    const pick = pickFewestOpen(team, ctx.office, ctx.date);
    if (pick !== null) {
      const reason = joinReason([...reasons, fewestOpenReason(team, pick.login, pick.open)]);
      return { kind: "person", assignee: pick.login, teamId: team.id, rule: "fewest-open", chain, reason };
    }
    parts = [...reasons, nobodyPresentReason(team)];
  }
  const reason = joinReason([...parts, teamQueueReason(team)]);
  return { kind: "team", assignee: null, teamId: team.id, rule: "team-queue", chain, reason };
}

function triage(reasons: Reason[], chain: string[]): RouteDecision {
  const reason = joinReason([...reasons, triageReason()]);
  return { kind: "triage", assignee: null, teamId: null, rule: "triage", chain, reason };
}
