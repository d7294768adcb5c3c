/**
 * Takes a batch of mails at once: one UID FETCH streams their bodies, each is captured as soon as it has arrived,
 * and the captures run side by side, so they share fsyncs and the store's group commit instead of paying them one
 * after another. Moving the captured mails is the caller's next step (one UID MOVE for the set).
 *
 * Blame stays per mail. Every mail of the batch is in hand (journal) from before the FETCH to its capture; a death
 * of the connection mid-FETCH counts only against the mail whose body was arriving (Dovecot answers in UID order:
 * the first one not yet received). A death of Postkorb counts against all of them, and that record makes each take
 * its next turn alone (takesAlone), where a death is its own again. Whatever the batch could not settle (the
 * server refused the FETCH, or left a mail out) is taken alone by the caller, which finds out whose fault it was.
 */
import { imapErrorText, withDeadline } from "./imap-client.js";
import { uidSet } from "./imap-move.js";
import { imapSourceKey } from "./imap-source.js";
import { captureFetched, type MailMeta, type TakeDeps, type TakeOutcome } from "./imap-take-message.js";

/** How many mails, and how many bytes of mail, one batch holds at most. */
export interface BatchLimits {
  mails: number;
  bytes: number;
}

export const defaultBatchLimits: BatchLimits = { mails: 20, bytes: 20 * 1024 * 1024 };

export interface BatchTake {
  /** Captured (or found as already captured), committed, in UID order: ready to be moved. */
  taken: { meta: MailMeta; outcome: TakeOutcome }[];
  /** Our store failed to capture these (CaptureFailedError): retried after their back-off, not counted. */
  failed: { meta: MailMeta; error: unknown }[];
  /** Not settled by the batch (FETCH refused, or the mail missing from its answer): to be taken alone. */
  alone: MailMeta[];
  /** The connection died during the FETCH; the caller moves nothing and reconnects. */
  lost: { error: unknown; inHand: MailMeta | null } | null;
}

type Settled = { ok: true; outcome: TakeOutcome } | { ok: false; error: unknown };

export async function takeBatch(deps: TakeDeps, metas: readonly MailMeta[]): Promise<BatchTake> {
  const keyOf = (meta: MailMeta) => imapSourceKey(deps.source, deps.uidValidity, meta.uid);
  const byUid = new Map(metas.map((m) => [m.uid, m]));
  const captures = new Map<number, Promise<Settled>>();
  for (const meta of metas) deps.journal.begin(keyOf(meta));
  let fetchError: unknown = null;
  let streaming = true;
  const range = uidSet(metas.map((m) => m.uid));
  try {
    await withDeadline(
      deps.client,
      deps.commandMs,
      `FETCH ${range}`,
      (async () => {
        // No IMAP command may run inside this loop (imapflow would deadlock): captures touch only the store.
        for await (const fetched of deps.client.fetch(range, { uid: true, source: true }, { uid: true })) {
          if (!streaming) break;
          const meta = byUid.get(fetched.uid);
          if (!meta || captures.has(meta.uid) || !fetched.source?.length) continue;
          captures.set(
            meta.uid,
            captureFetched(deps, meta, new Uint8Array(fetched.source)).then(
              (outcome): Settled => ({ ok: true, outcome }),
              (error: unknown): Settled => ({ ok: false, error }),
            ),
          );
        }
      })(),
    );
  } catch (err) {
    fetchError = err;
  } finally {
    // After a deadline the loop may still be running; what it receives from now on is not taken.
    streaming = false;
  }
  const lostConnection = fetchError !== null && !deps.client.usable;
  const result: BatchTake = { taken: [], failed: [], alone: [], lost: null };
  if (lostConnection) result.lost = { error: fetchError, inHand: null };
  for (const meta of metas) {
    const key = keyOf(meta);
    const capture = captures.get(meta.uid);
    if (capture) {
      const settled = await capture;
      if (settled.ok) {
        deps.journal.end(key, { kind: "done" });
        result.taken.push({ meta, outcome: settled.outcome });
      } else {
        deps.journal.end(key, { kind: "released" });
        result.failed.push({ meta, error: settled.error });
      }
    } else if (result.lost && result.lost.inHand === null) {
      deps.journal.end(key, { kind: "interrupted", error: imapErrorText(fetchError) });
      result.lost.inHand = meta;
    } else {
      // Not yet arrived when the connection died (innocent), or to be found out alone.
      deps.journal.end(key, { kind: "released" });
      if (!lostConnection) result.alone.push(meta);
    }
  }
  return result;
}
