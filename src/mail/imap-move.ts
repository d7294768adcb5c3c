/** Moves a captured mail out of the inbox into the processed folder, creating the folder when missing. */
import type { ImapFlow } from "imapflow";

/** Creates the processed folder if it does not exist (CREATE of an existing folder is not an error here). */
export async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (folders.some((f) => f.path === path)) return;
  const created = await client.mailboxCreate(path);
  if (!created) throw new Error(`IMAP: Ordner ${path} konnte nicht angelegt werden`);
}

/** UID MOVE (RFC 6851); without MOVE, COPY + \Deleted + UID EXPUNGE as RFC 6851 §3.3 describes. */
export async function moveMessage(client: ImapFlow, uid: number, destination: string): Promise<void> {
  const range = String(uid);
  if (client.capabilities.has("MOVE")) {
    const moved = await client.messageMove(range, destination, { uid: true });
    if (!moved) throw new Error(`IMAP: UID ${uid} konnte nicht nach ${destination} verschoben werden`);
    return;
  }
  const copied = await client.messageCopy(range, destination, { uid: true });
  if (!copied) throw new Error(`IMAP: UID ${uid} konnte nicht nach ${destination} kopiert werden`);
  // A crash between COPY and EXPUNGE leaves a second copy in the processed folder, never a lost mail:
  // the inbox copy is recognised as captured on the next run and moved again.
  const deleted = await client.messageDelete(range, { uid: true });
  if (!deleted) throw new Error(`IMAP: UID ${uid} konnte nach dem Kopieren nicht gelöscht werden`);
}
