/** GET /dokumente/:id/pdf — the stamped PDF, inline, framable only by our own document page, never cached. */
import type { Hono } from "hono";
import { AppError } from "../../errors.js";
import { PDF_FRAME_HEADERS } from "../auth/security-headers.js";
import type { CaseworkerContext } from "./caseworker-context.js";
import { loadAllowedDocument } from "./document-access.js";
import type { PageEnv } from "./inbox-deps.js";

export function registerDocumentPdfRoute(pages: Hono<PageEnv>, ctx: CaseworkerContext): void {
  pages.get("/dokumente/:id/pdf", async (c) => {
    const doc = await loadAllowedDocument(c, ctx.deps, "document.downloaded");
    const bytes = await ctx.deps.blobs.get(doc.blobKey);
    if (!bytes) throw new AppError("internal", "Die PDF-Datei dieses Dokuments fehlt im Speicher.");
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/pdf",
      // The id, not the scanned file name: names come from outside and must not shape a header.
      "Content-Disposition": `inline; filename="${doc.id}.pdf"`,
      "Cache-Control": "private, no-store",
      ...PDF_FRAME_HEADERS,
    });
  });
}
