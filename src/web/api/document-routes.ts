/** GET /api/v1/documents, /documents/:id and /documents/:id/pdf — need-to-know checked, every read audited. */
import type { Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import type { AppDeps } from "../app-deps.js";
import { toDocumentView } from "../document-view.js";
import type { ApiEnv } from "./api-env.js";

const listQuery = z.object({
  queue: z.string().min(1).optional(),
  assignee: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  status: z.enum(["open", "done"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function registerDocumentRoutes(api: Hono<ApiEnv>, deps: AppDeps): void {
  api.get("/documents", async (c) => {
    const parsed = listQuery.safeParse(c.req.query());
    if (!parsed.success)
      throw new AppError("bad-request", `Ungültige Filter: ${parsed.error.issues[0]?.message}`);
    const viewer = c.get("viewer");
    const gate = await deps.gateFor(viewer);
    // Need-to-know inside the query: limit and offset then page over exactly what the caller may see.
    const visible = await deps.store.listDocuments({ ...parsed.data, visibleTo: gate.visibility });
    const messages = new Map(
      (await deps.store.getMessagesByIds(visible.map((d) => d.messageRef))).map((m) => [m.id, m]),
    );
    await deps.audit({
      actor: viewer.login,
      action: "documents.listed",
      subjectType: "query",
      subjectId: "documents",
      data: { filter: parsed.data, count: visible.length, ids: visible.map((d) => d.id) },
    });
    return c.json(visible.map((d) => toDocumentView(d, messages.get(d.messageRef), deps.timeZone)));
  });

  api.get("/documents/:id", async (c) => {
    const doc = await readAllowedDocument(c, deps, "document.viewed");
    const message = await deps.store.getMessage(doc.messageRef);
    return c.json(toDocumentView(doc, message ?? undefined, deps.timeZone));
  });

  api.get("/documents/:id/pdf", async (c) => {
    const doc = await readAllowedDocument(c, deps, "document.downloaded");
    const bytes = await deps.blobs.get(doc.blobKey);
    if (!bytes) throw new AppError("internal", "PDF nicht gefunden");
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${doc.id}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    });
  });
}

/** Loads a document, refuses (403 + audit event) when the viewer has no need to know, audits the read. */
async function readAllowedDocument(
  c: Context<ApiEnv>,
  deps: AppDeps,
  action: string,
): Promise<DocumentRecord> {
  const viewer = c.get("viewer");
  const id = c.req.param("id") ?? "";
  const doc = await deps.store.getDocument(id);
  if (!doc) throw new AppError("not-found", "Dokument nicht gefunden");
  const allowed = await (await deps.gateFor(viewer))(doc);
  await deps.audit({
    actor: viewer.login,
    action: allowed ? action : "document.access-denied",
    subjectType: "document",
    subjectId: doc.id,
    data: { via: "api", path: c.req.path },
  });
  if (!allowed) throw new AppError("forbidden", "Kein Zugriff auf dieses Dokument");
  return doc;
}
