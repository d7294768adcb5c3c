/** A document's history in German: routing and actions for everyone, views and downloads for supervisors too. */
import type { EventRow } from "../../db/event-log.js";
import { OfficeTime } from "./document-display.js";

/** Reads; shown to supervisors and admins as the audit trail, not to caseworkers. */
const AUDIT_ONLY = new Set(["document.viewed", "document.downloaded", "document.access-denied"]);

function text(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === "string" ? v : v === null || v === undefined ? "–" : JSON.stringify(v);
}

export function describeEvent(e: EventRow): string {
  const data = JSON.parse(e.data) as Record<string, unknown>;
  switch (e.action) {
    case "document.routed":
      return `Zugeordnet (${text(data, "queue")}): ${text(data, "reason")}`;
    case "document.done":
      return "Als erledigt markiert.";
    case "document.forwarded":
      return `Weitergeleitet an ${text(data, "to")}: ${text(data, "note")}`;
    case "document.returned":
      return `An das Clearing zurückgegeben: ${text(data, "reason")}`;
    case "document.noted":
      return `Notiz: ${text(data, "text")}`;
    case "document.corrected":
      return `Metadaten korrigiert, neu zugeordnet an ${text(data, "to")}: ${text(data, "reason")}`;
    case "document.reassigned": {
      const to = (data.to ?? {}) as Record<string, unknown>;
      return `Umverteilt an ${text(to, "queue")}: ${text(data, "reason")}`;
    }
    case "cover-sheet.rejected":
      return `Deckblatt auf Seite ${text(data, "page")} abgelehnt${data.serial ? ` (Nr. ${text(data, "serial")})` : ""}: ${text(data, "reason")}`;
    case "document.viewed":
      return "Angesehen.";
    case "document.downloaded":
      return "PDF abgerufen.";
    case "document.access-denied":
      return "Zugriff verweigert (kein dienstlicher Bedarf).";
    default:
      return e.action;
  }
}

export function DocumentHistory(props: { events: EventRow[]; timeZone: string; fullAudit: boolean }) {
  const shown = props.fullAudit ? props.events : props.events.filter((e) => !AUDIT_ONLY.has(e.action));
  return (
    <section aria-labelledby="verlauf">
      <h2 id="verlauf">{props.fullAudit ? "Verlauf und Zugriffsprotokoll" : "Verlauf"}</h2>
      <ol class="history">
        {shown.map((e) => (
          <li data-action={e.action}>
            <OfficeTime iso={e.at} timeZone={props.timeZone} /> · {e.actor}: {describeEvent(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
