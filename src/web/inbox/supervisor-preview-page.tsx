/** Vorschau: "where would a document with these fields go today, and why" – nothing is stored. */
import type { Hono } from "hono";
import { previewDocumentRoute } from "../../office/supervisor/preview-route.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, toActor } from "./supervisor-context.js";
import { SubNav } from "./supervisor-view.js";

const FIELDS = [
  ["az", "caseRef", "Aktenzeichen"],
  ["kd", "customerNo", "Kundennummer"],
  ["name", "surname", "Name"],
  ["art", "docType", "Dokumentart"],
] as const;

export function registerPreviewPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  pages.get("/team/vorschau", async (c) => {
    const values = Object.fromEntries(
      FIELDS.map(([q, key]) => [key, (c.req.query(q) ?? "").slice(0, 200)]),
    ) as Record<(typeof FIELDS)[number][1], string>;
    const asked = Object.values(values).some((v) => v.trim() !== "");
    const preview = asked ? await previewDocumentRoute(deps.office, toActor(c.get("user")), values) : null;
    return renderPage(
      c,
      { title: "Vorschau Zuordnung", active: "teamleitung" },
      <>
        <h1>Wohin ginge ein Dokument?</h1>
        <SubNav area="team" current="/team/vorschau" />
        <form method="get" action="/team/vorschau" class="filters">
          {FIELDS.map(([q, key, label]) => (
            <p>
              <label for={`pv-${q}`}>{label}</label>
              <input id={`pv-${q}`} name={q} value={values[key]} />
            </p>
          ))}
          <p>
            <button type="submit" class="button">
              Vorschau
            </button>
          </p>
        </form>
        {preview && (
          <section aria-labelledby="ergebnis" role="status">
            <h2 id="ergebnis">Ergebnis: {preview.target}</h2>
            <dl class="meta">
              <dt>Begründung</dt>
              <dd>{preview.decision.reason.de}</dd>
              <dt>Regel</dt>
              <dd>{preview.decision.rule}</dd>
              <dt>Vertretungskette</dt>
              <dd>{preview.decision.chain.length > 0 ? preview.decision.chain.join(" → ") : "–"}</dd>
              <dt>Buchstabenschlüssel</dt>
              <dd>{preview.letterKey ?? "–"}</dd>
            </dl>
          </section>
        )}
      </>,
    );
  });
}
