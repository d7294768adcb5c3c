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
  const range = String(uid);
  // imapflow answers a refused MOVE/COPY with `false` and logs the reason; start from a clean slate.
  takeServerRefusal(client);
  const refused = (what: string) => {
    if (!client.usable) return new Error(`IMAP: Verbindung verloren beim Verschieben von UID ${uid}`);
    return new FolderRefusedError(destination, what, takeServerRefusal(client));
  };
  if (client.capabilities.has("MOVE")) {
    const moved = await client.messageMove(range, destination, { uid: true });
    if (!moved) throw refused(`UID ${uid} konnte nicht verschoben werden`);
    return;
  }
  const copied = await client.messageCopy(range, destination, { uid: true });
  if (!copied) throw refused(`UID ${uid} konnte nicht kopiert werden`);
  // A crash between COPY and EXPUNGE leaves a second copy in the processed folder, never a lost mail:
  // the inbox copy is recognised as captured on the next run and moved again.
  const deleted = await client.messageDelete(range, { uid: true });
  if (!deleted) throw refused(`UID ${uid} konnte nach dem Kopieren nicht gelöscht werden`);
}
