/** Verwaltung – Teams: list, create, rename, queue mode. */
import type { Context, Hono } from "hono";
import type { AdminDeps } from "../../office/admin/admin-deps.js";
import { saveTeam } from "../../office/admin/save-team.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { toActor } from "./supervisor-context.js";
import { CsrfField, field, noticeFrom, SubNav } from "./supervisor-view.js";

const MODE_LABELS = {
  shared: "gemeinsamer Teampostkorb",
  "fewest-open": "an die Person mit den wenigsten offenen",
} as const;

export function registerAdminTeamsPage(pages: Hono<PageEnv>, deps: AdminDeps): void {
  async function render(c: Context<PageEnv>, error: string | null = null) {
    const teams = await deps.repo.listTeams();
    return renderPage(
      c,
      { title: "Teams", active: "verwaltung", notice: noticeFrom(c), error, status: error ? 400 : 200 },
      <>
        <h1>Teams</h1>
        <SubNav area="admin" current="/verwaltung/teams" />
        <table>
          <caption>Teams und Verteilung des Teampostkorbs</caption>
          <thead>
            <tr>
              <th scope="col">Kürzel</th>
              <th scope="col">Name</th>
              <th scope="col">Verteilung</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr>
                <td>{t.id}</td>
                <td>{t.name}</td>
                <td>{MODE_LABELS[t.queueMode]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Team anlegen oder ändern</h2>
        <form method="post" action="/verwaltung/teams">
          <CsrfField c={c} />
          <label for="t-id">Kürzel</label> <input id="t-id" name="id" required pattern="[a-z0-9\-]{2,40}" />{" "}
          <label for="t-name">Name</label> <input id="t-name" name="name" required maxlength={100} />{" "}
          <label for="t-mode">Verteilung</label>{" "}
          <select id="t-mode" name="queueMode">
            <option value="shared">{MODE_LABELS.shared}</option>
            <option value="fewest-open">{MODE_LABELS["fewest-open"]}</option>
          </select>{" "}
          <button type="submit" class="button">
            Speichern
          </button>
        </form>
      </>,
    );
  }
  pages.get("/verwaltung/teams", (c) => render(c));
  pages.post("/verwaltung/teams", async (c) => {
    const body = await c.req.parseBody();
    const mode = field(body, "queueMode") === "fewest-open" ? "fewest-open" : "shared";
    const result = await saveTeam(deps, toActor(c.get("user")), {
      id: field(body, "id").trim(),
      name: field(body, "name"),
      queueMode: mode,
    });
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/verwaltung/teams?hinweis=gespeichert", 303);
  });
}
