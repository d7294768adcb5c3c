/** GET /dokumente/:id — the stamped PDF inline, the metadata, why it is here, actions, notes and history. */
import type { Context, Hono } from "hono";
import type { NoteRow } from "../../db/document-action-repository.js";
import type { EventRow } from "../../db/event-log.js";
import type { OfficeSnapshot } from "../../domain/office.js";
import type { DocumentRecord, MessageRecord } from "../../ingest/ports.js";
import { toViewer } from "../auth/session-user.js";
import type { CaseworkerContext } from "./caseworker-context.js";
import { noticeFor } from "./caseworker-notices.js";
import { coverSheetHref } from "./cover-sheet-page.js";
import { loadAllowedDocument } from "./document-access.js";
import { DocumentActions } from "./document-action-forms.js";
import { describeQueue, Flags, flagDetailsOf, OfficeTime } from "./document-display.js";
import { DocumentHistory } from "./document-history.js";
import type { PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { uiLangOf } from "./ui-language.js";

const SOURCE_LABELS: Record<string, string> = {
  "cover-sheet": "Deckblatt",
  subject: "Betreff der E-Mail",
  none: "keine",
};

interface DocumentPageData {
  doc: DocumentRecord;
  message: MessageRecord | null;
  office: OfficeSnapshot;
  notes: NoteRow[];
  events: EventRow[];
}

function Metadata(props: { data: DocumentPageData; me: string; timeZone: string }) {
  const { doc, message } = props.data;
  return (
    <dl class="meta">
      <dt>Status</dt>
      <dd>{doc.status === "open" ? "offen" : "erledigt"}</dd>
      <dt>Postkorb</dt>
      <dd>{describeQueue(doc, props.me)}</dd>
      <dt>Dokumentart</dt>
      <dd>{doc.docType ?? "–"}</dd>
      <dt>Aktenzeichen</dt>
      <dd>{doc.caseRef ?? "–"}</dd>
      <dt>Kundennummer</dt>
      <dd>{doc.customerNo ?? "–"}</dd>
      <dt>Name</dt>
      <dd>{doc.surname ?? "–"}</dd>
      <dt>Seiten</dt>
      <dd>{doc.pageCount}</dd>
      <dt>Eingangsdatum</dt>
      <dd>
        <OfficeTime iso={doc.receivedAt} timeZone={props.timeZone} />
      </dd>
      <dt>Datei</dt>
      <dd>{doc.filename ?? "–"}</dd>
      <dt>Betreff</dt>
      <dd>{message?.subject ?? "–"}</dd>
      <dt>Angaben aus</dt>
      <dd>{SOURCE_LABELS[doc.metadataSource] ?? doc.metadataSource}</dd>
      <dt>Hinweise</dt>
      <dd>
        {doc.flags.length ? <Flags flags={doc.flags} details={flagDetailsOf(props.data.events)} /> : "–"}
      </dd>
    </dl>
  );
}

function Notes(props: { notes: NoteRow[]; timeZone: string }) {
  if (props.notes.length === 0) return null;
  return (
    <section aria-labelledby="notizen">
      <h2 id="notizen">Notizen</h2>
      <ul class="history">
        {props.notes.map((n) => (
          <li>
            <OfficeTime iso={n.at} timeZone={props.timeZone} /> · {n.author}: {n.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface DocumentPageState {
  error?: string | null;
  /** Which action form to open again after a refusal. */
  openForm?: string | null;
}

/** Renders the page for an already allowed document (also after a refused action, with its error). */
export async function showDocument(
  c: Context<PageEnv>,
  ctx: CaseworkerContext,
  doc: DocumentRecord,
  state: DocumentPageState = {},
) {
  const user = c.get("user");
  const [message, office, notes, events, gate] = await Promise.all([
    ctx.deps.store.getMessage(doc.messageRef),
    ctx.deps.store.loadOffice(),
    ctx.actions.repo.listNotes(doc.id),
    ctx.history.historyOf("document", doc.id),
    ctx.deps.gateFor(toViewer(user)),
  ]);
  const data: DocumentPageData = { doc, message, office, notes, events };
  const tz = ctx.deps.timeZone;
  const title = `${doc.docType ?? "Dokument"}${doc.caseRef ? ` – ${doc.caseRef}` : ""}`;
  return renderPage(
    c,
    {
      title,
      active: "postkorb",
      notice: noticeFor(c.req.query("meldung")),
      error: state.error ?? null,
      status: state.error ? 400 : 200,
    },
    <>
      <p>
        <a href="/postkorb">← Zurück zu Mein Postkorb</a>
      </p>
      <h1>{title}</h1>
      <div class="document">
        <section aria-label="Dokument (PDF)">
          <iframe class="pdf-frame" src={`/dokumente/${doc.id}/pdf`} title={`PDF: ${title}`} />
          <p>
            <a href={`/dokumente/${doc.id}/pdf`} target="_blank" rel="noopener">
              PDF in neuem Fenster öffnen
            </a>
          </p>
        </section>
        <div>
          <DocumentActions
            doc={doc}
            office={office}
            me={user.login}
            csrfToken={c.get("csrfToken")}
            openForm={state.openForm ?? null}
            mayWork={gate.mayWork(doc)}
            docTypes={ctx.deps.inbox.settings.docTypes}
          />
          <p>
            <a class="button secondary" href={coverSheetHref(doc)} data-print-cover-sheet>
              Deckblatt drucken
            </a>
          </p>
          <h2>Angaben</h2>
          <Metadata data={data} me={user.login} timeZone={tz} />
          {uiLangOf(c) === "en" ? (
            <>
              <h2 lang="en">Why is this document here?</h2>
              <p data-route-reason lang="en">
                {doc.routeReasonEn}
              </p>
            </>
          ) : (
            <>
              <h2>Warum liegt das Dokument hier?</h2>
              <p data-route-reason>{doc.routeReason}</p>
            </>
          )}
          <Notes notes={notes} timeZone={tz} />
          <DocumentHistory events={events} timeZone={tz} fullAudit={user.role !== "caseworker"} />
        </div>
      </div>
    </>,
  );
}

export function registerDocumentPage(pages: Hono<PageEnv>, ctx: CaseworkerContext): void {
  pages.get("/dokumente/:id", async (c) => {
    const doc = await loadAllowedDocument(c, ctx.deps, "document.viewed");
    return showDocument(c, ctx, doc);
  });
}
