/** The page shell every inbox page uses: header with user, role and logout, German navigation, skip link, <main>. */
import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import { csrfField } from "../auth/csrf.js";
import { ROLE_LABELS, type SessionUser } from "../auth/session-user.js";
import type { PageEnv } from "./inbox-deps.js";

export type NavItem = "postkorb" | "teamleitung" | "verwaltung" | "hilfe" | null;

/** Bump when assets change, so browsers fetch the new files. */
export const ASSET_VERSION = "1";

export interface LayoutProps {
  title: string;
  officeName: string;
  user: SessionUser | null;
  csrfToken: string;
  active?: NavItem;
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

function SiteHeader(props: { user: SessionUser; csrfToken: string; active: NavItem; officeName: string }) {
  const { user } = props;
  return (
    <header class="site-header">
      <div class="brand">
        <a href="/">Postkorb</a> <span class="office">{props.officeName}</span>
      </div>
      <nav aria-label="Hauptnavigation">
        <ul>
          <NavLink href="/postkorb" item="postkorb" active={props.active} label="Mein Postkorb" />
          {user.role !== "caseworker" && (
            <NavLink href="/teamleitung" item="teamleitung" active={props.active} label="Teamleitung" />
          )}
          {user.role === "admin" && (
            <NavLink href="/verwaltung" item="verwaltung" active={props.active} label="Verwaltung" />
          )}
          <NavLink href="/hilfe" item="hilfe" active={props.active} label="Hilfe" />
        </ul>
      </nav>
      <div class="user">
        <span>
          {user.displayName} ({user.login}) · {ROLE_LABELS[user.role]}
        </span>
        <form method="post" action="/abmelden" class="inline">
          {csrfField(props.csrfToken)}
          <button type="submit">Abmelden</button>
        </form>
      </div>
    </header>
  );
}

export function Layout(props: LayoutProps) {
  return (
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – Postkorb`}</title>
        <link rel="stylesheet" href={`/assets/inbox.css?v=${ASSET_VERSION}`} />
        <script src={`/assets/inbox.js?v=${ASSET_VERSION}`} defer />
      </head>
      <body>
        <a class="skip-link" href="#inhalt">
          Zum Inhalt springen
        </a>
        {props.user && (
          <SiteHeader
            user={props.user}
            csrfToken={props.csrfToken}
            active={props.active ?? null}
            officeName={props.officeName}
          />
        )}
        <main id="inhalt" tabindex={-1}>
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
  notice?: string | null;
  error?: string | null;
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 429 | 500;
}

/** Renders a full page for the logged-in user (or the bare shell on public pages). */
export function renderPage(c: Context<PageEnv>, options: PageOptions, body: Child) {
  const page = (
    <Layout
      title={options.title}
      officeName={c.get("officeName")}
      user={c.get("user") ?? null}
      csrfToken={c.get("csrfToken") ?? ""}
      active={options.active ?? null}
      notice={options.notice ?? null}
      error={options.error ?? null}
    >
      {body}
    </Layout>
  );
  return c.html(html`<!doctype html>${page}`, options.status ?? 200);
}
