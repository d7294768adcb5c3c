/** Security headers for every page: CSP without inline script, no framing, no referrer, no sniffing. */
import { createMiddleware } from "hono/factory";

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  // The document page embeds its own PDF route; nothing else may be framed or embedded.
  "frame-src 'self'",
  "object-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/** The PDF route may be framed by our own pages (the document view), by nobody else. */
export const PDF_FRAME_HEADERS = {
  "Content-Security-Policy": "frame-ancestors 'self'",
  "X-Frame-Options": "SAMEORIGIN",
};

const DEFAULTS: Record<string, string> = {
  "Content-Security-Policy": PAGE_CSP,
  "X-Frame-Options": "DENY",
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts (CSRF check).
  "Referrer-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  // Pages carry personal data: never kept by shared caches or the back-forward cache on disk.
  "Cache-Control": "private, no-store",
};

/** Sets each header unless the route already chose its own (the PDF route, static assets). */
export function securityHeaders() {
  return createMiddleware(async function setSecurityHeaders(c, next) {
    await next();
    for (const [name, value] of Object.entries(DEFAULTS))
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });
}
