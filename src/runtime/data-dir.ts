/** The embedded data directory: SQLite file, blob folder, and the generated secret when none is configured. */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";

export interface DataPaths {
  root: string;
  database: string;
  blobs: string;
  secretFile: string;
}

export function dataPaths(config: Pick<Config, "dataDir">): DataPaths {
  const root = resolve(config.dataDir);
  return {
    root,
    database: join(root, "postkorb.sqlite"),
    blobs: join(root, "blobs"),
    secretFile: join(root, "secret"),
  };
}

/** POSTKORB_SECRET wins; else a secret generated once into the data dir (0600), with a warning. */
export function resolveSecret(config: Pick<Config, "secret" | "dataDir">, log: Logger): string {
  if (config.secret) return config.secret;
  const paths = dataPaths(config);
  mkdirSync(paths.root, { recursive: true });
  try {
    return readFileSync(paths.secretFile, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(paths.secretFile, `${secret}\n`, { mode: 0o600, flag: "wx" });
    log.warn(
      { file: paths.secretFile },
      "POSTKORB_SECRET not set: generated a secret into the data directory",
    );
    return secret;
  }
}
