/**
 * The page shell every inbox page uses: header with user, role and logout, navigation, language switch, skip
 * link, <main>. German by default; the chrome follows the `lang` cookie (ui-language.ts).
 */
import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import { csrfField } from "../auth/csrf.js";
import type { SessionUser } from "../auth/session-user.js";
import type { PageEnv } from "./inbox-deps.js";
import { CHROME_TEXT, type ChromeText, languageSwitchHref, type UiLang, uiLangOf } from "./ui-language.js";

export type NavItem = "postkorb" | "deckblatt" | "teamleitung" | "verwaltung" | "hilfe" | null;

/** Bump when assets change, so browsers fetch the new files. */
export const ASSET_VERSION = "1";

export interface LayoutProps {
  title: string;
  officeName: string;
  user: SessionUser | null;
  csrfToken: string;
  active?: NavItem;
  /** Display language of the chrome and `<html lang>`; German when absent. */
  lang?: UiLang;
  /** The link that switches to the other language (keeps the current page). */
  languageSwitchHref?: string;
  /** The language of the page content; German unless a page is translated as a whole. */
  contentLang?: UiLang;
  /** A short confirmation shown above the content (role="status"). */
  notice?: string | null;
  /** An error shown above the content (role="alert"). */
  error?: string | null;
  children?: Child;
}

function NavLink(props: { href: string; item: NavItem; active: NavItem; label: string }) {
  return (
    <li>
      <a href={props.href} aria-current={props.item === props.active ? "page" : undefined}>
        {props.label}
      </a>
    </li>
  );
}

function LanguageSwitch(props: { text: ChromeText; href: string }) {
  const { lang, label } = props.text.switchTo;
  return (
    <a class="lang-switch" href={props.href} lang={lang} hreflang={lang}>
      {label}
    </a>
  );
}

function SiteHeader(props: {
  user: SessionUser | null;
  csrfToken: string;
  active: NavItem;
  officeName: string;
  text: ChromeText;
  switchHref: string;
}) {
  const { user, text } = props;
  return (
    <header class="site-header">
      <div class="brand">
        <a href="/">Postkorb</a> <span class="office">{props.officeName}</span>
      </div>
      {user && (
        <nav aria-label={text.mainNav}>
          <ul>
            <NavLink href="/postkorb" item="postkorb" active={props.active} label={text.myInbox} />
            <NavLink href="/deckblatt" item="deckblatt" active={props.active} label={text.coverSheet} />
            {user.role !== "caseworker" && (
              <NavLink href="/teamleitung" item="teamleitung" active={props.active} label={text.supervisor} />
            )}
            {user.role === "admin" && (
              <NavLink href="/verwaltung" item="verwaltung" active={props.active} label={text.admin} />
            )}
            <NavLink href="/hilfe" item="hilfe" active={props.active} label={text.help} />
          </ul>
        </nav>
      )}
      <div class="user">
        <LanguageSwitch text={text} href={props.switchHref} />
        {user && (
          <>
            <span>
              {user.displayName} ({user.login}) · {text.roles[user.role]}
            </span>
            <form method="post" action="/abmelden" class="inline">
              {csrfField(props.csrfToken)}
              <button type="submit">{text.logout}</button>
            </form>
          </>
        )}
      </div>
    </header>
  );
}

export function Layout(props: LayoutProps) {
  const lang = props.lang ?? "de";
  const text = CHROME_TEXT[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – Postkorb`}</title>
        <link rel="stylesheet" href={`/assets/inbox.css?v=${ASSET_VERSION}`} />
        <script src={`/assets/inbox.js?v=${ASSET_VERSION}`} defer />
      </head>
      <body>
        <a class="skip-link" href="#inhalt">
          {text.skipLink}
        </a>
        <SiteHeader
          user={props.user}
          csrfToken={props.csrfToken}
          active={props.active ?? null}
          officeName={props.officeName}
          text={text}
          switchHref={props.languageSwitchHref ?? `/sprache?zu=${text.switchTo.lang}`}
        />
        {/* Untranslated content under an English chrome is marked German for screen readers (WCAG 3.1.2). */}
        <main
          id="inhalt"
          tabindex={-1}
          lang={(props.contentLang ?? "de") !== lang ? (props.contentLang ?? "de") : undefined}
        >
          {props.notice && (
            <p class="notice" role="status">
              {props.notice}
            </p>
          )}
          {props.error && (
            <p class="error" role="alert">
              {props.error}
            </p>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export interface PageOptions {
  title: string;
  active?: NavItem;
  /** Set to "en" only for a page whose content is translated as a whole (see LayoutProps). */
  contentLang?: UiLang;
  notice?: string | null;
  error?: string | null;
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 429 | 500;
}

/** Renders a full page for the logged-in user (or the bare shell on public pages). */
export function renderPage(c: Context<PageEnv>, options: PageOptions, body: Child) {
  const lang = uiLangOf(c);
  const page = (
    <Layout
      title={options.title}
      officeName={c.get("officeName")}
      user={c.get("user") ?? null}
      csrfToken={c.get("csrfToken") ?? ""}
      active={options.active ?? null}
      lang={lang}
      contentLang={options.contentLang ?? "de"}
      languageSwitchHref={languageSwitchHref(c, CHROME_TEXT[lang].switchTo.lang)}
      notice={options.notice ?? null}
      error={options.error ?? null}
    >
      {body}
    </Layout>
  );
  return c.html(html`<!doctype html>${page}`, options.status ?? 200);
}
