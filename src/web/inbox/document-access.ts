/** Need-to-know for one document on a page route: refused access is a 403 and an audit event, reads are audited. */
import type { Context } from "hono";
import { AppError } from "../../errors.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import { toViewer } from "../auth/session-user.js";
import type { PageDeps, PageEnv } from "./inbox-deps.js";

/**
 * Loads the document named in the route and checks the viewer may see it. `action` is the audit event written
 * when allowed (e.g. "document.viewed"), or null when the caller's own action event is the record.
 */
export async function loadAllowedDocument(
  c: Context<PageEnv>,
  deps: PageDeps,
  action: "document.viewed" | "document.downloaded" | null,
): Promise<DocumentRecord> {
  const user = c.get("user");
  const id = c.req.param("id") ?? "";
  const doc = await deps.store.getDocument(id);
  if (!doc) throw new AppError("not-found", "Dieses Dokument gibt es nicht.");
  const allowed = await (await deps.gateFor(toViewer(user)))(doc);
  if (!allowed || action !== null) {
    await deps.audit({
      actor: user.login,
      action: allowed ? action! : "document.access-denied",
      subjectType: "document",
      subjectId: doc.id,
      data: { via: "web", path: c.req.path },
    });
  }
  if (!allowed) throw new AppError("forbidden", "Sie haben keinen Zugriff auf dieses Dokument.");
  return doc;
}
