/** What the server-rendered pages (inbox, Teamleitung, Verwaltung) need beyond the JSON API's deps. */
import type { Context } from "hono";
import type { Database } from "../../db/database.js";
import type { RoutingOptions } from "../../domain/routing-options.js";
import type { Clock } from "../../ingest/ports.js";
import type { AppDeps } from "../app-deps.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { ThrottleLimits } from "../auth/login-throttle.js";
import type { SessionUser } from "../auth/session-user.js";

export interface InboxSettings {
  officeName: string;
  sessionIdleMinutes: number;
  cookieSecure: "auto" | "always" | "never";
  routingOptions: Partial<RoutingOptions>;
  /** Canonical document type → synonyms (the defaults with POSTKORB_DOC_TYPES applied). */
  docTypes: Readonly<Record<string, string[]>>;
  /** Failed logins allowed per account and per client address within a window. */
  loginThrottle: ThrottleLimits;
}

/** Static files (CSS, JS) by name; the runtime decides where they come from (disk, bundle, KV). */
export type AssetSource = (name: string) => Promise<Uint8Array | null>;

export interface InboxDeps {
  database: Database;
  clock: Clock;
  authenticator: Authenticator;
  assets: AssetSource;
  /** The client's address for login throttling (the socket peer; proxies must be configured explicitly). */
  clientAddress(c: Context): string;
  settings: InboxSettings;
}

/** The deps every page module receives. */
export type PageDeps = AppDeps & { inbox: InboxDeps };

/** Hono context variables on every page route (set by the session middleware). */
export type PageEnv = {
  Variables: {
    /** The logged-in user; always set on routes behind the session middleware except public ones. */
    user: SessionUser;
    /** The CSRF token to put into every form (`csrfField`). */
    csrfToken: string;
    /** Shown in every page header. */
    officeName: string;
  };
};
