/** Confirmations after an action (POST → redirect → GET ?meldung=…): fixed texts, never echoed user input. */
export const NOTICES: Record<string, string> = {
  erledigt: "Das Dokument wurde als erledigt markiert.",
  weitergeleitet: "Das Dokument wurde weitergeleitet.",
  clearing: "Das Dokument wurde an das Clearing zurückgegeben.",
  notiz: "Die Notiz wurde gespeichert.",
  korrigiert: "Die Metadaten wurden korrigiert und das Dokument neu zugeordnet.",
};

export function noticeFor(code: string | undefined): string | null {
  return code ? (NOTICES[code] ?? null) : null;
}
