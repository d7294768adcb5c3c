/**
 * GET /postkorb — "Mein Postkorb": my open documents, those of people whose substitute chain ends with me, and my
 * team's queue (documents no one has yet), oldest first.
 */
import type { Context, Hono } from "hono";
import type { OwnQueueView, QueueCounts, QueueSet } from "../../db/caseworker-queue-queries.js";
import { formatIsoDateGerman, officeDate } from "../../domain/office-time.js";
import type { Substitution } from "../../domain/permissions.js";
import { csrfField } from "../auth/csrf.js";
import { toViewer } from "../auth/session-user.js";
import type { CaseworkerContext } from "./caseworker-context.js";
import { noticeFor } from "./caseworker-notices.js";
import { PAGE_SIZE, type QueuePageFilter, readQueueFilter, toQueueQuery } from "./caseworker-queue-filter.js";
import { CaseworkerQueueTable } from "./caseworker-queue-table.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";

/** "Vertretung für sb3", with the people in between when the chain is longer ("über sb2"). */
function substituteLabel(s: Substitution): string {
  const between = s.chain.slice(1, -1);
  return `Vertretung für ${s.person}${between.length > 0 ? ` (über ${between.join(", ")})` : ""}`;
}

function FilterForm(props: {
  filter: QueuePageFilter;
  queues: OwnQueueView;
  docTypes: string[];
  me: string;
}) {
  const { filter, queues } = props;
  return (
    <form method="get" action="/postkorb" class="filters" aria-label="Postkorb filtern">
      <p>
        <label for="f-postkorb">Postkorb</label>
        <select id="f-postkorb" name="postkorb">
          <option value="alle" selected={filter.queue === "alle"}>
            Alle meine Postkörbe
          </option>
          <option value={props.me} selected={filter.queue === props.me}>
            Nur mein eigener
          </option>
          {queues.substitutions.map((s) => (
            <option value={s.person} selected={filter.queue === s.person}>
              {substituteLabel(s)}
            </option>
          ))}
          {queues.teamQueue !== null && (
            <option value={queues.teamQueue} selected={filter.queue === queues.teamQueue}>
              Teampostkorb {queues.teamQueueName}
            </option>
          )}
        </select>
      </p>
      <p>
        <label for="f-art">Dokumentart</label>
        <select id="f-art" name="art">
          <option value="">Alle</option>
          {props.docTypes.map((t) => (
            <option value={t} selected={filter.docType === t}>
              {t}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="f-q">Suche (Aktenzeichen, Kd.-Nr., Name, Datei)</label>
        <input id="f-q" name="q" type="search" value={filter.search ?? ""} />
      </p>
      <p class="checkbox">
        <label>
          <input type="checkbox" name="markiert" value="1" checked={filter.flaggedOnly} /> nur mit Hinweisen
        </label>
      </p>
      <p>
        <button type="submit">Filtern</button>
      </p>
    </form>
  );
}

function Pagination(props: { filter: QueuePageFilter; total: number }) {
  const pages = Math.max(1, Math.ceil(props.total / PAGE_SIZE));
  const { page } = props.filter;
  if (pages === 1) return null;
  return (
    <nav class="pagination" aria-label="Seiten">
      {page > 1 && <a href={`/postkorb${toQueueQuery(props.filter, page - 1)}`}>← Vorherige Seite</a>}
      <span>
        Seite {page} von {pages}
      </span>
      {page < pages && <a href={`/postkorb${toQueueQuery(props.filter, page + 1)}`}>Nächste Seite →</a>}
    </nav>
  );
}

/** Open documents in `set`'s queues, from the per-queue counts. */
function openIn(counts: QueueCounts, set: QueueSet): number {
  return [...set.assignees, ...(set.queues ?? [])].reduce((n, q) => n + (counts.byQueue[q] ?? 0), 0);
}

async function showQueue(c: Context<PageEnv>, ctx: CaseworkerContext) {
  const user = c.get("user");
  const now = ctx.now();
  const queues = await ctx.queue.ownQueues(toViewer(user), officeDate(now, ctx.deps.timeZone));
  const { substitutions, teamQueue } = queues;
  const all: QueueSet = {
    assignees: [user.login, ...substitutions.map((s) => s.person)],
    queues: teamQueue === null ? [] : [teamQueue],
  };
  const filter = readQueueFilter(c.req.query(), [...all.assignees, ...(all.queues ?? [])]);
  const shown: QueueSet =
    filter.queue === "alle"
      ? all
      : filter.queue === teamQueue
        ? { assignees: [], queues: [filter.queue] }
        : { assignees: [filter.queue] };
  const narrowing = { docType: filter.docType, search: filter.search, flaggedOnly: filter.flaggedOnly };
  const narrowed = filter.docType !== null || filter.search !== null || filter.flaggedOnly;
  const [items, counts, narrowedTotal] = await Promise.all([
    ctx.queue.listQueue(user.login, {
      ...shown,
      ...narrowing,
      limit: PAGE_SIZE,
      offset: (filter.page - 1) * PAGE_SIZE,
    }),
    ctx.queue.countQueue(user.login, all),
    // Without a filter the shown queues' total is already in the counts: no second count over the same rows.
    narrowed ? ctx.queue.countListed({ ...shown, ...narrowing }) : null,
  ]);
  const total = narrowedTotal ?? openIn(counts, shown);
  // The office's known types: reading the distinct types of a 10,000-document queue costs more than it helps.
  const docTypes = Object.keys(ctx.deps.inbox.settings.docTypes);
  const back = `/postkorb${toQueueQuery(filter)}`;
  return renderPage(
    c,
    { title: "Mein Postkorb", active: "postkorb", notice: noticeFor(c.req.query("meldung")) },
    <>
      <h1>Mein Postkorb</h1>
      <ul class="counts" aria-label="Übersicht">
        <li>
          Offen: <strong data-count="open">{counts.open}</strong>
        </li>
        <li>
          Ungelesen: <strong data-count="unread">{counts.unread}</strong>
        </li>
        {substitutions.map((s) => (
          <li>
            {substituteLabel(s)} bis {formatIsoDateGerman(s.until)}: {counts.byQueue[s.person] ?? 0}
          </li>
        ))}
        {teamQueue !== null && (
          <li data-count="team-queue">
            Teampostkorb {queues.teamQueueName}: {counts.byQueue[teamQueue] ?? 0}
          </li>
        )}
      </ul>
      <FilterForm filter={filter} queues={queues} docTypes={docTypes} me={user.login} />
      <CaseworkerQueueTable
        rows={items}
        me={user.login}
        teamQueueNames={teamQueue === null ? {} : { [teamQueue]: queues.teamQueueName ?? teamQueue }}
        now={now}
        timeZone={ctx.deps.timeZone}
        total={total}
        back={back}
        csrf={csrfField(c.get("csrfToken"))}
      />
      <Pagination filter={filter} total={total} />
      <p class="muted">
        Tastenkürzel: <kbd>j</kbd>/<kbd>k</kbd> bewegen, <kbd>Enter</kbd> öffnen, <kbd>e</kbd> erledigt,{" "}
        <a href="/hilfe">
          <kbd>?</kbd> Hilfe
        </a>
      </p>
    </>,
  );
}

export function registerQueuePage(pages: Hono<PageEnv>, ctx: CaseworkerContext): void {
  pages.get("/postkorb", (c) => showQueue(c, ctx));
}
