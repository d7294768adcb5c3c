/**
 * POST /dokumente/:id/<aktion> — each caseworker action: CSRF (middleware), permission to act, use case, redirect.
 * Seeing a document is not enough to act on it (domain/permissions.ts): a former handler may read it, but only
 * who works its queue now may mark it done, forward, return or correct it.
 */
import type { Context, Hono } from "hono";
import type { DocumentAction } from "../../domain/permissions.js";
import { AppError } from "../../errors.js";
import type { DocumentRecord } from "../../ingest/ports.js";
import type { ActionActor, ActionResult } from "../../office/document-actions/action-deps.js";
import { addDocumentNote } from "../../office/document-actions/add-document-note.js";
import { correctDocumentMetadata } from "../../office/document-actions/correct-document-metadata.js";
import { forwardDocument } from "../../office/document-actions/forward-document.js";
import { markDocumentDone } from "../../office/document-actions/mark-document-done.js";
import { returnToTriage } from "../../office/document-actions/return-to-triage.js";
import { safeNextPath } from "../auth/login-routes.js";
import { toViewer } from "../auth/session-user.js";
import type { CaseworkerContext } from "./caseworker-context.js";
import { showDocument } from "./document-page.js";
import type { PageEnv } from "./inbox-deps.js";

type Body = Record<string, string | File | (string | File)[]>;

interface ActionRoute {
  action: DocumentAction;
  run(ctx: CaseworkerContext, actor: ActionActor, doc: DocumentRecord, body: Body): Promise<ActionResult>;
  notice: string;
  /** Back to the queue when the document left it; else stay on the document. */
  afterwards: "queue" | "document";
}

const ROUTES: Record<string, ActionRoute> = {
  erledigt: {
    action: "done",
    run: (ctx, actor, doc) => markDocumentDone(ctx.actions, actor, doc),
    notice: "erledigt",
    afterwards: "queue",
  },
  weiterleiten: {
    action: "forward",
    run: (ctx, actor, doc, b) => forwardDocument(ctx.actions, actor, doc, { target: b.ziel, note: b.notiz }),
    notice: "weitergeleitet",
    afterwards: "queue",
  },
  clearing: {
    action: "return",
    run: (ctx, actor, doc, b) => returnToTriage(ctx.actions, actor, doc, { reason: b.grund }),
    notice: "clearing",
    afterwards: "queue",
  },
  notiz: {
    action: "note",
    run: (ctx, actor, doc, b) => addDocumentNote(ctx.actions, actor, doc, { text: b.text }),
    notice: "notiz",
    afterwards: "document",
  },
  korrigieren: {
    action: "correct",
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

/** Loads the document and checks the user may do `action` on it; a refusal is a 403 and an audit event. */
async function loadActionableDocument(
  c: Context<PageEnv>,
  ctx: CaseworkerContext,
  action: DocumentAction,
): Promise<DocumentRecord> {
  const user = c.get("user");
  const doc = await ctx.deps.store.getDocument(c.req.param("id") ?? "");
  if (!doc) throw new AppError("not-found", "Dieses Dokument gibt es nicht.");
  const gate = await ctx.deps.gateFor(toViewer(user));
  if (await gate.mayAct(doc, action)) return doc;
  const maySee = await gate(doc);
  await ctx.deps.audit({
    actor: user.login,
    action: "document.access-denied",
    subjectType: "document",
    subjectId: doc.id,
    data: { via: "web", path: c.req.path, attempted: action, maySee },
  });
  throw new AppError(
    "forbidden",
    maySee
      ? "Dieses Dokument liegt nicht in einem Postkorb, den Sie bearbeiten. Sie können es ansehen, aber nicht bearbeiten."
      : "Sie haben keinen Zugriff auf dieses Dokument.",
  );
}

async function runAction(c: Context<PageEnv>, ctx: CaseworkerContext, name: string, route: ActionRoute) {
  const doc = await loadActionableDocument(c, ctx, route.action);
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
