/** Small display pieces shared by the queue and the document page: times, ages, flags, queue labels. */
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

export const FLAG_LABELS: Record<string, string> = {
  "page-count-mismatch": "Seitenzahl weicht ab",
  "possible-duplicate": "Mögliches Duplikat",
  "cover-sheet-invalid": "Deckblatt ungültig",
};

export function Flags(props: { flags: string[] }) {
  return (
    <>
      {props.flags.map((f) => (
        <span class="badge">{FLAG_LABELS[f] ?? f}</span>
      ))}
    </>
  );
}

/** Where a document lies, in words: "Mein Postkorb", "Vertretung für sb3", "Teampostkorb grusi", "Clearing". */
export function describeQueue(doc: Pick<DocumentRecord, "queue" | "assignee">, viewer: string): string {
  if (doc.assignee === viewer) return "Mein Postkorb";
  if (doc.assignee) return doc.assignee;
  if (doc.queue === "triage") return "Clearing";
  return doc.queue.startsWith("team:") ? `Teampostkorb ${doc.queue.slice(5)}` : doc.queue;
}
