/**
 * The real service on loopback with the demo office, plus what need-to-know tests need: scans through the real
 * pipeline, API tokens, a browser-less page client with cookies and CSRF, absences and extra users.
 */
import { join } from "node:path";
import { DEMO_PASSWORD } from "../../../scripts/demo/demo-office.js";
import { absences } from "../../../src/db/schema.js";
import type { Role } from "../../../src/domain/office.js";
import { officeDate } from "../../../src/domain/office-time.js";
import { newId } from "../../../src/ingest/new-id.js";
import type { DocumentRecord, MessageRecord } from "../../../src/ingest/ports.js";
import { buildScanMail } from "../../../src/mail/scan-mail.js";
import { makeScanPdf } from "../../../src/pdf/sample-scan.js";
import { hashPassword } from "../../../src/web/auth/scrypt-password.js";
import { generateToken, hashToken } from "../../../src/web/token-hash.js";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { createPageClient, type PageClient } from "../../helpers/page-client.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

export interface NeedToKnowFixture {
  service: TestService;
  base: string;
  /** GET with the login's API token. */
  api(path: string, login: string): Promise<Response>;
  scan(
    subject: string,
    options?: { pdf?: boolean },
  ): Promise<{ message: MessageRecord; docs: DocumentRecord[] }>;
  addUser(login: string, role: Role, teamId: string | null): Promise<void>;
  /** An absence of `person` from today − 1 to today + `days`, with a substitute. */
  addAbsence(person: string, substitute: string | null, days?: number): Promise<void>;
  page(): PageClient;
  deniedEvents(documentId: string, login: string): Promise<{ data: string }[]>;
  stop(): Promise<void>;
}

let counter = 0;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function openNeedToKnowFixture(): Promise<NeedToKnowFixture> {
  const tmp = makeTempDir("postkorb-ntk-");
  const service = await startTestService(join(tmp.path, "data"), { env: { POSTKORB_SMTP_PORT: "0" } });
  const base = `http://127.0.0.1:${service.httpPort}`;
  const tokens = new Map<string, string>();
  const { core, processor } = service;

  async function tokenOf(login: string): Promise<string> {
    const known = tokens.get(login);
    if (known) return known;
    const token = generateToken();
    await core.users.addApiToken({ id: newId(), login, tokenHash: hashToken(token), label: "test" });
    tokens.set(login, token);
    return token;
  }

  const page = () => createPageClient(base);

  return {
    service,
    base,
    async api(path, login) {
      return fetch(base + path, { headers: { Authorization: `Bearer ${await tokenOf(login)}` } });
    },
    async scan(subject, options = {}) {
      counter++;
      const attachments =
        options.pdf === false
          ? []
          : [{ filename: `scan-${counter}.pdf`, content: await makeScanPdf({ pages: 1, seed: counter }) }];
      const raw = await buildScanMail({ subject, attachments });
      const result = await core.capture({
        raw,
        source: "eml",
        sourceKey: `ntk:${counter}:${Date.now()}`,
        receivedAt: new Date(Date.now() - 1000 * (1000 - counter)),
      });
      processor.enqueue(result.message.id);
      await processor.idle();
      return {
        message: (await core.store.getMessage(result.message.id))!,
        docs: await core.store.listDocumentsOfMessage(result.message.id),
      };
    },
    async addUser(login, role, teamId) {
      await core.users.upsertUser({
        login,
        displayName: `Test ${login}`,
        role,
        teamId,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      });
    },
    async addAbsence(person, substitute, days = 5) {
      const today = officeDate(new Date(), service.config.timeZone);
      await core.database.db
        .insert(absences)
        .values({ login: person, fromDate: addDays(today, -1), toDate: addDays(today, days), substitute });
    },
    page,
    async deniedEvents(documentId, login) {
      return (await core.audit.historyOf("document", documentId)).filter(
        (e) => e.action === "document.access-denied" && e.actor === login,
      );
    },
    async stop() {
      await service.stop();
      tmp.remove();
    },
  };
}
