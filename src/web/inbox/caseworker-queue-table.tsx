/** The queue table: one row per document with age, type, case, name, pages, receipt time, hints and "Erledigt". */
import type { Child } from "hono/jsx";
import type { QueueItem } from "../../db/caseworker-queue-queries.js";
import { FLAG_POSSIBLE_DUPLICATE, flagLabel } from "../../domain/document-flags.js";
import { toOfficeIso } from "../../domain/office-time.js";
import { Flags, formatAge } from "./document-display.js";

interface TableProps {
  rows: QueueItem[];
  me: string;
  now: Date;
  timeZone: string;
  total: number;
  /** Where "Erledigt" returns to (the same filtered list). */
  back: string;
  csrf: Child;
  /** Team queues shown in this list (`team:<id>` → team name), marked as such. */
  teamQueueNames?: Record<string, string>;
}

/**
 * "Eigener", or whom I stand in for: documents still in the absent person's queue, and documents the router
 * gave me as the end of a substitute chain (routeChain ["sb3", "sb2"]).
 */
function QueueOwner(props: { doc: QueueItem["doc"]; me: string; teamQueueNames?: Record<string, string> }) {
  const { doc, me } = props;
  if (doc.assignee === null) {
    const name = props.teamQueueNames?.[doc.queue] ?? doc.queue;
    return (
      <span class="badge info" data-team-queue>
        Teampostkorb {name}
      </span>
    );
  }
  const absent = doc.assignee !== me ? doc.assignee : doc.routeChain.length > 1 ? doc.routeChain[0] : null;
  if (!absent || absent === me) return <>Eigener</>;
  return <span class="badge info">Vertretung für {absent}</span>;
}

/**
 * The receipt time as `<time datetime>` value and German display ("25.11.2026, 09:41"), read from one office-time
 * conversion: each conversion builds an Intl formatter, and three per row were most of a 50-row page's time.
 */
function officeStamp(iso: string, timeZone: string): { iso: string; display: string } {
  const local = toOfficeIso(new Date(iso), timeZone);
  return {
    iso: local,
    display: `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)}, ${local.slice(11, 16)}`,
  };
}

function QueueRow(props: { row: QueueItem } & Omit<TableProps, "rows" | "total">) {
  const { doc, unread, possibleDuplicate } = props.row;
  const label = doc.docType ?? "Dokument ohne Dokumentart";
  const received = officeStamp(doc.receivedAt, props.timeZone);
  return (
    <tr data-queue-row class={unread ? "unread" : undefined}>
      <td>{formatAge(doc.receivedAt, props.now)}</td>
      <td>
        <a href={`/dokumente/${doc.id}`} data-open>
          {label}
        </a>{" "}
        {unread && <span class="badge info">Neu</span>}
      </td>
      <td>{doc.caseRef ?? "–"}</td>
      <td>{doc.surname ?? "–"}</td>
      <td>{doc.pageCount}</td>
      <td>
        <time datetime={received.iso}>{received.display}</time>
      </td>
      <td>
        <Flags flags={doc.flags} />
        {possibleDuplicate && !doc.flags.includes(FLAG_POSSIBLE_DUPLICATE) && (
          <span class="badge" data-flag={FLAG_POSSIBLE_DUPLICATE}>
            {flagLabel(FLAG_POSSIBLE_DUPLICATE)}
          </span>
        )}
      </td>
      <td>
        <QueueOwner doc={doc} me={props.me} teamQueueNames={props.teamQueueNames} />
      </td>
      <td>
        <form method="post" action={`/dokumente/${doc.id}/erledigt`} data-done class="inline">
          {props.csrf}
          <input type="hidden" name="zurueck" value={props.back} />
          <button type="submit" class="secondary">
            Erledigt
            <span class="visually-hidden">
              : {label} vom {received.display}
            </span>
          </button>
        </form>
      </td>
    </tr>
  );
}

export function CaseworkerQueueTable(props: TableProps) {
  if (props.rows.length === 0)
    return (
      <p class="empty" data-empty>
        Keine offenen Dokumente für diese Auswahl.
      </p>
    );
  return (
    <table class="queue">
      <caption>{props.total} offene Dokumente, die ältesten zuerst</caption>
      <thead>
        <tr>
          <th scope="col">Alter</th>
          <th scope="col">Dokumentart</th>
          <th scope="col">Aktenzeichen</th>
          <th scope="col">Name</th>
          <th scope="col">Seiten</th>
          <th scope="col">Eingangsdatum</th>
          <th scope="col">Hinweise</th>
          <th scope="col">Postkorb</th>
          <th scope="col">Aktion</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <QueueRow row={row} {...props} />
        ))}
      </tbody>
    </table>
  );
}
