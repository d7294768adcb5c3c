/**
 * Notifications (nodemailer): a caseworker whose queue received new documents gets one short mail per processed
 * scan. The mail names no citizen and no Aktenzeichen — it may leave the office network — only the document
 * type, the receipt date and a link into the inbox, where need-to-know applies as usual.
 */
import nodemailer from "nodemailer";
import { formatOfficeDateTime } from "../domain/office-time.js";
import type { DocumentRecord } from "../ingest/ports.js";

export interface NotifierOptions {
  /** smtp://user:pass@host:port or smtps://… (POSTKORB_SMTP_OUT_URL). */
  url: string;
  from: string;
  /** Base address of the web inbox for links, e.g. https://postkorb.amt.example */
  inboxUrl: string;
  officeName: string;
  timeZone: string;
}

export interface Recipient {
  login: string;
  email: string | null;
  active: boolean;
}

export interface NotificationMail {
  to: string;
  subject: string;
  text: string;
}

export interface Notifier {
  /** Sends one mail per assignee with an address; returns how many mails went out. Never throws. */
  documentsRouted(
    docs: DocumentRecord[],
    findUser: (login: string) => Promise<Recipient | null>,
  ): Promise<{ sent: number; failed: number }>;
  close(): void;
}

export function buildNotification(
  to: string,
  docs: DocumentRecord[],
  options: Pick<NotifierOptions, "inboxUrl" | "officeName" | "timeZone">,
): NotificationMail {
  const base = options.inboxUrl.replace(/\/+$/, "");
  const lines = docs.map((d) => {
    const received = formatOfficeDateTime(new Date(d.receivedAt), options.timeZone);
    return `- ${d.docType ?? "Dokument"}, Eingang ${received} Uhr\n  ${base}/dokumente/${encodeURIComponent(d.id)}`;
  });
  const count = docs.length === 1 ? "ein neues Dokument" : `${docs.length} neue Dokumente`;
  return {
    to,
    subject: `Postkorb: ${docs.length === 1 ? "1 neues Dokument" : `${docs.length} neue Dokumente`}`,
    text: [
      "Guten Tag,",
      "",
      `in Ihrem Postkorb ist ${count} eingegangen:`,
      "",
      ...lines,
      "",
      "Diese Nachricht wurde automatisch versandt; sie enthält keine Angaben zu Personen.",
      options.officeName,
    ].join("\n"),
  };
}

export function createMailNotifier(
  options: NotifierOptions,
  log: { error(fields: object, msg: string): void },
): Notifier {
  const transport = nodemailer.createTransport(options.url);
  return {
    async documentsRouted(docs, findUser) {
      const byAssignee = new Map<string, DocumentRecord[]>();
      for (const doc of docs) {
        if (!doc.assignee || doc.status !== "open") continue;
        byAssignee.set(doc.assignee, [...(byAssignee.get(doc.assignee) ?? []), doc]);
      }
      let sent = 0;
      let failed = 0;
      for (const [login, own] of byAssignee) {
        const user = await findUser(login);
        if (!user?.email || !user.active) continue;
        const mail = buildNotification(user.email, own, options);
        try {
          await transport.sendMail({ from: options.from, ...mail });
          sent++;
        } catch (err) {
          failed++;
          log.error({ login, err: String(err) }, "notification not sent");
        }
      }
      return { sent, failed };
    },
    close: () => transport.close(),
  };
}
