/** Verwaltung – API-Tokens: list (never the secret), create (shown once), revoke. */
import type { Context, Hono } from "hono";
import type { AdminDeps } from "../../office/admin/admin-deps.js";
import { createApiToken } from "../../office/admin/create-api-token.js";
import { revokeApiToken } from "../../office/admin/revoke-api-token.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { toActor } from "./supervisor-context.js";
import {
  CsrfField,
  field,
  formatDateTime,
  noticeFrom,
  orNull,
  PersonOptions,
  SubNav,
} from "./supervisor-view.js";

export function registerAdminTokensPage(pages: Hono<PageEnv>, deps: AdminDeps, timeZone: string): void {
  async function render(c: Context<PageEnv>, extra: { error?: string; created?: string } = {}) {
    const [tokens, users] = await Promise.all([deps.repo.listTokens(), deps.repo.listUsers()]);
    return renderPage(
      c,
      {
        title: "API-Tokens",
        active: "verwaltung",
        notice: noticeFrom(c),
        error: extra.error ?? null,
        status: extra.error ? 400 : 200,
      },
      <>
        <h1>API-Tokens</h1>
        <SubNav area="admin" current="/verwaltung/tokens" />
        {extra.created && (
          <section class="notice" role="status" aria-labelledby="neues-token">
            <h2 id="neues-token">Neues Token – jetzt kopieren, es wird nicht wieder angezeigt</h2>
            <p>
              <code>{extra.created}</code>
            </p>
          </section>
        )}
        <table>
          <caption>Ausgegebene Tokens</caption>
          <thead>
            <tr>
              <th scope="col">Benutzer</th>
              <th scope="col">Bezeichnung</th>
              <th scope="col">erstellt</th>
              <th scope="col">zuletzt benutzt</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.login}</td>
                <td>{t.label ?? "–"}</td>
                <td>{formatDateTime(t.createdAt, timeZone)}</td>
                <td>{formatDateTime(t.lastUsedAt, timeZone)}</td>
                <td>
                  {t.revokedAt !== null ? (
                    `widerrufen ${formatDateTime(t.revokedAt, timeZone)}`
                  ) : (
                    <form method="post" action={`/verwaltung/tokens/${t.id}/widerrufen`} class="inline">
                      <CsrfField c={c} />
                      <button
                        type="submit"
                        class="button secondary"
                        aria-label={`Token ${t.label ?? t.id} von ${t.login} widerrufen`}
                      >
                        Widerrufen
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Token erzeugen</h2>
        <form method="post" action="/verwaltung/tokens">
          <CsrfField c={c} />
          <label for="tk-user">Benutzer</label>{" "}
          <select id="tk-user" name="login" required>
            <PersonOptions people={users} />
          </select>{" "}
          <label for="tk-label">Bezeichnung</label> <input id="tk-label" name="label" maxlength={80} />{" "}
          <button type="submit" class="button">
            Erzeugen
          </button>
        </form>
      </>,
    );
  }
  pages.get("/verwaltung/tokens", (c) => render(c));
  pages.post("/verwaltung/tokens", async (c) => {
    const body = await c.req.parseBody();
    const result = await createApiToken(deps, toActor(c.get("user")), {
      login: field(body, "login"),
      label: orNull(field(body, "label")),
    });
    // Rendered directly, not redirected: the token must not travel in a URL or be shown twice.
    if (!result.ok) return render(c, { error: result.reason });
    return render(c, { created: result.token });
  });
  pages.post("/verwaltung/tokens/:id/widerrufen", async (c) => {
    const result = await revokeApiToken(deps, toActor(c.get("user")), c.req.param("id"));
    if (!result.ok) return render(c, { error: result.reason });
    return c.redirect("/verwaltung/tokens?hinweis=widerrufen", 303);
  });
}
