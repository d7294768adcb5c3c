/** Dokumente umverteilen and Clearing: open documents with checkboxes → a person or a team, with a reason. */
import type { Context, Hono } from "hono";
import type { DocumentRecord } from "../../ingest/ports.js";
import { type ReassignTarget, reassignDocuments } from "../../office/supervisor/reassign-documents.js";
import { canManageDocument } from "../../office/supervisor/team-access.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, scopeOf, toActor } from "./supervisor-context.js";
import {
  CsrfField,
  field,
  fieldList,
  formatAge,
  formatDateTime,
  noticeFrom,
  type PersonChoice,
  PersonOptions,
  SubNav,
} from "./supervisor-view.js";

interface ListProps {
  title: string;
  path: string;
  docs: DocumentRecord[];
  people: PersonChoice[];
  teams: { id: string; name: string }[];
  timeZone: string;
  now: Date;
}

function DocumentRows(props: { docs: DocumentRecord[]; timeZone: string; now: Date }) {
  return (
    <tbody>
      {props.docs.map((d) => (
        <tr>
          <td>
            <input
              type="checkbox"
              name="doc"
              value={d.id}
              id={`doc-${d.id}`}
              aria-label={`Dokument ${d.id.slice(-8)} auswählen`}
            />
          </td>
          <td>
            <a href={`/dokumente/${d.id}`}>{d.id.slice(-8)}</a>
          </td>
          <td>{d.docType ?? "–"}</td>
          <td>{d.caseRef ?? "–"}</td>
          <td>{d.surname ?? "–"}</td>
          <td>{d.queue === "triage" ? "Clearing" : d.queue}</td>
          <td>{formatDateTime(d.receivedAt, props.timeZone)}</td>
          <td>{formatAge(d.receivedAt, props.now)}</td>
        </tr>
      ))}
    </tbody>
  );
}

function ReassignForm(props: ListProps & { c: Context<PageEnv> }) {
  return (
    <form method="post" action="/team/umverteilen">
      <CsrfField c={props.c} />
      <input type="hidden" name="back" value={props.path} />
      <table>
        <caption>{`${props.docs.length} offene Dokumente, älteste zuerst`}</caption>
        <thead>
          <tr>
            <th scope="col">Auswahl</th>
            <th scope="col">Nr.</th>
            <th scope="col">Dokumentart</th>
            <th scope="col">Aktenzeichen</th>
            <th scope="col">Name</th>
            <th scope="col">Postkorb</th>
            <th scope="col">Eingang</th>
            <th scope="col">Alter</th>
          </tr>
        </thead>
        <DocumentRows docs={props.docs} timeZone={props.timeZone} now={props.now} />
      </table>
      <fieldset>
        <legend>Ausgewählte Dokumente umverteilen</legend>
        <p>
          <label for="target">Ziel</label>
          <select id="target" name="target" required>
            <optgroup label="Person">
              <PersonOptions people={props.people} prefix="person:" />
            </optgroup>
            <optgroup label="Teampostkorb">
              {props.teams.map((t) => (
                <option value={`team:${t.id}`}>Team {t.name}</option>
              ))}
            </optgroup>
          </select>
        </p>
        <p>
          <label for="reason">Grund (Pflichtfeld)</label>
          <input id="reason" name="reason" type="text" required maxlength={500} />
        </p>
        <button type="submit" class="button">
          Umverteilen
        </button>
      </fieldset>
    </form>
  );
}

function parseTarget(value: string): ReassignTarget | null {
  if (value.startsWith("person:")) return { kind: "person", login: value.slice(7) };
  if (value.startsWith("team:")) return { kind: "team", teamId: value.slice(5) };
  return null;
}

export function registerDocumentsPages(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  async function render(c: Context<PageEnv>, path: string, error: string | null = null) {
    const user = c.get("user");
    const queue = path === "/team/clearing" ? "triage" : c.req.query("queue") || undefined;
    const scope = scopeOf(user);
    const [found, people, teams] = await Promise.all([
      deps.overview.openDocuments({ teamId: queue === "triage" ? null : scope, queue, limit: 200 }),
      deps.office.repo.listPeople(),
      deps.office.repo.listTeams(),
    ]);
    // A queue named in the URL may belong to another team: keep only what this supervisor may manage.
    const teamOf = (login: string) => people.find((p) => p.login === login)?.teamId ?? null;
    const actor = toActor(user);
    const docs = found.filter((d) => canManageDocument(actor, d, teamOf));
    const title = path === "/team/clearing" ? "Clearing (Poststelle)" : "Dokumente umverteilen";
    const props = { title, path, docs, people, teams, timeZone: deps.timeZone, now: deps.now() };
    return renderPage(
      c,
      { title, active: "teamleitung", notice: noticeFrom(c), error, status: error ? 400 : 200 },
      <>
        <h1>{title}</h1>
        <SubNav area="team" current={path} />
        {queue && path !== "/team/clearing" && (
          <p>
            Gefiltert auf Postkorb {queue}. <a href="/team/dokumente">Alle Postkörbe des Teams</a>
          </p>
        )}
        {docs.length === 0 ? <p>Keine offenen Dokumente.</p> : <ReassignForm {...props} c={c} />}
      </>,
    );
  }
  pages.get("/team/dokumente", (c) => render(c, "/team/dokumente"));
  pages.get("/team/clearing", (c) => render(c, "/team/clearing"));
  pages.post("/team/umverteilen", async (c) => {
    const body = await c.req.parseBody({ all: true });
    const back = field(body, "back") === "/team/clearing" ? "/team/clearing" : "/team/dokumente";
    const target = parseTarget(field(body, "target"));
    if (target === null) return render(c, back, "Bitte ein Ziel wählen.");
    const result = await reassignDocuments(deps.office, toActor(c.get("user")), {
      documentIds: fieldList(body, "doc"),
      target,
      reason: field(body, "reason"),
    });
    if (!result.ok) return render(c, back, result.reason);
    return c.redirect(`${back}?hinweis=umverteilt&n=${result.moved.length}`, 303);
  });
}
