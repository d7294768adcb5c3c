/** The web inbox's deps on Workers: local password login over D1, bundled assets, Cloudflare's client address. */
import type { Context } from "hono";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import type { createUserRepository } from "../db/user-repository.js";
import type { RoutingOptions } from "../domain/routing-options.js";
import type { Clock } from "../ingest/ports.js";
import type { Authenticator } from "../web/auth/authenticator.js";
import { createLocalAuthenticator } from "../web/auth/local-authenticator.js";
import type { InboxDeps } from "../web/inbox/inbox-deps.js";
import { createBundledAssets } from "./worker-assets.js";

export interface WorkerInboxParts {
  config: Readonly<Config>;
  database: Database;
  clock: Clock;
  users: ReturnType<typeof createUserRepository>;
  routingOptions: Partial<RoutingOptions>;
}

/**
 * Cloudflare's edge sets CF-Connecting-IP on every request from the internet and overwrites one a client
 * sends, so it is the peer address as the socket is on Node. Absent on requests from service bindings/tests.
 */
function connectingAddress(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "unbekannt";
}

/**
 * The local authenticator hashes a dummy password when it is created (to equalise timing for unknown logins):
 * one scrypt run, ~0.2 s of CPU. Created on the first login or session check, not on every isolate start,
 * so email() and cron invocations never pay for it.
 */
function lazyLocalAuthenticator(users: WorkerInboxParts["users"]): Authenticator {
  let inner: Authenticator | null = null;
  const get = () => {
    inner ??= createLocalAuthenticator(users);
    return inner;
  };
  return {
    authenticate: (login, password) => get().authenticate(login, password),
    findUser: (login) => get().findUser(login),
  };
}

export function createWorkerInboxDeps(parts: WorkerInboxParts): InboxDeps {
  return {
    database: parts.database,
    clock: parts.clock,
    // node:crypto's scrypt exists in workerd under nodejs_compat: hashes made on Node verify here unchanged.
    authenticator: lazyLocalAuthenticator(parts.users),
    assets: createBundledAssets(),
    clientAddress: connectingAddress,
    settings: {
      officeName: parts.config.officeName,
      sessionIdleMinutes: parts.config.sessionIdleMinutes,
      cookieSecure: parts.config.cookieSecure,
      routingOptions: parts.routingOptions,
      docTypes: parts.config.docTypes,
      // Counted in D1 (login_failures): every isolate sees the same failures.
      loginThrottle: { perAccount: 5, perAddress: 20, windowMinutes: 15 },
    },
  };
}
