/** The action forms on the document page: erledigt, weiterleiten, zurück an Clearing, Notiz, Metadaten korrigieren. */
import type { OfficeSnapshot } from "../../domain/office.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import { csrfField } from "../auth/csrf.js";

interface ActionsProps {
  doc: DocumentRecord;
  office: OfficeSnapshot;
  me: string;
  csrfToken: string;
  openForm: string | null;
  /** The office's known document types (canonical names first). */
  docTypes: Readonly<Record<string, string[]>>;
  /** False for someone who may see the document (e.g. handled it before) but not act on it now. */
  mayWork: boolean;
}

function ForwardForm(props: ActionsProps) {
  const people = props.office.people.filter((p) => p.active && p.login !== props.me && p.role !== "admin");
  return (
    <details class="action" open={props.openForm === "weiterleiten"}>
      <summary>Weiterleiten</summary>
      <form method="post" action={`/dokumente/${props.doc.id}/weiterleiten`}>
        {csrfField(props.csrfToken)}
        <label for="ziel">An</label>
        <select id="ziel" name="ziel" required>
          <option value="">Bitte wählen …</option>
          <optgroup label="Kolleginnen und Kollegen">
            {people.map((p) => (
              <option value={`person:${p.login}`}>
                {p.displayName} ({p.login})
              </option>
            ))}
          </optgroup>
          <optgroup label="Teampostkörbe">
            {props.office.teams.map((t) => (
              <option value={`team:${t.id}`}>{t.name}</option>
            ))}
          </optgroup>
        </select>
        <label for="weiterleiten-notiz">Notiz (Pflicht)</label>
        <textarea id="weiterleiten-notiz" name="notiz" rows={2} required maxlength={500} />
        <button type="submit">Weiterleiten</button>
      </form>
    </details>
  );
}

function ReturnForm(props: ActionsProps) {
  return (
    <details class="action" open={props.openForm === "clearing"}>
      <summary>Zurück an Clearing</summary>
      <form method="post" action={`/dokumente/${props.doc.id}/clearing`}>
        {csrfField(props.csrfToken)}
        <label for="clearing-grund">Grund (Pflicht)</label>
        <textarea id="clearing-grund" name="grund" rows={2} required maxlength={500} />
        <button type="submit">Zurück an Clearing</button>
      </form>
    </details>
  );
}

function NoteForm(props: ActionsProps) {
  return (
    <details class="action" open={props.openForm === "notiz"}>
      <summary>Notiz hinzufügen</summary>
      <form method="post" action={`/dokumente/${props.doc.id}/notiz`}>
        {csrfField(props.csrfToken)}
        <label for="notiz-text">Notiz</label>
        <textarea id="notiz-text" name="text" rows={3} required maxlength={2000} />
        <button type="submit">Notiz speichern</button>
      </form>
    </details>
  );
}

function CorrectForm(props: ActionsProps) {
  const { doc } = props;
  const types = Object.keys(props.docTypes);
  return (
    <details class="action" open={props.openForm === "korrigieren"}>
      <summary>Metadaten korrigieren</summary>
      <form method="post" action={`/dokumente/${doc.id}/korrigieren`}>
        {csrfField(props.csrfToken)}
        <label for="k-az">Aktenzeichen</label>
        <input id="k-az" name="aktenzeichen" value={doc.caseRef ?? ""} maxlength={40} />
        <label for="k-kd">Kundennummer</label>
        <input id="k-kd" name="kundennummer" value={doc.customerNo ?? ""} maxlength={40} />
        <label for="k-name">Name</label>
        <input id="k-name" name="name" value={doc.surname ?? ""} maxlength={100} />
        <label for="k-art">Dokumentart</label>
        <select id="k-art" name="dokumentart">
          <option value="">(unbekannt)</option>
          {types.map((t) => (
            <option value={t} selected={doc.docType === t}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit">Korrigieren und neu zuordnen</button>
      </form>
    </details>
  );
}

export function DocumentActions(props: ActionsProps) {
  const { doc } = props;
  return (
    <section aria-labelledby="aktionen">
      <h2 id="aktionen">Aktionen</h2>
      {doc.status === "open" && !props.mayWork ? (
        <p data-view-only>
          Sie können dieses Dokument ansehen, aber nicht bearbeiten: es liegt nicht in Ihrem Postkorb. Eine
          Notiz ist möglich.
        </p>
      ) : doc.status === "open" ? (
        <div class="actions-row">
          <form method="post" action={`/dokumente/${doc.id}/erledigt`} data-done class="inline">
            {csrfField(props.csrfToken)}
            <button type="submit">Erledigt</button>
          </form>
        </div>
      ) : (
        <p>Dieses Dokument ist erledigt.</p>
      )}
      {doc.status === "open" && props.mayWork && <ForwardForm {...props} />}
      {doc.status === "open" && props.mayWork && <ReturnForm {...props} />}
      <NoteForm {...props} />
      {doc.status === "open" && props.mayWork && <CorrectForm {...props} />}
    </section>
  );
}
