/** Statistik: documents received and done per day over the last two weeks, plus today's open queues. */
import type { Hono } from "hono";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, scopeOf } from "./supervisor-context.js";
import { formatGermanDate, SubNav } from "./supervisor-view.js";

const DAYS = 14;

export function registerStatsPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  pages.get("/team/statistik", async (c) => {
    const scope = scopeOf(c.get("user"));
    const since = new Date(deps.now().getTime() - DAYS * 86_400_000).toISOString().slice(0, 10);
    const [days, teams, triage] = await Promise.all([
      deps.overview.dailyCounts(scope, since),
      deps.overview.overview(scope),
      deps.overview.triageFigures(),
    ]);
    return renderPage(
      c,
      { title: "Statistik", active: "teamleitung" },
      <>
        <h1>Statistik</h1>
        <SubNav area="team" current="/team/statistik" />
        <table>
          <caption>{`Eingang und Erledigung je Tag (letzte ${DAYS} Tage, Tage in UTC)`}</caption>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">eingegangen</th>
              <th scope="col">erledigt</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <td>{formatGermanDate(d.day)}</td>
                <td>{d.received}</td>
                <td>{d.done}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Offene Dokumente je Postkorb</caption>
          <thead>
            <tr>
              <th scope="col">Postkorb</th>
              <th scope="col">offen</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Clearing</td>
              <td>{triage.open}</td>
            </tr>
            {teams.flatMap((t) => [
              <tr>
                <td>Teampostkorb {t.teamName}</td>
                <td>{t.teamQueue.open}</td>
              </tr>,
              ...t.people.map((p) => (
                <tr>
                  <td>{p.displayName}</td>
                  <td>{p.open}</td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </>,
    );
  });
}
