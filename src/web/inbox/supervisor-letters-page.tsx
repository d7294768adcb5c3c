/** Buchstabenzuständigkeit per team: ranges, the gaps and overlaps over A–Z, add and delete. */
import type { Context, Hono } from "hono";
import type { LetterRangeRow } from "../../db/office-repository.js";
import { analyseLetterCoverage, type CoverageReport } from "../../domain/letter-coverage.js";
import { resolveRoutingOptions } from "../../domain/routing-options.js";
import { deleteLetterRange } from "../../office/supervisor/delete-letter-range.js";
import { saveLetterRange } from "../../office/supervisor/save-letter-range.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, scopeOf, toActor } from "./supervisor-context.js";
import { CsrfField, field, noticeFrom, type PersonChoice, PersonOptions, SubNav } from "./supervisor-view.js";

function CoverageSummary(props: { report: CoverageReport }) {
  const { gaps, overlaps, invalid } = props.report;
  if (gaps.length + overlaps.length + invalid.length === 0)
    return <p class="notice">A–Z ist lückenlos und ohne Überschneidung verteilt.</p>;
  return (
    <ul>
      {gaps.map((g) => (
        <li>
          <strong>Lücke</strong> {g.from}–{g.to}: niemand zuständig (Dokumente gehen in den Teampostkorb)
        </li>
      ))}
      {overlaps.map((o) => (
        <li>
          <strong>Überschneidung</strong> {o.from}–{o.to}: {o.assignees.join(", ")} (der erste Bereich
          gewinnt)
        </li>
      ))}
      {invalid.map((i) => (
        <li>
          <strong>Ungültig</strong> {i.range.from}–{i.range.to}: {i.reason}
        </li>
      ))}
    </ul>
  );
}

function TeamRanges(props: {
  c: Context<PageEnv>;
  team: { id: string; name: string };
  ranges: LetterRangeRow[];
  people: PersonChoice[];
  report: CoverageReport;
}) {
  const { c, team } = props;
  return (
    <section aria-labelledby={`team-${team.id}`}>
      <h2 id={`team-${team.id}`}>Team {team.name}</h2>
      <CoverageSummary report={props.report} />
      <table>
        <caption>Buchstabenbereiche {team.name}</caption>
        <thead>
          <tr>
            <th scope="col">von</th>
            <th scope="col">bis</th>
            <th scope="col">Sachbearbeitung</th>
            <th scope="col">Aktion</th>
          </tr>
        </thead>
        <tbody>
          {props.ranges.map((r) => (
            <tr>
              <td>{r.fromKey}</td>
              <td>{r.toKey}</td>
              <td>{r.assignee}</td>
              <td>
                <form method="post" action={`/team/buchstaben/${r.id}/loeschen`} class="inline">
                  <CsrfField c={c} />
                  <button
                    type="submit"
                    class="button secondary"
                    aria-label={`Bereich ${r.fromKey}–${r.toKey} löschen`}
                  >
                    Löschen
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/team/buchstaben">
        <CsrfField c={c} />
        <input type="hidden" name="team" value={team.id} />
        <label for={`from-${team.id}`}>von</label>{" "}
        <input id={`from-${team.id}`} name="from" size={4} maxlength={10} required />{" "}
        <label for={`to-${team.id}`}>bis</label>{" "}
        <input id={`to-${team.id}`} name="to" size={4} maxlength={10} required />{" "}
        <label for={`who-${team.id}`}>Sachbearbeitung</label>{" "}
        <select id={`who-${team.id}`} name="assignee" required>
          <PersonOptions people={props.people.filter((p) => p.teamId === team.id)} />
        </select>{" "}
        <button type="submit" class="button">
          Bereich hinzufügen
        </button>
      </form>
    </section>
  );
}

export function registerLettersPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  async function render(c: Context<PageEnv>, error: string | null = null) {
    const scope = scopeOf(c.get("user"));
    const [teams, ranges, people] = await Promise.all([
      deps.office.repo.listTeams(),
      deps.office.repo.listLetterRanges(scope),
      deps.office.repo.listPeople(),
    ]);
    const variant = resolveRoutingOptions(deps.office.routingOptions).umlautVariant;
    const domainRanges = ranges.map((r) => ({
      teamId: r.teamId,
      from: r.fromKey,
      to: r.toKey,
      assignee: r.assignee,
    }));
    const shown = teams.filter((t) => scope === null || t.id === scope);
    return renderPage(
      c,
      {
        title: "Buchstabenzuständigkeit",
        active: "teamleitung",
        notice: noticeFrom(c),
        error,
        status: error ? 400 : 200,
      },
      <>
        <h1>Buchstabenzuständigkeit</h1>
        <SubNav area="team" current="/team/buchstaben" />
        {shown.map((team) => (
          <TeamRanges
            c={c}
            team={team}
            people={people}
            ranges={ranges.filter((r) => r.teamId === team.id)}
            report={analyseLetterCoverage(domainRanges, team.id, variant)}
          />
        ))}
      </>,
    );
  }
  pages.get("/team/buchstaben", (c) => render(c));
  pages.post("/team/buchstaben", async (c) => {
    const body = await c.req.parseBody();
    const result = await saveLetterRange(deps.office, toActor(c.get("user")), {
      id: null,
      teamId: field(body, "team"),
      from: field(body, "from"),
      to: field(body, "to"),
      assignee: field(body, "assignee"),
    });
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/team/buchstaben?hinweis=gespeichert", 303);
  });
  pages.post("/team/buchstaben/:id/loeschen", async (c) => {
    const result = await deleteLetterRange(deps.office, toActor(c.get("user")), Number(c.req.param("id")));
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/team/buchstaben?hinweis=geloescht", 303);
  });
}
