/** Reads the queue page's filter form (GET query) into a typed filter; unknown values fall back to defaults. */
export const PAGE_SIZE = 50;

export interface QueuePageFilter {
  /** "alle" or one login out of the viewer's own and substituted queues. */
  queue: string;
  docType: string | null;
  search: string | null;
  flaggedOnly: boolean;
  page: number;
}

export function readQueueFilter(query: Record<string, string>, allowedQueues: string[]): QueuePageFilter {
  const queue = allowedQueues.includes(query.postkorb ?? "") ? query.postkorb! : "alle";
  const page = Number.parseInt(query.seite ?? "1", 10);
  return {
    queue,
    docType: query.art?.trim() ? query.art.trim().slice(0, 100) : null,
    search: query.q?.trim() ? query.q.trim().slice(0, 100) : null,
    flaggedOnly: query.markiert === "1",
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** The query string for the same filter on another page (pagination links, redirects after actions). */
export function toQueueQuery(f: QueuePageFilter, page = f.page): string {
  const q = new URLSearchParams();
  if (f.queue !== "alle") q.set("postkorb", f.queue);
  if (f.docType) q.set("art", f.docType);
  if (f.search) q.set("q", f.search);
  if (f.flaggedOnly) q.set("markiert", "1");
  if (page > 1) q.set("seite", String(page));
  const text = q.toString();
  return text ? `?${text}` : "";
}
