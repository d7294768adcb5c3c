/** The sentences a routing decision carries, in German (for staff) and English (for operators). */

import type { LetterRange, Team } from "./office.js";
import type { SubstituteResolution } from "./substitute-chain.js";

export interface Reason {
  de: string;
  en: string;
}

/** Why a person in a substitute chain could not take the document. */
export type AbsentStatus = { kind: "absent"; until: string } | { kind: "inactive" } | { kind: "unknown" };

/** "2026-11-30" → "30.11.2026"; anything else is shown unchanged rather than guessed at. */
export function formatGermanDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate;
}

/** Clauses joined with "; " into one sentence per language, starting with a capital. */
export function joinReason(parts: readonly Reason[]): Reason {
  const sentence = (texts: string[]) => {
    const s = texts.join("; ");
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  return { de: sentence(parts.map((p) => p.de)), en: sentence(parts.map((p) => p.en)) };
}

export function registerHitReason(by: "caseRef" | "customerNo", value: string, login: string): Reason {
  return by === "caseRef"
    ? {
        de: `Aktenzeichen ${value} laut Aktenregister bei ${login}`,
        en: `case reference ${value} belongs to ${login} according to the case register`,
      }
    : {
        de: `Kundennummer ${value} laut Aktenregister bei ${login}`,
        en: `customer number ${value} belongs to ${login} according to the case register`,
      };
}

export function unknownCaseRefReason(caseRef: string, customerNoDecides: boolean): Reason {
  return {
    de: `Aktenzeichen ${caseRef} nicht im Aktenregister${customerNoDecides ? ", daher über die Kundennummer" : ""}`,
    en: `case reference ${caseRef} is not in the case register${customerNoDecides ? ", so the customer number decides" : ""}`,
  };
}

export function unknownCustomerNoReason(customerNo: string): Reason {
  return {
    de: `Kundennummer ${customerNo} nicht im Aktenregister`,
    en: `customer number ${customerNo} is not in the case register`,
  };
}

export function docTypeTeamReason(docType: string, team: Team): Reason {
  return {
    de: `Dokumentart ${docType} gehört zu Team ${team.name}`,
    en: `document type ${docType} belongs to team ${team.name}`,
  };
}

export function letterRangeReason(surname: string, key: string, range: LetterRange): Reason {
  return {
    de: `Nachname ${surname} (Schlüssel ${key}) im Buchstabenbereich ${range.from}–${range.to} bei ${range.assignee}`,
    en: `surname ${surname} (key ${key}) falls in letter range ${range.from}–${range.to} of ${range.assignee}`,
  };
}

export function noSurnameReason(): Reason {
  return { de: "kein Nachname angegeben", en: "no surname given" };
}

export function noLetterRangeReason(surname: string, key: string): Reason {
  if (key.length === 0) {
    return {
      de: `Nachname ${surname} lässt sich keinem Buchstaben A–Z zuordnen`,
      en: `surname ${surname} does not map to any letter A–Z`,
    };
  }
  return {
    de: `kein Buchstabenbereich des Teams passt zu ${surname} (Schlüssel ${key})`,
    en: `no letter range of the team covers ${surname} (key ${key})`,
  };
}

function absentStepReason(login: string, status: AbsentStatus, substitute: string | null): Reason {
  if (status.kind === "inactive") return { de: `${login} ist nicht aktiv`, en: `${login} is not active` };
  if (status.kind === "unknown") {
    return { de: `${login} ist keine bekannte Person`, en: `${login} is not a known person` };
  }
  const until = formatGermanDate(status.until);
  return substitute === null
    ? {
        de: `${login} abwesend bis ${until} ohne Vertretung`,
        en: `${login} absent until ${until} with no substitute`,
      }
    : {
        de: `${login} abwesend bis ${until}, Vertretung ${substitute}`,
        en: `${login} absent until ${until}, substitute ${substitute}`,
      };
}

/** One clause per person the chain passed over, plus one naming a cycle. */
export function chainReasons(
  resolution: SubstituteResolution,
  statusOf: (login: string) => AbsentStatus,
): Reason[] {
  const { chain, problem } = resolution;
  const passedOver = problem === "no-substitute" ? chain : chain.slice(0, -1);
  const parts = passedOver.map((login, i) => absentStepReason(login, statusOf(login), chain[i + 1] ?? null));
  if (problem === "cycle") {
    const path = chain.join(" → ");
    parts.push({ de: `Vertretungskette ${path} ist ein Kreis`, en: `substitute chain ${path} is a cycle` });
  }
  return parts;
}

export function teamQueueReason(team: Team): Reason {
  return { de: `daher Teamqueue ${team.name}`, en: `so it goes to the queue of team ${team.name}` };
}

export function fewestOpenReason(team: Team, login: string, open: number): Reason {
  return {
    de: `daher an Team ${team.name}, das nach Auslastung verteilt: ${login} hat die wenigsten offenen Dokumente (${open})`,
    en: `so to team ${team.name}, which assigns by workload: ${login} has the fewest open documents (${open})`,
  };
}

export function nobodyPresentReason(team: Team): Reason {
  return {
    de: `in Team ${team.name} ist niemand anwesend, dem nach Auslastung zugeteilt werden kann`,
    en: `nobody in team ${team.name} is present to be assigned by workload`,
  };
}

export function unknownTeamReason(teamId: string): Reason {
  return { de: `Team ${teamId} ist nicht bekannt`, en: `team ${teamId} is not known` };
}

export function noTeamForPersonReason(login: string): Reason {
  return { de: `für ${login} ist kein Team hinterlegt`, en: `no team is recorded for ${login}` };
}

export function noMetadataReason(): Reason {
  return {
    de: "keine Metadaten erkannt (weder Aktenzeichen noch Kundennummer, Nachname oder Dokumentart)",
    en: "no metadata found (no case reference, customer number, surname or document type)",
  };
}

export function unknownDocTypeReason(): Reason {
  return { de: "Dokumentart unbekannt oder nicht angegeben", en: "document type unknown or not given" };
}

export function noTeamRuleReason(docType: string): Reason {
  return {
    de: `für Dokumentart ${docType} ist keine Teamregel hinterlegt`,
    en: `no team rule exists for document type ${docType}`,
  };
}

export function triageReason(): Reason {
  return { de: "daher zur Klärung in die Poststelle", en: "so it goes to triage" };
}
