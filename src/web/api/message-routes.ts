/**
 * GET /api/v1/messages/:id — capture status, documents, quarantine reason. Admins see every message; a
 * supervisor one with a document they may see, or a quarantined one (domain/permissions.ts `canSeeMessage`);
 * the document list names only the documents the caller may see.
 */
import type { Hono } from "hono";
import { canSeeMessage } from "../../domain/permissions.js";
import { AppError } from "../../errors.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import type { AppDeps } from "../app-deps.js";
import { toMessageView } from "../document-view.js";
import type { ApiEnv } from "./api-env.js";

export function registerMessageRoutes(api: Hono<ApiEnv>, deps: AppDeps): void {
  api.get("/messages/:id", async (c) => {
    const viewer = c.get("viewer");
    const message = await deps.store.getMessage(c.req.param("id"));
    if (!message) throw new AppError("not-found", "Nachricht nicht gefunden");
    const docs = await deps.store.listDocumentsOfMessage(message.id);
    const visible: DocumentRecord[] = [];
    if (viewer.role === "supervisor" || viewer.role === "admin") {
      const gate = await deps.gateFor(viewer);
      for (const doc of docs) if (await gate(doc)) visible.push(doc);
    }
    const allowed = canSeeMessage(viewer, message, visible.length > 0);
    await deps.audit({
      actor: viewer.login,
      action: allowed ? "message.viewed" : "message.access-denied",
      subjectType: "message",
      subjectId: message.id,
      data: { via: "api", path: c.req.path },
    });
    if (!allowed) throw new AppError("forbidden", "Kein Zugriff auf diese Nachricht");
    return c.json(
      toMessageView(
        message,
        visible.map((d) => d.id),
        deps.timeZone,
      ),
    );
  });
}
