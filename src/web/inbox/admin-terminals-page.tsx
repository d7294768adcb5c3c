/** Verwaltung – Scan-Terminals: name, sender address, opening hours; add, edit, remove. */
import type { Context, Hono } from "hono";
import type { AdminDeps } from "../../office/admin/admin-deps.js";
import { deleteTerminal } from "../../office/admin/delete-terminal.js";
import { saveTerminal } from "../../office/admin/save-terminal.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { toActor } from "./supervisor-context.js";
import { CsrfField, field, formatDateTime, noticeFrom, orNull, SubNav } from "./supervisor-view.js";

export function registerAdminTerminalsPage(pages: Hono<PageEnv>, deps: AdminDeps, timeZone: string): void {
  async function render(c: Context<PageEnv>, error: string | null = null) {
    const terminals = await deps.repo.listTerminals();
    return renderPage(
      c,
      {
        title: "Scan-Terminals",
        active: "verwaltung",
        notice: noticeFrom(c),
        error,
        status: error ? 400 : 200,
      },
      <>
        <h1>Scan-Terminals</h1>
        <SubNav area="admin" current="/verwaltung/terminals" />
        <table>
          <caption>Terminals im Kundenbereich</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Absenderadresse</th>
              <th scope="col">Öffnungszeiten</th>
              <th scope="col">zuletzt gesehen</th>
              <th scope="col">Aktion</th>
            </tr>
          </thead>
          <tbody>
            {terminals.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.sender}</td>
                <td>{t.openingHours ?? "–"}</td>
                <td>{formatDateTime(t.lastSeenAt, timeZone)}</td>
                <td>
                  <form method="post" action={`/verwaltung/terminals/${t.id}/loeschen`} class="inline">
                    <CsrfField c={c} />
                    <button
                      type="submit"
                      class="button secondary"
                      aria-label={`Terminal ${t.name} entfernen`}
                    >
                      Entfernen
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Terminal hinzufügen</h2>
        <form method="post" action="/verwaltung/terminals">
          <CsrfField c={c} />
          <label for="tm-name">Name</label> <input id="tm-name" name="name" required maxlength={100} />{" "}
          <label for="tm-sender">Absenderadresse</label>{" "}
          <input id="tm-sender" name="sender" type="email" required />{" "}
          <label for="tm-hours">Öffnungszeiten</label>{" "}
          <input id="tm-hours" name="openingHours" maxlength={200} />{" "}
          <button type="submit" class="button">
            Speichern
          </button>
        </form>
      </>,
    );
  }
  pages.get("/verwaltung/terminals", (c) => render(c));
  pages.post("/verwaltung/terminals", async (c) => {
    const body = await c.req.parseBody();
    const result = await saveTerminal(deps, toActor(c.get("user")), {
      id: null,
      name: field(body, "name"),
      sender: field(body, "sender"),
      openingHours: orNull(field(body, "openingHours")),
    });
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/verwaltung/terminals?hinweis=gespeichert", 303);
  });
  pages.post("/verwaltung/terminals/:id/loeschen", async (c) => {
    const result = await deleteTerminal(deps, toActor(c.get("user")), c.req.param("id"));
    if (!result.ok) return render(c, result.reason);
    return c.redirect("/verwaltung/terminals?hinweis=geloescht", 303);
  });
}
