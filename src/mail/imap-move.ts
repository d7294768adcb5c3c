/** Moves a captured mail out of the inbox into the processed folder, creating the folder when missing. */
import type { ImapFlow } from "imapflow";
import { refusalText, takeServerRefusal } from "./imap-client.js";

/** The server refused to create the processed folder or to move a mail into it; the connection is fine. */
export class FolderRefusedError extends Error {
  override name = "FolderRefusedError";
  constructor(
    readonly folder: string,
    readonly what: string,
    readonly refusal: string | undefined,
  ) {
    super(`IMAP: ${what} (Ordner »${folder}«)${refusal ? `: ${refusal}` : ""}`);
  }
}

/** Creates the processed folder if it does not exist (CREATE of an existing folder is not an error here). */
export async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (folders.some((f) => f.path === path)) return;
  let created: unknown;
  try {
    created = await client.mailboxCreate(path);
  } catch (err) {
    if (!client.usable) throw err;
    throw new FolderRefusedError(path, "Ordner konnte nicht angelegt werden", refusalText(err));
  }
  if (!created) throw new FolderRefusedError(path, "Ordner konnte nicht angelegt werden", undefined);
}

/** UID MOVE (RFC 6851); without MOVE, COPY + \Deleted + UID EXPUNGE as RFC 6851 §3.3 describes. */
export async function moveMessage(client: ImapFlow, uid: number, destination: string): Promise<void> {
  await moveMessages(client, [uid], destination);
}

/**
 * One UID MOVE for a whole set of captured mails (one round trip, and one write of the folder on the server,
 * instead of one per mail). A UID that has left the inbox meanwhile is skipped by the server, not an error.
 */
export async function moveMessages(
  client: ImapFlow,
  uids: readonly number[],
  destination: string,
): Promise<void> {
  const range = uidSet(uids);
  const named = uids.length === 1 ? `UID ${range}` : `UIDs ${range}`;
  // imapflow answers a refused MOVE/COPY with `false` and logs the reason; start from a clean slate.
  takeServerRefusal(client);
  const refused = (what: string) => {
    if (!client.usable) return new Error(`IMAP: Verbindung verloren beim Verschieben von ${named}`);
    return new FolderRefusedError(destination, what, takeServerRefusal(client));
  };
  if (client.capabilities.has("MOVE")) {
    const moved = await client.messageMove(range, destination, { uid: true });
    if (!moved) throw refused(`${named} konnte${uids.length === 1 ? "" : "n"} nicht verschoben werden`);
    return;
  }
  const copied = await client.messageCopy(range, destination, { uid: true });
  if (!copied) throw refused(`${named} konnte${uids.length === 1 ? "" : "n"} nicht kopiert werden`);
  // A crash between COPY and EXPUNGE leaves a second copy in the processed folder, never a lost mail:
  // the inbox copy is recognised as captured on the next run and moved again.
  const deleted = await client.messageDelete(range, { uid: true });
  if (!deleted)
    throw refused(`${named} konnte${uids.length === 1 ? "" : "n"} nach dem Kopieren nicht gelöscht werden`);
}

/** `3,5:9,12` for [3, 5, 6, 7, 8, 9, 12]: runs of consecutive UIDs as ranges, so the command stays short. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}
