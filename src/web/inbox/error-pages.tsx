/** Error pages in German: 403 (no need to know), 404, 400 and unexpected errors. */
import type { Context } from "hono";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";

export function renderForbidden(c: Context<PageEnv>, message = "Sie haben keinen Zugriff auf diese Seite.") {
  return renderPage(
    c,
    { title: "Kein Zugriff", status: 403 },
    <section>
      <h1>Kein Zugriff</h1>
      <p>{message}</p>
      <p>
        <a href="/postkorb">Zurück zu Mein Postkorb</a>
      </p>
    </section>,
  );
}

export function renderNotFound(c: Context<PageEnv>, message = "Diese Seite gibt es nicht.") {
  return renderPage(
    c,
    { title: "Nicht gefunden", status: 404 },
    <section>
      <h1>Nicht gefunden</h1>
      <p>{message}</p>
      <p>
        <a href="/postkorb">Zurück zu Mein Postkorb</a>
      </p>
    </section>,
  );
}

export function renderErrorPage(c: Context<PageEnv>, status: 400 | 409 | 500, message: string) {
  const title = status === 500 ? "Fehler" : "Aktion nicht möglich";
  return renderPage(
    c,
    { title, status },
    <section>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/postkorb">Zurück zu Mein Postkorb</a>
      </p>
    </section>,
  );
}
