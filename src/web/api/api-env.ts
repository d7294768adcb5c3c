/** Hono context variables of the JSON API. */
import type { Viewer } from "../../domain/permissions.js";

export type ApiEnv = { Variables: { viewer: Viewer } };
