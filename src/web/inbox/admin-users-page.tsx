/** Verwaltung – Benutzer: list, create, edit (role, team, active), set a password. */
import type { Context, Hono } from "hono";
import type { AdminUserRow, TeamRow } from "../../db/admin-repository.js";
import type { Role } from "../../domain/office.js";
import type { AdminDeps } from "../../office/admin/admin-deps.js";
import { saveUser, type UserForm } from "../../office/admin/save-user.js";
import { setUserPassword } from "../../office/admin/set-user-password.js";
import { ROLE_LABELS } from "../auth/session-user.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { toActor } from "./supervisor-context.js";
import { CsrfField, field, noticeFrom, orNull, SubNav } from "./supervisor-view.js";

function UserFields(props: { user: AdminUserRow | null; teams: TeamRow[] }) {
  const u = props.user;
  return (
    <>
      <p>
        <label for="u-login">Kennung</label>
        <input
          id="u-login"
          name="login"
          value={u?.login ?? ""}
          required
          readonly={u !== null}
          pattern="[a-z0-9._\-]{2,40}"
        />
      </p>
      <p>
        <label for="u-name">Name</label>
        <input id="u-name" name="displayName" value={u?.displayName ?? ""} required maxlength={100} />
      </p>
      <p>
        <label for="u-email">E-Mail</label>
        <input id="u-email" name="email" type="email" value={u?.email ?? ""} />
      </p>
      <p>
        <label for="u-role">Rolle</label>
        <select id="u-role" name="role">
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <option value={r} selected={u?.role === r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="u-team">Team</label>
        <select id="u-team" name="team">
          <option value="">kein Team</option>
          {props.teams.map((t) => (
            <option value={t.id} selected={u?.teamId === t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </p>
      <p>
        <input id="u-active" name="active" type="checkbox" value="1" checked={u === null || u.active} />{" "}
        <label for="u-active">aktiv</label>
      </p>
    </>
  );
}

function readUserForm(body: Record<string, unknown>): UserForm {
  return {
    login: field(body, "login").trim(),
    displayName: field(body, "displayName"),
    email: orNull(field(body, "email")),
    role: field(body, "role") as Role,
    teamId: orNull(field(body, "team")),
    active: field(body, "active") === "1",
    password: field(body, "password"),
  };
}

export function registerAdminUsersPage(pages: Hono<PageEnv>, deps: AdminDeps): void {
  async function renderList(c: Context<PageEnv>, error: string | null = null) {
    const [users, teams] = await Promise.all([deps.repo.listUsers(), deps.repo.listTeams()]);
    return renderPage(
      c,
      { title: "Benutzer", active: "verwaltung", notice: noticeFrom(c), error, status: error ? 400 : 200 },
      <>
        <h1>Benutzer</h1>
        <SubNav area="admin" current="/verwaltung/benutzer" />
        <table>
          <caption>Alle Benutzer</caption>
          <thead>
            <tr>
              <th scope="col">Kennung</th>
              <th scope="col">Name</th>
              <th scope="col">Rolle</th>
              <th scope="col">Team</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>
                  <a href={`/verwaltung/benutzer/${encodeURIComponent(u.login)}`}>{u.login}</a>
                </td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{teams.find((t) => t.id === u.teamId)?.name ?? "–"}</td>
                <td>{u.active ? "aktiv" : "deaktiviert"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Benutzer anlegen</h2>
        <form method="post" action="/verwaltung/benutzer">
          <CsrfField c={c} />
          <UserFields user={null} teams={teams} />
          <p>
            <label for="u-password">Erstes Passwort (mindestens 10 Zeichen)</label>
            <input
              id="u-password"
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minlength={10}
            />
          </p>
          <button type="submit" class="button">
            Anlegen
          </button>
        </form>
      </>,
    );
  }
  async function renderEdit(c: Context<PageEnv>, login: string, error: string | null = null) {
    const [user, teams] = await Promise.all([deps.repo.findUser(login), deps.repo.listTeams()]);
    if (user === null) return renderList(c, `Unbekannte Kennung ${login}.`);
    return renderPage(
      c,
      {
        title: `Benutzer ${login}`,
        active: "verwaltung",
        notice: noticeFrom(c),
        error,
        status: error ? 400 : 200,
      },
      <>
        <h1>Benutzer {user.displayName}</h1>
        <SubNav area="admin" current="/verwaltung/benutzer" />
        <form method="post" action={`/verwaltung/benutzer/${encodeURIComponent(login)}`}>
          <CsrfField c={c} />
          <UserFields user={user} teams={teams} />
          <button type="submit" class="button">
            Speichern
          </button>
        </form>
        <h2>Passwort setzen</h2>
        <form method="post" action={`/verwaltung/benutzer/${encodeURIComponent(login)}/passwort`}>
          <CsrfField c={c} />
          <label for="new-password">Neues Passwort (mindestens 10 Zeichen)</label>{" "}
          <input
            id="new-password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minlength={10}
          />{" "}
          <button type="submit" class="button">
            Passwort setzen
          </button>
        </form>
      </>,
    );
  }
  pages.get("/verwaltung/benutzer", (c) => renderList(c));
  pages.get("/verwaltung/benutzer/:login", (c) => renderEdit(c, c.req.param("login")));
  pages.post("/verwaltung/benutzer", async (c) => {
    const result = await saveUser(
      deps,
      toActor(c.get("user")),
      readUserForm(await c.req.parseBody()),
      "create",
    );
    if (!result.ok) return renderList(c, result.reason);
    return c.redirect("/verwaltung/benutzer?hinweis=gespeichert", 303);
  });
  pages.post("/verwaltung/benutzer/:login", async (c) => {
    const login = c.req.param("login");
    const form = { ...readUserForm(await c.req.parseBody()), login };
    const result = await saveUser(deps, toActor(c.get("user")), form, "update");
    if (!result.ok) return renderEdit(c, login, result.reason);
    return c.redirect(`/verwaltung/benutzer/${encodeURIComponent(login)}?hinweis=gespeichert`, 303);
  });
  pages.post("/verwaltung/benutzer/:login/passwort", async (c) => {
    const login = c.req.param("login");
    const body = await c.req.parseBody();
    const result = await setUserPassword(deps, toActor(c.get("user")), login, field(body, "password"));
    if (!result.ok) return renderEdit(c, login, result.reason);
    return c.redirect(`/verwaltung/benutzer/${encodeURIComponent(login)}?hinweis=passwort`, 303);
  });
}
