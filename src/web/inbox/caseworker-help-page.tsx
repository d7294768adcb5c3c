/** GET /hilfe: keyboard shortcuts and how the inbox works. */
import type { Hono } from "hono";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";

const SHORTCUTS: [string, string][] = [
  ["j", "nächstes Dokument in der Liste"],
  ["k", "vorheriges Dokument in der Liste"],
  ["Enter", "ausgewähltes Dokument öffnen"],
  ["e", "ausgewähltes bzw. geöffnetes Dokument als erledigt markieren"],
  ["?", "diese Hilfe anzeigen"],
];

export function registerHelpPage(pages: Hono<PageEnv>): void {
  pages.get("/hilfe", (c) =>
    renderPage(
      c,
      { title: "Hilfe", active: "hilfe" },
      <section>
        <h1>Hilfe und Tastenkürzel</h1>
        <p>
          Alle Funktionen sind auch mit der Tabulatortaste und ohne JavaScript erreichbar. Die Kürzel wirken
          nur, wenn kein Eingabefeld ausgewählt ist.
        </p>
        <table class="shortcuts">
          <caption>Tastenkürzel</caption>
          <thead>
            <tr>
              <th scope="col">Taste</th>
              <th scope="col">Wirkung</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map(([key, what]) => (
              <tr>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Mein Postkorb</h2>
        <p>
          Die Liste zeigt Ihre offenen Dokumente, die ältesten zuerst, dazu die Postkörbe, für die Sie gerade
          vertreten. Fett gedruckte Zeilen haben Sie noch nicht geöffnet.
        </p>
        <p>
          <a href="/postkorb">Zurück zu Mein Postkorb</a>
        </p>
      </section>,
    ),
  );
}
