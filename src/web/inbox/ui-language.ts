/**
 * The inbox's display language: German by default, English when the `lang` cookie says so. Covers the page
 * chrome (navigation, header, skip link) and a few headings; page content stays German where not translated.
 */
import type { Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Role } from "../../domain/office.js";
import { ROLE_LABELS } from "../auth/session-user.js";
import type { PageEnv } from "./inbox-deps.js";

export type UiLang = "de" | "en";

export const LANG_COOKIE = "lang";
/** GET /sprache?zu=en&weiter=/postkorb sets the cookie and goes back; a link, so it works without JavaScript. */
export const LANGUAGE_SWITCH_PATH = "/sprache";

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function uiLangOf(c: Context): UiLang {
  return getCookie(c, LANG_COOKIE) === "en" ? "en" : "de";
}

export interface ChromeText {
  mainNav: string;
  myInbox: string;
  supervisor: string;
  admin: string;
  coverSheet: string;
  help: string;
  skipLink: string;
  logout: string;
  roles: Record<Role, string>;
  /** The switch names the other language, in that language. */
  switchTo: { lang: UiLang; label: string };
}

const ENGLISH_ROLES: Record<Role, string> = {
  caseworker: "Caseworker",
  supervisor: "Team lead",
  admin: "Administration",
};

export const CHROME_TEXT: Record<UiLang, ChromeText> = {
  de: {
    mainNav: "Hauptnavigation",
    myInbox: "Mein Postkorb",
    supervisor: "Teamleitung",
    admin: "Verwaltung",
    coverSheet: "Deckblatt",
    help: "Hilfe",
    skipLink: "Zum Inhalt springen",
    logout: "Abmelden",
    roles: ROLE_LABELS,
    switchTo: { lang: "en", label: "English" },
  },
  en: {
    mainNav: "Main navigation",
    myInbox: "My inbox",
    supervisor: "Team lead",
    admin: "Administration",
    coverSheet: "Cover sheet",
    help: "Help",
    skipLink: "Skip to content",
    logout: "Sign out",
    roles: ENGLISH_ROLES,
    switchTo: { lang: "de", label: "Deutsch" },
  },
};

/** The switch link for the current page; after a POST (a re-rendered form) it returns to the inbox. */
export function languageSwitchHref(c: Context, to: UiLang): string {
  const url = new URL(c.req.url);
  const back = c.req.method === "GET" ? `${url.pathname}${url.search}` : "/postkorb";
  return `${LANGUAGE_SWITCH_PATH}?${new URLSearchParams({ zu: to, weiter: back })}`;
}

/** Same-site paths only (as after login): the switch must not become an open redirect. */
function safeBackPath(value: string | undefined): string {
  if (value === undefined || !value.startsWith("/") || value.startsWith("//") || value.includes("\\"))
    return "/";
  return value;
}

export function registerLanguageSwitch(pages: Hono<PageEnv>, secure: (c: Context) => boolean): void {
  pages.get(LANGUAGE_SWITCH_PATH, (c) => {
    const lang: UiLang = c.req.query("zu") === "en" ? "en" : "de";
    // Lax, not Strict: a preference, not a credential; it may come along when someone follows a link in.
    setCookie(c, LANG_COOKIE, lang, {
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure: secure(c),
      maxAge: ONE_YEAR_SECONDS,
    });
    return c.redirect(safeBackPath(c.req.query("weiter")), 303);
  });
}
