/** Teamleitung – Übersicht: queue length and oldest open document per person, team queue, triage backlog. */
import type { Hono } from "hono";
import type { QueueFigures, TeamOverview } from "../../db/team-overview-queries.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import type { SupervisorPageDeps } from "./supervisor-context.js";
import { scopeOf } from "./supervisor-context.js";
import { formatAge, formatDateTime, noticeFrom, SubNav } from "./supervisor-view.js";

function TeamTable(props: { team: TeamOverview; now: Date; timeZone: string }) {
  const { team, now, timeZone } = props;
  const rows: { label: string; href: string; figures: QueueFigures; note?: string }[] = [
    ...team.people.map((p) => ({
      label: `${p.displayName} (${p.login})`,
      href: `/team/dokumente?queue=${encodeURIComponent(p.login)}`,
      figures: p,
      note: p.active ? undefined : "deaktiviert",
    })),
    {
      label: "Teampostkorb",
      href: `/team/dokumente?queue=${encodeURIComponent(`team:${team.teamId}`)}`,
      figures: team.teamQueue,
    },
  ];
  return (
    <table>
      <caption>Team {team.teamName}</caption>
      <thead>
        <tr>
          <th scope="col">Postkorb</th>
          <th scope="col">Offen</th>
          <th scope="col">Ältestes Dokument</th>
          <th scope="col">Wartet seit</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">
              <a href={r.href}>{r.label}</a> {r.note && <span class="badge">{r.note}</span>}
            </th>
            <td>{r.figures.open}</td>
            <td>{formatDateTime(r.figures.oldestReceivedAt, timeZone)}</td>
            <td>{formatAge(r.figures.oldestReceivedAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerOverviewPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  // The same figures as JSON, for wall displays and scripts (and the bench's baseline).
  pages.get("/team/uebersicht.json", async (c) => {
    const [teams, triage] = await Promise.all([
      deps.overview.overview(scopeOf(c.get("user"))),
      deps.overview.triageFigures(),
    ]);
    return c.json({ teams, triage });
  });
  pages.get("/team", async (c) => {
    const user = c.get("user");
    const [teams, triage] = await Promise.all([
      deps.overview.overview(scopeOf(user)),
      deps.overview.triageFigures(),
    ]);
    const now = deps.now();
    return renderPage(
      c,
      { title: "Teamleitung", active: "teamleitung", notice: noticeFrom(c) },
      <>
        <h1>Teamleitung</h1>
        <SubNav area="team" current="/team" />
        <ul class="counts" aria-label="Clearing">
          <li>
            <a href="/team/clearing">Clearing (Poststelle)</a>: {triage.open} offen, ältestes wartet seit{" "}
            {formatAge(triage.oldestReceivedAt, now)}
          </li>
        </ul>
        {teams.length === 0 && <p>Ihnen ist kein Team zugeordnet.</p>}
        {teams.map((team) => (
          <TeamTable team={team} now={now} timeZone={deps.timeZone} />
        ))}
      </>,
    );
  });
}
