/** POST /api/v1/cover-sheets — JSON in, printable PDF out; every sheet is recorded and audited. */
import type { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { CoverSheetIssuer } from "../../pdf/cover-sheet-issuer.js";
import { MAX_SHEETS_PER_REQUEST } from "../../pdf/issue-cover-sheets.js";
import type { ApiEnv } from "./api-env.js";

const requestBody = z.object({
  docType: z.string().min(1).max(80),
  caseRef: z.string().min(1).max(40).nullish(),
  customerNo: z.string().min(1).max(20).nullish(),
  surname: z.string().min(1).max(120).nullish(),
  declaredPages: z.number().int().min(1).max(999).nullish(),
  count: z.number().int().min(1).max(MAX_SHEETS_PER_REQUEST).default(1),
});

export function registerCoverSheetRoutes(api: Hono<ApiEnv>, issue: CoverSheetIssuer): void {
  api.post("/cover-sheets", async (c) => {
    const parsed = requestBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      throw new AppError(
        "bad-request",
        `Ungültige Anfrage: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
      );
    const body = parsed.data;
    const result = await issue({
      docType: body.docType,
      caseRef: body.caseRef ?? null,
      customerNo: body.customerNo ?? null,
      surname: body.surname ?? null,
      declaredPages: body.declaredPages ?? null,
      count: body.count,
      issuedBy: c.get("viewer").login,
    });
    if (!result.ok) throw new AppError("bad-request", result.reason);
    return c.body(result.pdf as Uint8Array<ArrayBuffer>, 201, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="deckblatt-${result.serials[0]}.pdf"`,
      "X-Cover-Sheet-Serials": result.serials.join(","),
    });
  });
}
