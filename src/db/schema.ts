/** The drizzle schema (sqlite-core): one schema for better-sqlite3, bun:sqlite and D1. Times are ISO 8601 UTC text. */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  queueMode: text("queue_mode", { enum: ["shared", "fewest-open"] })
    .notNull()
    .default("shared"),
});

export const users = sqliteTable("users", {
  login: text("login").primaryKey(),
  displayName: text("display_name").notNull(),
  email: text("email"),
  role: text("role", { enum: ["caseworker", "supervisor", "admin"] }).notNull(),
  teamId: text("team_id").references(() => teams.id),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  passwordHash: text("password_hash"),
  createdAt: text("created_at").notNull(),
});

export const apiTokens = sqliteTable("api_tokens", {
  id: text("id").primaryKey(),
  login: text("login")
    .notNull()
    .references(() => users.login),
  tokenHash: text("token_hash").notNull().unique(),
  label: text("label"),
  createdAt: text("created_at").notNull(),
  lastUsedAt: text("last_used_at"),
  revokedAt: text("revoked_at"),
});

export const sessions = sqliteTable("sessions", {
  idHash: text("id_hash").primaryKey(),
  login: text("login")
    .notNull()
    .references(() => users.login),
  csrfToken: text("csrf_token").notNull(),
  createdAt: text("created_at").notNull(),
  lastSeenAt: text("last_seen_at").notNull(),
});

/**
 * Failed logins within the throttle window (web/auth/login-throttle.ts), one row per failure and key
 * (`konto:<login>` or `adresse:<address>`). In the database, not in memory, so every process and every Worker
 * isolate counts the same failures. Dropped once past the window (at the next login attempt).
 */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    /** Milliseconds since the epoch: compared, never shown. */
    atMs: integer("at_ms").notNull(),
  },
  (t) => [index("login_failures_key_at").on(t.key, t.atMs), index("login_failures_at").on(t.atMs)],
);

export const caseRegister = sqliteTable(
  "case_register",
  {
    caseRef: text("case_ref").primaryKey(),
    customerNo: text("customer_no"),
    surname: text("surname"),
    assignee: text("assignee")
      .notNull()
      .references(() => users.login),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("case_register_customer_no").on(t.customerNo),
    index("case_register_assignee").on(t.assignee),
  ],
);

/** Who had a case when: one row per responsibility period (toDate null = current). */
export const caseAssignments = sqliteTable(
  "case_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseRef: text("case_ref").notNull(),
    assignee: text("assignee").notNull(),
    fromDate: text("from_date").notNull(),
    toDate: text("to_date"),
    changedBy: text("changed_by").notNull(),
    reason: text("reason"),
    at: text("at").notNull(),
  },
  (t) => [index("case_assignments_case").on(t.caseRef)],
);

export const letterRanges = sqliteTable("letter_ranges", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  teamId: text("team_id")
    .notNull()
    .references(() => teams.id),
  fromKey: text("from_key").notNull(),
  toKey: text("to_key").notNull(),
  assignee: text("assignee")
    .notNull()
    .references(() => users.login),
});

export const absences = sqliteTable("absences", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  login: text("login")
    .notNull()
    .references(() => users.login),
  fromDate: text("from_date").notNull(),
  toDate: text("to_date").notNull(),
  substitute: text("substitute").references(() => users.login),
  note: text("note"),
});

export const docTypeRules = sqliteTable("doc_type_rules", {
  docType: text("doc_type").primaryKey(),
  teamId: text("team_id")
    .notNull()
    .references(() => teams.id),
});

