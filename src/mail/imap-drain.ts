/** Drains a mailbox in UID order; each mail is isolated, failures are retried a bounded number of times. */
import type { Logger } from "../log.js";
import { withDeadline } from "./imap-client.js";
import { imapSourceKey } from "./imap-source.js";
import {
  type MailMeta,
  quarantineMessage,
  type TakeDeps,
  type TakeOutcome,
  takeMessage,
} from "./imap-take-message.js";

export interface DrainDeps extends TakeDeps {
  log: Logger;
  /** Failed attempts per source key; outlives a connection so a mail that breaks it is still bounded. */
  attempts: Map<string, { count: number; lastError: string }>;
  maxAttempts: number;
  isStopped: () => boolean;
  onTaken: (outcome: TakeOutcome) => void;
  onBacklog: (count: number) => void;
  onMailError: (err: unknown) => void;
}

export interface DrainResult {
  taken: number;
  /** Mails that failed this time and will be tried again. */
  failed: number;
}

const META_BATCH = 200;

export async function drainMailbox(deps: DrainDeps): Promise<DrainResult> {
  const found = await withDeadline(
    deps.client,
    deps.commandMs,
    "SEARCH",
    deps.client.search({ deleted: false }, { uid: true }),
  );
  const uids = (found || []).sort((a, b) => a - b);
  const result: DrainResult = { taken: 0, failed: 0 };
  let left = uids.length;
  deps.onBacklog(left);
  for (let i = 0; i < uids.length && !deps.isStopped(); i += META_BATCH) {
    for (const meta of await fetchMetas(deps, uids.slice(i, i + META_BATCH))) {
      if (deps.isStopped()) break;
      const ok = await takeIsolated(deps, meta);
      if (ok) result.taken++;
      else result.failed++;
      deps.onBacklog(--left);
    }
  }
  return result;
}

async function fetchMetas(deps: DrainDeps, uids: number[]): Promise<MailMeta[]> {
  const rows = await withDeadline(
    deps.client,
    deps.commandMs,
    "FETCH meta",
    deps.client.fetchAll(uids.join(","), { uid: true, size: true, internalDate: true }, { uid: true }),
  );
  return rows
    .map((r) => ({ uid: r.uid, size: r.size ?? 0, internalDate: toDate(r.internalDate) }))
    .sort((a, b) => a.uid - b.uid);
}

function toDate(value: Date | string | undefined): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string") return new Date(value);
  throw new Error("IMAP: INTERNALDATE fehlt");
}

/** True when the mail left the inbox (captured, duplicate or quarantined). Connection loss is rethrown. */
async function takeIsolated(deps: DrainDeps, meta: MailMeta): Promise<boolean> {
  const key = imapSourceKey(deps.source, deps.uidValidity, meta.uid);
  const before = deps.attempts.get(key);
  const tried = before?.count ?? 0;
  try {
    const outcome =
      tried >= deps.maxAttempts
        ? await quarantineMessage(deps, meta, `Abruf ${tried}× fehlgeschlagen: ${before?.lastError}`)
        : await takeMessage(deps, meta);
    deps.attempts.delete(key);
    deps.onTaken(outcome);
    return true;
  } catch (err) {
    deps.attempts.set(key, { count: tried + 1, lastError: err instanceof Error ? err.message : String(err) });
    deps.onMailError(err);
    deps.log.warn({ uid: meta.uid, attempt: tried + 1, err: String(err) }, "imap mail failed");
    if (!deps.client.usable) throw err;
    return false;
  }
}
