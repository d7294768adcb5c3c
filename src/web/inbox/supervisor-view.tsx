/** Small pieces the Teamleitung and Verwaltung pages share: sub-navigation, dates, ages, person choices, notices. */
import type { Context } from "hono";
import { formatOfficeDateTime } from "../../domain/office-time.js";
import { formatGermanDate } from "../../domain/route-reason.js";
import { csrfField } from "../auth/csrf.js";
import type { PageEnv } from "./inbox-deps.js";

const TEAM_LINKS: [string, string][] = [
  ["/team", "Übersicht"],
  ["/team/dokumente", "Dokumente umverteilen"],
  ["/team/clearing", "Clearing"],
  ["/team/akten", "Akten umverteilen"],
  ["/team/abwesenheiten", "Abwesenheiten"],
  ["/team/buchstaben", "Buchstaben"],
  ["/team/regeln", "Regeln"],
  ["/team/register", "Aktenregister"],
  ["/team/vorschau", "Vorschau"],
  ["/team/statistik", "Statistik"],
];

const ADMIN_LINKS: [string, string][] = [
  ["/verwaltung/benutzer", "Benutzer"],
  ["/verwaltung/teams", "Teams"],
  ["/verwaltung/tokens", "API-Tokens"],
  ["/verwaltung/terminals", "Scan-Terminals"],
];

export function SubNav(props: { area: "team" | "admin"; current: string }) {
  const links = props.area === "team" ? TEAM_LINKS : ADMIN_LINKS;
  const label = props.area === "team" ? "Teamleitung" : "Verwaltung";
  return (
    <nav aria-label={label}>
      {[links.slice(0, 5), links.slice(5)].map((row) => (
        <ul class="counts">
          {row.map(([href, text]) => (
            <li>
              <a href={href} aria-current={href === props.current ? "page" : undefined}>
                {text}
              </a>
            </li>
          ))}
        </ul>
      ))}
    </nav>
  );
}

export function CsrfField(props: { c: Context<PageEnv> }) {
  return csrfField(props.c.get("csrfToken"));
}

export function formatDateTime(iso: string | null, timeZone: string): string {
  return iso === null ? "–" : formatOfficeDateTime(new Date(iso), timeZone);
}

export { formatGermanDate };

/** "3 Tage", "5 Std.", "12 Min." – how long the oldest document has waited. */
export function formatAge(iso: string | null, now: Date): string {
  if (iso === null) return "–";
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} Min.`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} Std.`;
  return `${Math.floor(hours / 24)} Tage`;
}

export interface PersonChoice {
  login: string;
  displayName: string;
  teamId: string | null;
  active: boolean;
}

export function PersonOptions(props: {
  people: PersonChoice[];
  selected?: string | null;
  empty?: string;
  /** Put before each login in the value, e.g. "person:". */
  prefix?: string;
}) {
  return (
    <>
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {props.people
        .filter((p) => p.active)
        .map((p) => (
          <option value={`${props.prefix ?? ""}${p.login}`} selected={p.login === props.selected}>
            {p.displayName} ({p.login})
          </option>
        ))}
    </>
  );
}

/** Fixed confirmations after a redirect (Post/Redirect/Get); the query only names which one. */
const NOTICES: Record<string, string> = {
  umverteilt: "Die Dokumente wurden umverteilt.",
  akten: "Die Akten wurden umverteilt.",
  gespeichert: "Gespeichert.",
  geloescht: "Gelöscht.",
  importiert: "Der Import wurde übernommen.",
  passwort: "Das Passwort wurde gesetzt; alle Sitzungen der Person wurden beendet.",
  widerrufen: "Das Token wurde widerrufen.",
};

export function noticeFrom(c: Context<PageEnv>): string | null {
  const key = c.req.query("hinweis");
  const text = key === undefined ? undefined : NOTICES[key];
  if (text === undefined) return null;
  const n = Number(c.req.query("n"));
  return Number.isInteger(n) && n > 0 ? `${text} Anzahl: ${n}.` : text;
}

/** One form field as string ("" when missing); parseBody gives File for uploads, string[] with `all`. */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return "";
}

export function fieldList(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

export function orNull(text: string): string | null {
  const t = text.trim();
  return t === "" ? null : t;
}

/** dd.mm.yyyy or yyyy-mm-dd (date inputs send the latter) → yyyy-mm-dd; anything else unchanged. */
export function toIsoDay(text: string): string {
  const t = text.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (german) return `${german[3]}-${german[2]!.padStart(2, "0")}-${german[1]!.padStart(2, "0")}`;
  return t;
}
