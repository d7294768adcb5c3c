/** GET /api/v1/messages/:id — capture status, documents, quarantine reason (supervisors and admins). */
import type { Hono } from "hono";
import { AppError } from "../../errors.js";
import type { AppDeps } from "../app-deps.js";
import { toMessageView } from "../document-view.js";
import type { ApiEnv } from "./api-env.js";

export function registerMessageRoutes(api: Hono<ApiEnv>, deps: AppDeps): void {
  api.get("/messages/:id", async (c) => {
    const viewer = c.get("viewer");
    const message = await deps.store.getMessage(c.req.param("id"));
    if (!message) throw new AppError("not-found", "Nachricht nicht gefunden");
    const allowed = viewer.role === "admin" || viewer.role === "supervisor";
    await deps.audit({
      actor: viewer.login,
      action: allowed ? "message.viewed" : "message.access-denied",
      subjectType: "message",
      subjectId: message.id,
      data: { via: "api" },
    });
    if (!allowed) throw new AppError("forbidden", "Nur für Teamleitung und Administration");
    const docs = await deps.store.listDocumentsOfMessage(message.id);
    return c.json(
      toMessageView(
        message,
        docs.map((d) => d.id),
        deps.timeZone,
      ),
    );
  });
}
