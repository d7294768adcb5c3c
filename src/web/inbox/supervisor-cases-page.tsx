/** Akten umverteilen: cases (listed or by letter range) to another person from a date; and a case's history. */
import type { Context, Hono } from "hono";
import type { CaseAssignmentRow } from "../../db/office-repository.js";
import { reassignCases } from "../../office/supervisor/reassign-cases.js";
import { today } from "../../office/supervisor/supervisor-deps.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, scopeOf, toActor } from "./supervisor-context.js";
import {
  CsrfField,
  field,
  formatDateTime,
  formatGermanDate,
  noticeFrom,
  PersonOptions,
  SubNav,
  toIsoDay,
} from "./supervisor-view.js";

function CaseHistory(props: { rows: CaseAssignmentRow[]; caseRef: string; timeZone: string }) {
  const { rows } = props;
  if (rows.length === 0) return <p>Für {props.caseRef} ist kein Verlauf gespeichert.</p>;
  return (
    <table>
      <caption>Verlauf der Akte {props.caseRef}</caption>
      <thead>
        <tr>
          <th scope="col">Sachbearbeitung</th>
          <th scope="col">von</th>
          <th scope="col">bis</th>
          <th scope="col">geändert von</th>
          <th scope="col">Grund</th>
          <th scope="col">am</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>{r.assignee}</td>
            <td>{formatGermanDate(r.fromDate)}</td>
            <td>{r.toDate === null ? "heute" : formatGermanDate(r.toDate)}</td>
            <td>{r.changedBy}</td>
            <td>{r.reason ?? "–"}</td>
            <td>{formatDateTime(r.at, props.timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Need-to-know: a supervisor reads the history of cases now held in their team. */
async function mayViewCase(
  deps: SupervisorPageDeps,
  scope: string | null,
  caseRef: string,
): Promise<boolean> {
  if (scope === null) return true;
  const [entry] = await deps.office.repo.registerEntries([caseRef]);
  if (entry === undefined) return false;
  const people = await deps.office.repo.listPeople();
  return people.find((p) => p.login === entry.assignee)?.teamId === scope;
}

export function registerCasesPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  async function render(c: Context<PageEnv>, error: string | null = null) {
    const scope = scopeOf(c.get("user"));
    const people = (await deps.office.repo.listPeople()).filter((p) => scope === null || p.teamId === scope);
    const caseRef = c.req.query("akte")?.trim() ?? "";
    const visible = caseRef !== "" && (await mayViewCase(deps, scope, caseRef));
    const history = visible ? await deps.office.repo.caseHistory(caseRef) : [];
    return renderPage(
      c,
      {
        title: "Akten umverteilen",
        active: "teamleitung",
        notice: noticeFrom(c),
        error,
        status: error ? 400 : 200,
      },
      <>
        <h1>Akten umverteilen</h1>
        <SubNav area="team" current="/team/akten" />
        <form method="post" action="/team/akten">
          <CsrfField c={c} />
          <p>
            <label for="from">Bisherige Sachbearbeitung</label>
            <select id="from" name="from" required>
              <PersonOptions people={people} empty="– bitte wählen –" />
            </select>
          </p>
          <p>
            <label for="to">Neue Sachbearbeitung</label>
            <select id="to" name="to" required>
              <PersonOptions people={people} empty="– bitte wählen –" />
            </select>
          </p>
          <p>
            <label for="cases">Aktenzeichen (eines pro Zeile)</label>
            <textarea id="cases" name="cases" rows={4} />
          </p>
          <fieldset>
            <legend>oder alle Akten der bisherigen Person im Buchstabenbereich</legend>
            <label for="range-from">von</label>{" "}
            <input id="range-from" name="rangeFrom" size={4} maxlength={10} />{" "}
            <label for="range-to">bis</label> <input id="range-to" name="rangeTo" size={4} maxlength={10} />
          </fieldset>
          <p>
            <label for="date">Stichtag</label>
            <input id="date" name="date" type="date" value={today(deps.office)} required />
          </p>
          <p>
            <input id="take" name="take" type="checkbox" value="1" checked />{" "}
            <label for="take">Offene Dokumente dieser Akten mitnehmen</label>
          </p>
          <p>
            <label for="case-reason">Grund (Pflichtfeld)</label>
            <input id="case-reason" name="reason" required maxlength={500} />
          </p>
          <button type="submit" class="button">
            Akten umverteilen
          </button>
        </form>
        <h2>Verlauf einer Akte</h2>
        <form method="get" action="/team/akten">
          <label for="akte">Aktenzeichen</label> <input id="akte" name="akte" value={caseRef} />{" "}
          <button type="submit" class="button secondary">
            Verlauf anzeigen
          </button>
        </form>
        {caseRef !== "" && !visible && (
          <p>Die Akte {caseRef} gehört nicht zu Ihrem Team oder ist unbekannt.</p>
        )}
        {visible && <CaseHistory rows={history} caseRef={caseRef} timeZone={deps.timeZone} />}
      </>,
    );
  }
  pages.get("/team/akten", (c) => render(c));
  pages.post("/team/akten", async (c) => {
    const body = await c.req.parseBody();
    const rangeFrom = field(body, "rangeFrom").trim();
    const rangeTo = field(body, "rangeTo").trim();
    const result = await reassignCases(deps.office, toActor(c.get("user")), {
      fromAssignee: field(body, "from"),
      toAssignee: field(body, "to"),
      caseRefs: field(body, "cases").split(/[\r\n;,]+/),
      letterRange: rangeFrom !== "" || rangeTo !== "" ? { from: rangeFrom || "A", to: rangeTo || "Z" } : null,
      effectiveDate: toIsoDay(field(body, "date")),
      takeOpenDocuments: field(body, "take") === "1",
      reason: field(body, "reason"),
    });
    if (!result.ok) return render(c, result.reason);
    const first = result.cases[0] ?? "";
    return c.redirect(
      `/team/akten?hinweis=akten&n=${result.cases.length}&akte=${encodeURIComponent(first)}`,
      303,
    );
  });
}
