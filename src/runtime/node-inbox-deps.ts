/** The web inbox's deps on Node: local password login, assets read from src/web/inbox/assets, socket address. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { packageRoot } from "../package-root.js";
import { createLocalAuthenticator } from "../web/auth/local-authenticator.js";
import type { AssetSource, InboxDeps } from "../web/inbox/inbox-deps.js";
import type { EmbeddedCore } from "./embedded-core.js";

// From the package root, not this file: a build under dist/ holds no assets.
const ASSET_DIR = pathToFileURL(join(packageRoot(), "src/web/inbox/assets/"));

/** Files are read once and kept: there are two of them and they only change with a release. */
function createDiskAssets(): AssetSource {
  const cache = new Map<string, Promise<Uint8Array | null>>();
  return function readAsset(name) {
    let found = cache.get(name);
    if (!found) {
      found = readFile(new URL(name, ASSET_DIR)).then(
        (b) => new Uint8Array(b),
        (err: NodeJS.ErrnoException) => {
          if (err.code === "ENOENT") return null;
          throw err;
        },
      );
      cache.set(name, found);
    }
    return found;
  };
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unbekannt";
  } catch {
    // Requests built in tests (app.request) have no socket.
    return "unbekannt";
  }
}

export function createNodeInboxDeps(core: EmbeddedCore): InboxDeps {
  return {
    database: core.database,
    clock: core.clock,
    authenticator: createLocalAuthenticator(core.users),
    assets: createDiskAssets(),
    clientAddress: socketAddress,
    settings: {
      officeName: core.config.officeName,
      sessionIdleMinutes: core.config.sessionIdleMinutes,
      cookieSecure: core.config.cookieSecure,
      routingOptions: core.pipeline.routingOptions,
      docTypes: core.config.docTypes,
      loginThrottle: { perAccount: 5, perAddress: 20, windowMinutes: 15 },
    },
  };
}