export const terminals = sqliteTable("terminals", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  sender: text("sender").notNull(),
  openingHours: text("opening_hours"),
  lastSeenAt: text("last_seen_at"),
});

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    source: text("source").notNull(),
    /** e.g. imap:<mailbox>:<uidvalidity>:<uid>, smtp:<session>:<n>, eml:<sha256>; UNIQUE enforces exactly-once. */
    sourceKey: text("source_key").notNull(),
    messageIdHeader: text("message_id_header"),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    subject: text("subject"),
    sender: text("sender"),
    receivedAt: text("received_at").notNull(),
    receivedChain: text("received_chain"),
    capturedAt: text("captured_at").notNull(),
    blobKey: text("blob_key").notNull(),
    status: text("status", { enum: ["pending", "processed", "quarantined"] }).notNull(),
    reason: text("reason"),
    attempts: integer("attempts").notNull().default(0),
    processedAt: text("processed_at"),
  },
  (t) => [
    uniqueIndex("messages_source_key").on(t.sourceKey),
    uniqueIndex("messages_message_id_sha256")
      .on(t.messageIdHeader, t.sha256)
      .where(sql`message_id_header IS NOT NULL`),
    index("messages_status").on(t.status),
  ],
);

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    messageRef: text("message_ref")
      .notNull()
      .references(() => messages.id),
    /** attachment index + split part within the message; UNIQUE so reprocessing never doubles. */
    partKey: text("part_key").notNull(),
    filename: text("filename"),
    pageCount: integer("page_count").notNull(),
    /** JSON array of 0-based page indices in the original PDF. */
    pages: text("pages").notNull(),
    blobKey: text("blob_key").notNull(),
    originalBlobKey: text("original_blob_key").notNull(),
    sha256: text("sha256").notNull(),
    originalSha256: text("original_sha256").notNull(),
    caseRef: text("case_ref"),
    customerNo: text("customer_no"),
    surname: text("surname"),
    docType: text("doc_type"),
    metadataSource: text("metadata_source").notNull(),
    /** JSON array of flag codes, e.g. ["page-count-mismatch"]. */
    flags: text("flags").notNull().default("[]"),
    queue: text("queue").notNull(),
    assignee: text("assignee"),
    teamId: text("team_id"),
    status: text("status", { enum: ["open", "done"] })
      .notNull()
      .default("open"),
    routeRule: text("route_rule").notNull(),
    routeReason: text("route_reason").notNull(),
    routeReasonEn: text("route_reason_en").notNull(),
    routeChain: text("route_chain").notNull().default("[]"),
    receivedAt: text("received_at").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    doneAt: text("done_at"),
  },
  (t) => [
    uniqueIndex("documents_message_part").on(t.messageRef, t.partKey),
    // With the id: a queue reads oldest first (received_at, id) and pages by ids from this index alone.
    index("documents_assignee_status").on(t.assignee, t.status, t.receivedAt, t.id),
    index("documents_team_status").on(t.teamId, t.status, t.receivedAt),
    index("documents_queue_status").on(t.queue, t.status, t.receivedAt),
    index("documents_case_ref").on(t.caseRef),
    // "Mögliches Duplikat": the same original PDF from another mail, asked for every listed document.
    index("documents_original_sha256").on(t.originalSha256, t.messageRef),
  ],
);

export const notes = sqliteTable("notes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  documentId: text("document_id")
    .notNull()
    .references(() => documents.id),
  author: text("author").notNull(),
  text: text("text").notNull(),
  at: text("at").notNull(),
});

export const coverSheets = sqliteTable("cover_sheets", {
  serial: text("serial").primaryKey(),
  keyId: text("key_id").notNull(),
  caseRef: text("case_ref"),
  customerNo: text("customer_no"),
  surname: text("surname"),
  docType: text("doc_type").notNull(),
  declaredPages: integer("declared_pages"),
  teamId: text("team_id"),
  issuedBy: text("issued_by").notNull(),
  issuedAt: text("issued_at").notNull(),
});

/** Append-only, hash-chained audit trail. */
export const events = sqliteTable(
  "events",
  {
    seq: integer("seq").primaryKey(),
    at: text("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: text("data").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("events_subject").on(t.subjectType, t.subjectId),
    // Read marks ("Neu", the unread count) ask per document whether the viewer opened it: answered from here alone.
    index("events_document_viewed")
      .on(t.subjectId, t.actor)
      .where(sql`subject_type = 'document' and action = 'document.viewed'`),
  ],
);

/**
 * One row: bumped by triggers (migration 0002) whenever routing data changes — teams, users, register, letter
 * ranges, absences, rules — from any process. Readers keep the office snapshot until the number moves.
 */
export const officeRevision = sqliteTable("office_revision", {
  id: integer("id").primaryKey(),
  revision: integer("revision").notNull(),
});
