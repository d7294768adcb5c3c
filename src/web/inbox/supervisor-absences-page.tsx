/** Abwesenheiten: list with the substitute chain as it stands on each absence's first day, add, delete. */
import type { Context, Hono } from "hono";
import { resolveSubstitute } from "../../domain/substitute-chain.js";
import { deleteAbsence } from "../../office/supervisor/delete-absence.js";
import { saveAbsence } from "../../office/supervisor/save-absence.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, scopeOf, toActor } from "./supervisor-context.js";
import {
  CsrfField,
  field,
  formatGermanDate,
  noticeFrom,
  orNull,
  PersonOptions,
  SubNav,
  toIsoDay,
} from "./supervisor-view.js";

export function registerAbsencesPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  async function render(c: Context<PageEnv>, error: string | null = null) {
    const scope = scopeOf(c.get("user"));
    const office = await deps.office.repo.loadOffice();
    const rows = await deps.office.repo.listAbsences();
    const teamOf = (login: string) => office.people.find((p) => p.login === login)?.teamId ?? null;
    const visible = rows.filter((a) => scope === null || teamOf(a.login) === scope);
    const own = office.people.filter((p) => scope === null || p.teamId === scope);
    return renderPage(
      c,
      {
        title: "Abwesenheiten",
        active: "teamleitung",
        notice: noticeFrom(c),
        error,
        status: error ? 400 : 200,
      },
      <>
        <h1>Abwesenheiten und Vertretungen</h1>
        <SubNav area="team" current="/team/abwesenheiten" />
        <table>
          <caption>Eingetragene Abwesenheiten</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">von</th>
              <th scope="col">bis</th>
              <th scope="col">Vertretung</th>
              <th scope="col">Vertretungskette am ersten Tag</th>
              <th scope="col">Notiz</th>
              <th scope="col">Aktion</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((a) => {
              const chain = resolveSubstitute(a.login, office.absences, a.fromDate).chain;
              return (
                <tr>
                  <td>{a.login}</td>
                  <td>{formatGermanDate(a.fromDate)}</td>
                  <td>{formatGermanDate(a.toDate)}</td>
                  <td>{a.substitute ?? "keine (Teampostkorb)"}</td>
                  <td>{chain.length > 0 ? chain.join(" → ") : "–"}</td>
                  <td>{a.note ?? ""}</td>
                  <td>
                    <form method="post" action={`/team/abwesenheiten/${a.id}/loeschen`} class="inline">
                      <CsrfField c={c} />
                      <button
                        type="submit"
                        class="button secondary"
                        aria-label={`Abwesenheit von ${a.login} ab ${formatGermanDate(a.fromDate)} löschen`}
                      >
                        Löschen
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>Abwesenheit eintragen</h2>
        <form method="post" action="/team/abwesenheiten">
          <CsrfField c={c} />
          <p>
            <label for="person">Person</label>
            <select id="person" name="person" required>
              <PersonOptions people={own} empty="– bitte wählen –" />
            </select>
          </p>
          <p>
            <label for="from">von</label> <input id="from" name="from" type="date" required />{" "}
            <label for="to">bis</label> <input id="to" name="to" type="date" required />
          </p>
          <p>
            <label for="substitute">Vertretung</label>
            <select id="substitute" name="substitute">
              <PersonOptions people={office.people} empty="keine – Dokumente in den Teampostkorb" />
            </select>
          </p>
          <p>
            <label for="note">Notiz</label> <input id="note" name="note" maxlength={200} />
          </p>
          <button type="submit" class="button">
            Eintragen
          </button>
        </form>
      </>,
    );
  }
  pages.get("/team/abwesenheiten", (c) => render(c));
  pages.post("/team/abwesenheiten", async (c) => {
    const body = await c.req.parseBody();
    const result = await saveAbsence(deps.office, toActor(c.get("user")), {
      id: null,
      person: field(body, "person"),
      from: toIsoDay(field(body, "from")),
      to: toIsoDay(field(body, "to")),
      substitute: orNull(field(body, "substitute")),
      note: orNull(field(body, "note")),
    });
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/team/abwesenheiten?hinweis=gespeichert", 303);
  });
  pages.post("/team/abwesenheiten/:id/loeschen", async (c) => {
    const result = await deleteAbsence(deps.office, toActor(c.get("user")), Number(c.req.param("id")));
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/team/abwesenheiten?hinweis=geloescht", 303);
  });
}
