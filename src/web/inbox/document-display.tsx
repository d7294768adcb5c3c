/** Small display pieces shared by the queue and the document page: times, ages, flags, queue labels. */
import type { EventRow } from "../../db/event-log.js";
import { describeFlag, type FlagDetails } from "../../domain/document-flags.js";
import { formatOfficeDateTime, toOfficeIso } from "../../domain/office-time.js";
import type { DocumentRecord } from "../../ingest/ports.js";

/** A receipt time as people read it (`25.11.2026, 09:41`, office time zone), machine-readable in datetime. */
export function OfficeTime(props: { iso: string; timeZone: string }) {
  const date = new Date(props.iso);
  return (
    <time datetime={toOfficeIso(date, props.timeZone)}>{formatOfficeDateTime(date, props.timeZone)}</time>
  );
}

/** "12 Min.", "5 Std.", "3 Tage": how long a document has been waiting. */
export function formatAge(receivedAt: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(receivedAt)) / 60_000));
  if (minutes < 60) return `${minutes} Min.`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} Std.`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "1 Tag" : `${days} Tage`;
}

/** Hint badges in German; with the splitter's facts where known: "Seitenzahl weicht ab (3 angegeben, 2 gefunden)". */
export function Flags(props: { flags: string[]; details?: FlagDetails }) {
  return (
    <>
      {props.flags.map((f) => (
        <span class="badge" data-flag={f}>
          {describeFlag(f, props.details?.[f])}
        </span>
      ))}
    </>
  );
}

/** The facts behind a document's flags, as its (latest) routing event recorded them. */
export function flagDetailsOf(events: Pick<EventRow, "action" | "data">[]): FlagDetails {
  const routed = events.filter((e) => e.action === "document.routed").at(-1);
  if (!routed) return {};
  const details = (JSON.parse(routed.data) as { flagDetails?: unknown }).flagDetails;
  return details && typeof details === "object" ? (details as FlagDetails) : {};
}

/** Where a document lies, in words: "Mein Postkorb", "Vertretung für sb3", "Teampostkorb grusi", "Clearing". */
export function describeQueue(doc: Pick<DocumentRecord, "queue" | "assignee">, viewer: string): string {
  if (doc.assignee === viewer) return "Mein Postkorb";
  if (doc.assignee) return doc.assignee;
  if (doc.queue === "triage") return "Clearing";
  return doc.queue.startsWith("team:") ? `Teampostkorb ${doc.queue.slice(5)}` : doc.queue;
}
