/** Regeln: document type → responsible team. */
import type { Context, Hono } from "hono";
import { deleteDocTypeRule } from "../../office/supervisor/delete-doc-type-rule.js";
import { saveDocTypeRule } from "../../office/supervisor/save-doc-type-rule.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, scopeOf, toActor } from "./supervisor-context.js";
import { CsrfField, field, noticeFrom, SubNav } from "./supervisor-view.js";

export function registerRulesPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  async function render(c: Context<PageEnv>, error: string | null = null) {
    const scope = scopeOf(c.get("user"));
    const [rules, teams] = await Promise.all([deps.office.repo.listRules(), deps.office.repo.listTeams()]);
    const nameOf = (id: string) => teams.find((t) => t.id === id)?.name ?? id;
    const ownTeams = teams.filter((t) => scope === null || t.id === scope);
    return renderPage(
      c,
      { title: "Regeln", active: "teamleitung", notice: noticeFrom(c), error, status: error ? 400 : 200 },
      <>
        <h1>Dokumentart → Team</h1>
        <SubNav area="team" current="/team/regeln" />
        <table>
          <caption>Regeln für Dokumente ohne Treffer im Aktenregister</caption>
          <thead>
            <tr>
              <th scope="col">Dokumentart</th>
              <th scope="col">Team</th>
              <th scope="col">Aktion</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr>
                <td>{r.docType}</td>
                <td>{nameOf(r.teamId)}</td>
                <td>
                  {(scope === null || r.teamId === scope) && (
                    <form method="post" action="/team/regeln/loeschen" class="inline">
                      <CsrfField c={c} />
                      <input type="hidden" name="docType" value={r.docType} />
                      <button
                        type="submit"
                        class="button secondary"
                        aria-label={`Regel ${r.docType} löschen`}
                      >
                        Löschen
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Regel hinzufügen oder ändern</h2>
        <form method="post" action="/team/regeln">
          <CsrfField c={c} />
          <label for="doc-type">Dokumentart</label>{" "}
          <input id="doc-type" name="docType" required maxlength={80} /> <label for="rule-team">Team</label>{" "}
          <select id="rule-team" name="team">
            {ownTeams.map((t) => (
              <option value={t.id}>{t.name}</option>
            ))}
          </select>{" "}
          <button type="submit" class="button">
            Speichern
          </button>
        </form>
      </>,
    );
  }
  pages.get("/team/regeln", (c) => render(c));
  pages.post("/team/regeln", async (c) => {
    const body = await c.req.parseBody();
    const result = await saveDocTypeRule(deps.office, toActor(c.get("user")), {
      docType: field(body, "docType"),
      teamId: field(body, "team"),
    });
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/team/regeln?hinweis=gespeichert", 303);
  });
  pages.post("/team/regeln/loeschen", async (c) => {
    const body = await c.req.parseBody();
    const result = await deleteDocTypeRule(deps.office, toActor(c.get("user")), field(body, "docType"));
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/team/regeln?hinweis=geloescht", 303);
  });
}
