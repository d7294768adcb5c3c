/** GET /postkorb — "Mein Postkorb": my open documents and those of people I substitute for, oldest first. */
import type { Context, Hono } from "hono";
import { defaultDocTypes } from "../../domain/doc-types.js";
import { formatIsoDateGerman, officeDate } from "../../domain/office-time.js";
import { csrfField } from "../auth/csrf.js";
import type { CaseworkerContext } from "./caseworker-context.js";
import { noticeFor } from "./caseworker-notices.js";
import { PAGE_SIZE, type QueuePageFilter, readQueueFilter, toQueueQuery } from "./caseworker-queue-filter.js";
import { CaseworkerQueueTable, type QueueRowView } from "./caseworker-queue-table.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";

interface Substitution {
  person: string;
  until: string;
}

function FilterForm(props: {
  filter: QueuePageFilter;
  substitutions: Substitution[];
  docTypes: string[];
  me: string;
}) {
  const { filter } = props;
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
          {props.substitutions.map((s) => (
            <option value={s.person} selected={filter.queue === s.person}>
              Vertretung für {s.person}
            </option>
          ))}
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

async function showQueue(c: Context<PageEnv>, ctx: CaseworkerContext) {
  const user = c.get("user");
  const now = ctx.now();
  const substitutions = await ctx.queue.substitutedBy(user.login, officeDate(now, ctx.deps.timeZone));
  const mine = [user.login, ...substitutions.map((s) => s.person)];
  const filter = readQueueFilter(c.req.query(), mine);
  const assignees = filter.queue === "alle" ? mine : [filter.queue];
  const [list, counts] = await Promise.all([
    ctx.queue.listQueue(user.login, {
      assignees,
      docType: filter.docType,
      search: filter.search,
      flaggedOnly: filter.flaggedOnly,
      limit: PAGE_SIZE,
      offset: (filter.page - 1) * PAGE_SIZE,
    }),
    ctx.queue.countQueue(user.login, mine),
  ]);
  // The office's known types: reading the distinct types of a 10,000-document queue costs more than it helps.
  const docTypes = Object.keys(defaultDocTypes);
  const duplicates = await ctx.queue.findPossibleDuplicates(list.items.map((i) => i.doc));
  const rows: QueueRowView[] = list.items.map((i) => ({ ...i, possibleDuplicate: duplicates.has(i.doc.id) }));
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
            Vertretung für {s.person} bis {formatIsoDateGerman(s.until)}: {counts.byAssignee[s.person] ?? 0}
          </li>
        ))}
      </ul>
      <FilterForm filter={filter} substitutions={substitutions} docTypes={docTypes} me={user.login} />
      <CaseworkerQueueTable
        rows={rows}
        me={user.login}
        now={now}
        timeZone={ctx.deps.timeZone}
        total={list.total}
        back={back}
        csrf={csrfField(c.get("csrfToken"))}
      />
      <Pagination filter={filter} total={list.total} />
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
