/** Aktenregister: the team's cases, one-case edit, and CSV import with a preview and row-level errors. */
import type { Context, Hono } from "hono";
import type { RegisterImportPreview } from "../../domain/register-csv.js";
import { importRegisterCsv, previewRegisterCsv } from "../../office/supervisor/import-register.js";
import { saveRegisterEntry } from "../../office/supervisor/save-register-entry.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { type SupervisorPageDeps, scopeOf, toActor } from "./supervisor-context.js";
import { CsrfField, field, noticeFrom, orNull, PersonOptions, SubNav } from "./supervisor-view.js";

const MAX_CSV_BYTES = 5 * 1024 * 1024;
const KIND_LABELS = { new: "neu", changed: "geändert", same: "unverändert" } as const;

function PreviewTable(props: { c: Context<PageEnv>; preview: RegisterImportPreview; csv: string }) {
  const { preview } = props;
  return (
    <section aria-labelledby="vorschau">
      <h2 id="vorschau">Vorschau des Imports</h2>
      {preview.errors.length > 0 && (
        <table>
          <caption>{`${preview.errors.length} fehlerhafte Zeile(n) – bitte die Datei korrigieren`}</caption>
          <thead>
            <tr>
              <th scope="col">Zeile</th>
              <th scope="col">Fehler</th>
            </tr>
          </thead>
          <tbody>
            {preview.errors.map((e) => (
              <tr>
                <td>{e.line}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table>
        <caption>{`${preview.changes.filter((ch) => ch.kind !== "same").length} Änderung(en)`}</caption>
        <thead>
          <tr>
            <th scope="col">Zeile</th>
            <th scope="col">Aktenzeichen</th>
            <th scope="col">Name</th>
            <th scope="col">bisher</th>
            <th scope="col">neu</th>
            <th scope="col">Art</th>
          </tr>
        </thead>
        <tbody>
          {preview.changes.map((ch) => (
            <tr>
              <td>{ch.line}</td>
              <td>{ch.entry.caseRef}</td>
              <td>{ch.entry.surname ?? "–"}</td>
              <td>{ch.previousAssignee ?? "–"}</td>
              <td>{ch.entry.assignee}</td>
              <td>{KIND_LABELS[ch.kind]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.ok && (
        <form method="post" action="/team/register/import">
          <CsrfField c={props.c} />
          <input type="hidden" name="csv" value={props.csv} />
          <input type="hidden" name="step" value="apply" />
          <button type="submit" class="button">
            Import übernehmen
          </button>
        </form>
      )}
    </section>
  );
}

export function registerRegisterPage(pages: Hono<PageEnv>, deps: SupervisorPageDeps): void {
  async function render(
    c: Context<PageEnv>,
    extra: { error?: string | null; preview?: { result: RegisterImportPreview; csv: string } } = {},
  ) {
    const scope = scopeOf(c.get("user"));
    const [entries, people] = await Promise.all([
      deps.office.repo.listRegister({ teamId: scope, limit: 500 }),
      deps.office.repo.listPeople(),
    ]);
    const error = extra.error ?? extra.preview?.result.fileError ?? null;
    return renderPage(
      c,
      {
        title: "Aktenregister",
        active: "teamleitung",
        notice: noticeFrom(c),
        error,
        status: error ? 400 : 200,
      },
      <>
        <h1>Aktenregister</h1>
        <SubNav area="team" current="/team/register" />
        {extra.preview && extra.preview.result.fileError === null && (
          <PreviewTable c={c} preview={extra.preview.result} csv={extra.preview.csv} />
        )}
        <h2>CSV importieren</h2>
        <p>
          Spalten: Aktenzeichen; Kundennummer; Name; Sachbearbeitung (Kennung). Trennzeichen Semikolon, wie
          Excel sie speichert.
        </p>
        <form method="post" action="/team/register/import" enctype="multipart/form-data">
          <CsrfField c={c} />
          <input type="hidden" name="step" value="preview" />
          <label for="csv-file">CSV-Datei</label>{" "}
          <input id="csv-file" name="file" type="file" accept=".csv,text/csv" required />{" "}
          <button type="submit" class="button">
            Vorschau anzeigen
          </button>
        </form>
        <h2>Akte eintragen oder ändern</h2>
        <form method="post" action="/team/register">
          <CsrfField c={c} />
          <label for="case-ref">Aktenzeichen</label>{" "}
          <input id="case-ref" name="caseRef" required maxlength={60} />{" "}
          <label for="customer-no">Kundennummer</label>{" "}
          <input id="customer-no" name="customerNo" maxlength={30} /> <label for="surname">Name</label>{" "}
          <input id="surname" name="surname" maxlength={100} /> <label for="assignee">Sachbearbeitung</label>{" "}
          <select id="assignee" name="assignee" required>
            <PersonOptions people={people.filter((p) => scope === null || p.teamId === scope)} />
          </select>{" "}
          <button type="submit" class="button">
            Speichern
          </button>
        </form>
        <table>
          <caption>{`Akten${entries.length >= 500 ? " (die ersten 500)" : ""}`}</caption>
          <thead>
            <tr>
              <th scope="col">Aktenzeichen</th>
              <th scope="col">Kundennummer</th>
              <th scope="col">Name</th>
              <th scope="col">Sachbearbeitung</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  <a href={`/team/akten?akte=${encodeURIComponent(e.caseRef)}`}>{e.caseRef}</a>
                </td>
                <td>{e.customerNo ?? "–"}</td>
                <td>{e.surname ?? "–"}</td>
                <td>{e.assignee}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  }
  pages.get("/team/register", (c) => render(c));
  pages.post("/team/register", async (c) => {
    const body = await c.req.parseBody();
    const result = await saveRegisterEntry(deps.office, toActor(c.get("user")), {
      caseRef: field(body, "caseRef"),
      customerNo: orNull(field(body, "customerNo")),
      surname: orNull(field(body, "surname")),
      assignee: field(body, "assignee"),
    });
    if (!result.ok) return render(c, { error: result.reason });
    return c.redirect("/team/register?hinweis=gespeichert", 303);
  });
  pages.post("/team/register/import", async (c) => {
    const body = await c.req.parseBody();
    const actor = toActor(c.get("user"));
    const csv = await readCsv(body);
    if (typeof csv !== "string") return render(c, { error: csv.error });
    if (field(body, "step") !== "apply") {
      return render(c, { preview: { result: await previewRegisterCsv(deps.office, actor, csv), csv } });
    }
    const result = await importRegisterCsv(deps.office, actor, csv);
    if (!result.ok) return render(c, { error: result.reason });
    return c.redirect(`/team/register?hinweis=importiert&n=${result.created + result.changed}`, 303);
  });
}

/** The uploaded file (preview step) or the CSV carried over from the preview (apply step). */
async function readCsv(body: Record<string, unknown>): Promise<string | { error: string }> {
  const file = body.file;
  if (file instanceof File) {
    if (file.size > MAX_CSV_BYTES) return { error: "Die Datei ist größer als 5 MB." };
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // Older Excel versions save CSV as Windows-1252.
      return new TextDecoder("windows-1252").decode(bytes);
    }
  }
  const text = field(body, "csv");
  return text === "" ? { error: "Bitte eine CSV-Datei wählen." } : text;
}
