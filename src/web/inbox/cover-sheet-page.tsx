/**
 * GET/POST /deckblatt — print cover sheets for a citizen at the counter: a form (prefilled from a document page
 * via ?az=&kd=&art=), then the signed sheets as a PDF inline. Issuing goes through the same use case as the
 * API (issue-cover-sheets.ts): every sheet is recorded with its serial and a `cover-sheet.issued` audit event.
 *
 * Need-to-know: every logged-in role may print a sheet for any Aktenzeichen. A sheet shows only what the
 * person typed, the document type and that type's team; nothing is looked up from the register (no name, no
 * owner), so issuing reveals nothing. Where the scan then goes is decided by routing when it arrives.
 */
import type { Context, Hono } from "hono";
import { codeOfDocType } from "../../domain/cover-sheet-doc-codes.js";
import { canonicalDocType, defaultDocTypes } from "../../domain/doc-types.js";
import type { CoverSheetIssuer } from "../../pdf/cover-sheet-issuer.js";
import { MAX_SHEETS_PER_REQUEST } from "../../pdf/issue-cover-sheets.js";
import { csrfField } from "../auth/csrf.js";
import { PDF_FRAME_HEADERS } from "../auth/security-headers.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";
import { renderPage } from "./layout.js";
import { uiLangOf } from "./ui-language.js";

export const COVER_SHEET_PATH = "/deckblatt";

/** Printed on sheets and decoded from them; "Sonstiges" for anything the office has no type for. */
export const COVER_SHEET_DOC_TYPES: readonly string[] = [
  ...Object.keys(defaultDocTypes).filter((t) => codeOfDocType(t) !== null),
  ...(codeOfDocType("Sonstiges") === null ? [] : ["Sonstiges"]),
];

/** The link from a document page: the form prefilled with the document's case and type. */
export function coverSheetHref(fields: {
  caseRef: string | null;
  customerNo: string | null;
  docType: string | null;
}): string {
  const query = new URLSearchParams();
  if (fields.caseRef) query.set("az", fields.caseRef);
  if (fields.customerNo) query.set("kd", fields.customerNo);
  if (fields.docType) query.set("art", fields.docType);
  const text = query.toString();
  return text === "" ? COVER_SHEET_PATH : `${COVER_SHEET_PATH}?${text}`;
}

interface FormValues {
  caseRef: string;
  customerNo: string;
  docType: string;
  count: string;
}

const TITLE = { de: "Deckblatt drucken", en: "Print a cover sheet" };

function knownDocType(text: string): string {
  const canonical = canonicalDocType(text, defaultDocTypes) ?? text;
  return COVER_SHEET_DOC_TYPES.includes(canonical) ? canonical : "";
}

function CoverSheetForm(props: { values: FormValues; csrfToken: string }) {
  const { values } = props;
  return (
    <form method="post" action={COVER_SHEET_PATH} data-cover-sheet-form>
      {csrfField(props.csrfToken)}
      <p>
        <label for="ds-az">Aktenzeichen</label>{" "}
        <input
          id="ds-az"
          name="aktenzeichen"
          value={values.caseRef}
          maxlength={40}
          autocomplete="off"
          aria-describedby="ds-az-hinweis"
        />{" "}
        <span id="ds-az-hinweis" class="muted">
          Leer lassen für ein allgemeines Deckblatt nur mit Dokumentart.
        </span>
      </p>
      <p>
        <label for="ds-kd">Kundennummer (optional)</label>{" "}
        <input id="ds-kd" name="kundennummer" value={values.customerNo} maxlength={20} autocomplete="off" />
      </p>
      <p>
        <label for="ds-art">Dokumentart</label>{" "}
        <select id="ds-art" name="dokumentart" required>
          <option value="">– bitte wählen –</option>
          {COVER_SHEET_DOC_TYPES.map((t) => (
            <option value={t} selected={values.docType === t}>
              {t}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="ds-anzahl">Anzahl Deckblätter</label>{" "}
        <input
          id="ds-anzahl"
          name="anzahl"
          type="number"
          inputmode="numeric"
          min={1}
          max={MAX_SHEETS_PER_REQUEST}
          value={values.count}
          required
        />
      </p>
      <p>
        <button type="submit">Deckblatt als PDF öffnen</button>
      </p>
    </form>
  );
}

function showForm(
  c: Context<PageEnv>,
  issue: CoverSheetIssuer | undefined,
  values: FormValues,
  error?: string,
) {
  const lang = uiLangOf(c);
  const title = TITLE[lang];
  return renderPage(
    c,
    { title, active: "deckblatt", error: error ?? null, status: error ? 400 : 200 },
    <>
      <h1 lang={lang === "en" ? "en" : undefined}>{title}</h1>
      <p>
        Das Deckblatt kommt vor das Dokument, bevor es am Scan-Terminal eingescannt wird. Sein QR-Code trägt
        die Angaben, so erreicht das Dokument ohne Abtippen die zuständige Stelle. Jedes Deckblatt erhält eine
        Seriennummer und wird protokolliert.
      </p>
      {issue ? (
        <CoverSheetForm values={values} csrfToken={c.get("csrfToken")} />
      ) : (
        <p class="error">In dieser Installation können keine Deckblätter erzeugt werden.</p>
      )}
    </>,
  );
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

export function registerCoverSheetPage(pages: Hono<PageEnv>, deps: PageDeps): void {
  const issue = deps.issueCoverSheets;
  pages.get(COVER_SHEET_PATH, (c) =>
    showForm(c, issue, {
      caseRef: text(c.req.query("az")),
      customerNo: text(c.req.query("kd")),
      docType: knownDocType(text(c.req.query("art"))),
      count: "1",
    }),
  );

  pages.post(COVER_SHEET_PATH, async (c) => {
    const body = await c.req.parseBody();
    const values: FormValues = {
      caseRef: text(body.aktenzeichen).toUpperCase(),
      customerNo: text(body.kundennummer).toUpperCase(),
      docType: text(body.dokumentart),
      count: text(body.anzahl) || "1",
    };
    if (!issue) return showForm(c, issue, values);
    if (values.docType === "") return showForm(c, issue, values, "Bitte eine Dokumentart wählen.");
    if (values.caseRef.length > 40 || values.customerNo.length > 20)
      return showForm(c, issue, values, "Aktenzeichen oder Kundennummer ist zu lang.");
    const count = /^\d{1,3}$/.test(values.count) ? Number(values.count) : Number.NaN;
    const result = await issue({
      caseRef: values.caseRef || null,
      customerNo: values.customerNo || null,
      surname: null,
      docType: values.docType,
      declaredPages: null,
      count,
      issuedBy: c.get("user").login,
    });
    if (!result.ok) return showForm(c, issue, values, `Kein Deckblatt erzeugt: ${result.reason}.`);
    return c.body(result.pdf as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="deckblatt-${result.serials[0]}.pdf"`,
      "Cache-Control": "private, no-store",
      ...PDF_FRAME_HEADERS,
    });
  });
}
