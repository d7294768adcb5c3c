/** Environment → typed, validated, frozen configuration. Read once at the entry point. */
import { z } from "zod";
import { canonicalDocType, defaultDocTypes } from "./domain/doc-types.js";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
const regexText = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (v) => {
        try {
          new RegExp(v);
          return true;
        } catch {
          return false;
        }
      },
      { message: "must be a valid regular expression" },
    );
const imapUrl = z
  .string()
  .refine((v) => /^imaps?:\/\//.test(v), { message: "must start with imap:// or imaps://" })
  .refine((v) => URL.canParse(v), { message: "must be a URL like imap://user:pass@127.0.0.1:1143/INBOX" });

const MAX_DOC_TYPE_NAME = 100;

/**
 * POSTKORB_DOC_TYPES: a JSON object `{"Kontoauszug": ["Kontoauszüge", "Kto-Auszug"], "Quittung": ["Kassenbon"]}`
 * applied to the defaults: a listed type gets exactly the synonyms given (the old ones are dropped), a new name
 * adds a type, `null` removes a default type. The result must name each text once, so no subject is ambiguous.
 */
const docTypesText = optionalText.transform((text, ctx) => {
  if (text === undefined) return defaultDocTypes;
  const merged = mergeDocTypes(text);
  if (typeof merged === "string") {
    ctx.addIssue({ code: "custom", message: merged });
    return z.NEVER;
  }
  return merged;
});

const DOC_TYPES_EXAMPLE = '{"Kontoauszug":["Kontoauszüge","Kto-Auszug"],"Quittung":[]}';

/** The defaults with the override applied, deep-frozen; or a sentence saying what is wrong. */
function mergeDocTypes(text: string): Record<string, string[]> | string {
  let override: unknown;
  try {
    override = JSON.parse(text);
  } catch {
    return `must be a JSON object like ${DOC_TYPES_EXAMPLE}`;
  }
  if (override === null || typeof override !== "object" || Array.isArray(override))
    return `must be a JSON object like ${DOC_TYPES_EXAMPLE}`;
  const merged: Record<string, string[]> = { ...defaultDocTypes };
  for (const [rawName, synonyms] of Object.entries(override)) {
    const name = rawName.trim();
    if (name === "" || name.length > MAX_DOC_TYPE_NAME)
      return `document type names must be 1–${MAX_DOC_TYPE_NAME} characters`;
    if (synonyms === null) {
      if (!Object.hasOwn(merged, name)) return `"${name}" is not a document type that could be removed`;
      delete merged[name];
      continue;
    }
    if (!Array.isArray(synonyms) || synonyms.some((s) => typeof s !== "string"))
      return `"${name}" must map to a list of synonyms (strings) or null, e.g. ${DOC_TYPES_EXAMPLE}`;
    const cleaned = synonyms.map((s: string) => s.trim());
    if (cleaned.some((s) => s === "" || s.length > MAX_DOC_TYPE_NAME))
      return `the synonyms of "${name}" must be 1–${MAX_DOC_TYPE_NAME} characters each`;
    merged[name] = cleaned;
  }
  if (Object.keys(merged).length === 0) return "must leave at least one document type";
  // Every name and synonym must lead back to its own type: otherwise the first type listed would silently win.
  for (const [name, synonyms] of Object.entries(merged)) {
    for (const text of [name, ...synonyms]) {
      const found = canonicalDocType(text, merged);
      if (found !== name)
        return `"${text}" (listed under "${name}") already names the document type "${found}"; name each text once (remove it from "${found}" or list it only there)`;
    }
  }
  for (const synonyms of Object.values(merged)) Object.freeze(synonyms);
  return Object.freeze(merged);
}

const envSchema = z.object({
  POSTKORB_DATA_DIR: z.string().min(1).default("./data"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port(3000),
  POSTKORB_SMTP_PORT: port(2525),
  /** One or more mailboxes, separated by whitespace or commas. */
  POSTKORB_IMAP_URL: optionalText.pipe(
    z
      .string()
      .optional()
      .transform((v) => (v ? v.split(/[\s,]+/).filter(Boolean) : []))
      .pipe(z.array(imapUrl)),
  ),
  POSTKORB_IMAP_PROCESSED: z.string().min(1).default("Postkorb/Verarbeitet"),
  POSTKORB_IMAP_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  POSTKORB_SECRET: optionalText.pipe(
    z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  ),
  /** Secrets used before a rotation, comma-separated: cover sheets signed with them keep verifying. */
  POSTKORB_SECRET_PREVIOUS: optionalText.transform((v) =>
    v
      ? v
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  ),
  POSTKORB_SMTP_OUT_URL: optionalText.pipe(
    z
      .string()
      .refine((v) => /^smtps?:\/\//.test(v), { message: "must start with smtp:// or smtps://" })
      .optional(),
  ),
  /** Sender address of notification mails. */
  POSTKORB_NOTIFY_FROM: z.email().default("postkorb@localhost"),
  /** The inbox's address as users reach it (for links in notification mails); default http://HOST:PORT. */
  POSTKORB_PUBLIC_URL: optionalText.pipe(
    z
      .string()
      .refine((v) => /^https?:\/\/[^/\s]+/.test(v), { message: "must be an http:// or https:// address" })
      .optional(),
  ),
  POSTKORB_MAX_MESSAGE_MB: z.coerce.number().positive().max(1024).default(50),
  POSTKORB_OFFICE_NAME: z.string().min(1).default("Amt für Soziales und Wohnen"),
  POSTKORB_TIMEZONE: z
    .string()
    .default("Europe/Berlin")
    .refine((tz) => isTimeZone(tz), { message: "must be an IANA time zone such as Europe/Berlin" }),
  POSTKORB_UMLAUT_VARIANT: z.enum(["1", "2"]).default("1"),
  POSTKORB_NAME_PARTICLES: z.enum(["skip", "keep"]).default("skip"),
  POSTKORB_CASE_REF_PATTERN: regexText("^\\d{2,3}-\\d{1,6}/\\d{4}$"),
  POSTKORB_CUSTOMER_NO_PATTERN: regexText("^(\\d{5,10}|\\d{5}BG\\d{7})$"),
  POSTKORB_DOC_TYPES: docTypesText,
  POSTKORB_PROCESS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  POSTKORB_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Accepted RCPT TO addresses, comma-separated; unset = accept any. */
  POSTKORB_SMTP_RECIPIENTS: optionalText.transform((v) =>
    v
      ? v
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((a) => a.toLowerCase())
      : [],
  ),
  POSTKORB_SMTP_USER: optionalText,
  POSTKORB_SMTP_PASSWORD: optionalText,
  POSTKORB_SMTP_TLS_CERT: optionalText,
  POSTKORB_SMTP_TLS_KEY: optionalText,
  POSTKORB_SMTP_MAX_RECIPIENTS: z.coerce.number().int().min(1).max(1000).default(50),
  POSTKORB_SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(20),
  POSTKORB_SMTP_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000),
  /** Web inbox: a session ends after this many idle minutes. */
  POSTKORB_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Session cookie `Secure`: auto = when the request arrived over https; true behind a TLS proxy. */
  POSTKORB_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("de-DE", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  smtpPort: number;
  imapUrls: string[];
  imapProcessedFolder: string;
  imapPollSeconds: number;
  secret: string | undefined;
  previousSecrets: string[];
  smtpOutUrl: string | undefined;
  notifyFrom: string;
  publicUrl: string | undefined;
  maxMessageBytes: number;
  officeName: string;
  timeZone: string;
  umlautVariant: 1 | 2;
  skipNameParticles: boolean;
  caseRefPattern: RegExp;
  customerNoPattern: RegExp;
  /** Canonical document type → synonyms: the defaults with POSTKORB_DOC_TYPES applied (deep-frozen). */
  docTypes: Record<string, string[]>;
  processConcurrency: number;
  logLevel: z.infer<typeof envSchema>["POSTKORB_LOG_LEVEL"];
  smtpRecipients: string[];
  smtpAuth: { user: string; password: string } | undefined;
  smtpTls: { certPath: string; keyPath: string } | undefined;
  smtpMaxRecipients: number;
  smtpMaxConnectionsPerClient: number;
  smtpRatePerMinute: number;
  sessionIdleMinutes: number;
  cookieSecure: "auto" | "always" | "never";
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws ConfigError naming every bad variable and what it allows. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return Object.freeze({
    dataDir: e.POSTKORB_DATA_DIR,
    host: e.HOST,
    port: e.PORT,
    smtpPort: e.POSTKORB_SMTP_PORT,
    imapUrls: e.POSTKORB_IMAP_URL,
    imapProcessedFolder: e.POSTKORB_IMAP_PROCESSED,
    imapPollSeconds: e.POSTKORB_IMAP_POLL_SECONDS,
    secret: e.POSTKORB_SECRET,
    previousSecrets: e.POSTKORB_SECRET_PREVIOUS,
    smtpOutUrl: e.POSTKORB_SMTP_OUT_URL,
    notifyFrom: e.POSTKORB_NOTIFY_FROM,
    publicUrl: e.POSTKORB_PUBLIC_URL,
    maxMessageBytes: Math.round(e.POSTKORB_MAX_MESSAGE_MB * 1024 * 1024),
    officeName: e.POSTKORB_OFFICE_NAME,
    timeZone: e.POSTKORB_TIMEZONE,
    umlautVariant: e.POSTKORB_UMLAUT_VARIANT === "2" ? 2 : 1,
    skipNameParticles: e.POSTKORB_NAME_PARTICLES === "skip",
    caseRefPattern: new RegExp(e.POSTKORB_CASE_REF_PATTERN),
    customerNoPattern: new RegExp(e.POSTKORB_CUSTOMER_NO_PATTERN),
    docTypes: e.POSTKORB_DOC_TYPES,
    processConcurrency: e.POSTKORB_PROCESS_CONCURRENCY,
    logLevel: e.POSTKORB_LOG_LEVEL,
    smtpRecipients: e.POSTKORB_SMTP_RECIPIENTS,
    smtpAuth: pairOf(
      e.POSTKORB_SMTP_USER,
      e.POSTKORB_SMTP_PASSWORD,
      "POSTKORB_SMTP_USER",
      "POSTKORB_SMTP_PASSWORD",
      (user, password) => ({ user, password }),
    ),
    smtpTls: pairOf(
      e.POSTKORB_SMTP_TLS_CERT,
      e.POSTKORB_SMTP_TLS_KEY,
      "POSTKORB_SMTP_TLS_CERT",
      "POSTKORB_SMTP_TLS_KEY",
      (certPath, keyPath) => ({ certPath, keyPath }),
    ),
    smtpMaxRecipients: e.POSTKORB_SMTP_MAX_RECIPIENTS,
    smtpMaxConnectionsPerClient: e.POSTKORB_SMTP_MAX_CONNECTIONS,
    smtpRatePerMinute: e.POSTKORB_SMTP_RATE_PER_MINUTE,
    sessionIdleMinutes: e.POSTKORB_SESSION_IDLE_MINUTES,
    cookieSecure:
      e.POSTKORB_COOKIE_SECURE === "true"
        ? "always"
        : e.POSTKORB_COOKIE_SECURE === "false"
          ? "never"
          : "auto",
  });
}

/** Two variables that only make sense together (user + password, cert + key): both or neither. */
function pairOf<T>(
  a: string | undefined,
  b: string | undefined,
  nameA: string,
  nameB: string,
  build: (a: string, b: string) => T,
): T | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined) {
    throw new ConfigError(`Invalid configuration:\n  ${nameA} and ${nameB} must be set together`);
  }
  return build(a, b);
}
