/** POST /dokumente/:id/<aktion> — each caseworker action: need-to-know, CSRF (middleware), use case, redirect. */
import type { Context, Hono } from "hono";
import type { DocumentRecord } from "../../ingest/ports.js";
import type { ActionActor, ActionResult } from "../../office/document-actions/action-deps.js";
import { addDocumentNote } from "../../office/document-actions/add-document-note.js";
import { correctDocumentMetadata } from "../../office/document-actions/correct-document-metadata.js";
import { forwardDocument } from "../../office/document-actions/forward-document.js";
import { markDocumentDone } from "../../office/document-actions/mark-document-done.js";
import { returnToTriage } from "../../office/document-actions/return-to-triage.js";
import { safeNextPath } from "../auth/login-routes.js";
import type { CaseworkerContext } from "./caseworker-context.js";
import { loadAllowedDocument } from "./document-access.js";
import { showDocument } from "./document-page.js";
import type { PageEnv } from "./inbox-deps.js";

type Body = Record<string, string | File | (string | File)[]>;

interface ActionRoute {
  run(ctx: CaseworkerContext, actor: ActionActor, doc: DocumentRecord, body: Body): Promise<ActionResult>;
  notice: string;
  /** Back to the queue when the document left it; else stay on the document. */
  afterwards: "queue" | "document";
}

const ROUTES: Record<string, ActionRoute> = {
  erledigt: {
    run: (ctx, actor, doc) => markDocumentDone(ctx.actions, actor, doc),
    notice: "erledigt",
    afterwards: "queue",
  },
  weiterleiten: {
    run: (ctx, actor, doc, b) => forwardDocument(ctx.actions, actor, doc, { target: b.ziel, note: b.notiz }),
    notice: "weitergeleitet",
    afterwards: "queue",
  },
  clearing: {
    run: (ctx, actor, doc, b) => returnToTriage(ctx.actions, actor, doc, { reason: b.grund }),
    notice: "clearing",
    afterwards: "queue",
  },
  notiz: {
    run: (ctx, actor, doc, b) => addDocumentNote(ctx.actions, actor, doc, { text: b.text }),
    notice: "notiz",
    afterwards: "document",
  },
  korrigieren: {
    run: (ctx, actor, doc, b) =>
      correctDocumentMetadata(ctx.actions, actor, doc, {
        caseRef: b.aktenzeichen,
        customerNo: b.kundennummer,
        surname: b.name,
        docType: b.dokumentart,
      }),
    notice: "korrigiert",
    afterwards: "document",
  },
};

function withNotice(path: string, notice: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}meldung=${notice}`;
}

async function runAction(c: Context<PageEnv>, ctx: CaseworkerContext, name: string, route: ActionRoute) {
  const doc = await loadAllowedDocument(c, ctx.deps, null);
  const body = await c.req.parseBody();
  const user = c.get("user");
  const result = await route.run(ctx, { login: user.login, displayName: user.displayName }, doc, body);
  if (!result.ok) return showDocument(c, ctx, doc, { error: result.reason, openForm: name });
  if (route.afterwards === "document")
    return c.redirect(withNotice(`/dokumente/${doc.id}`, route.notice), 303);
  const back = safeNextPath(body.zurueck);
  return c.redirect(withNotice(back.startsWith("/postkorb") ? back : "/postkorb", route.notice), 303);
}

export function registerDocumentActionRoutes(pages: Hono<PageEnv>, ctx: CaseworkerContext): void {
  for (const [name, route] of Object.entries(ROUTES))
    pages.post(`/dokumente/:id/${name}`, (c) => runAction(c, ctx, name, route));
}
