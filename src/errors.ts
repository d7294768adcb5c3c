/** The one error type: a closed set of codes, each mapped once to an HTTP status and an SMTP reply. */

export type ErrorCode =
  | "bad-request"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "too-large"
  | "rate-limited"
  | "recipient-refused"
  | "storage-failed"
  | "internal";

interface Mapping {
  http: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;
  /** RFC 5321 reply code; 4xx = temporary (the sender retries), 5xx = permanent. */
  smtp: 451 | 452 | 535 | 550 | 552 | 554;
}

const mappings: Record<ErrorCode, Mapping> = {
  "bad-request": { http: 400, smtp: 554 },
  unauthenticated: { http: 401, smtp: 535 },
  forbidden: { http: 403, smtp: 550 },
  "not-found": { http: 404, smtp: 550 },
  conflict: { http: 409, smtp: 554 },
  "too-large": { http: 413, smtp: 552 },
  "rate-limited": { http: 429, smtp: 452 },
  "recipient-refused": { http: 400, smtp: 550 },
  "storage-failed": { http: 503, smtp: 451 },
  internal: { http: 500, smtp: 451 },
};

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to users and peers. */
    readonly publicMessage: string,
    options?: { cause?: unknown },
  ) {
    super(publicMessage, options);
  }
  get httpStatus(): Mapping["http"] {
    return mappings[this.code].http;
  }
  get smtpCode(): Mapping["smtp"] {
    return mappings[this.code].smtp;
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError("internal", "Interner Fehler", { cause: err });
}
