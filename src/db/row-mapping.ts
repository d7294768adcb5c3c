/** Row ↔ record conversion for messages and documents (JSON columns parsed here, once). */
import type { DocumentRecord, MessageRecord } from "../ingest/ports.js";
import type { documents, messages } from "./schema.js";

type MessageRow = typeof messages.$inferSelect;
type DocumentRow = typeof documents.$inferSelect;

export function toMessageRow(m: MessageRecord): MessageRow {
  return { ...m, receivedChain: m.receivedChain ? JSON.stringify(m.receivedChain) : null };
}

export function toMessageRecord(row: MessageRow): MessageRecord {
  return { ...row, receivedChain: row.receivedChain ? (JSON.parse(row.receivedChain) as string[]) : null };
}

export function toDocumentRow(d: DocumentRecord): DocumentRow {
  return {
    ...d,
    pages: JSON.stringify(d.pages),
    flags: JSON.stringify(d.flags),
    routeChain: JSON.stringify(d.routeChain),
  };
}

export function toDocumentRecord(row: DocumentRow): DocumentRecord {
  return {
    ...row,
    metadataSource: row.metadataSource as DocumentRecord["metadataSource"],
    pages: JSON.parse(row.pages) as number[],
    flags: JSON.parse(row.flags) as string[],
    routeChain: JSON.parse(row.routeChain) as string[],
  };
}
