import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runTerminalSim, smtpTarget } from "../../../scripts/cli/terminal-sim.js";
import { waitUntil } from "../../helpers/child-service.js";
import { startTestService } from "../../helpers/embedded-service.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
afterAll(() => tmp.remove());

describe("scan-terminal simulator", () => {
  it("sends scan mails with terminal subjects that the service captures and routes", async () => {
    const service = await startTestService(join(tmp.path, "data"));
    try {
      const target = await smtpTarget(`127.0.0.1:${service.smtpPort}`);
      const sent: string[] = [];
      const register = [{ caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller" }];
      const result = await runTerminalSim(target, {
        count: 3,
        rate: 0,
        seed: 4,
        register,
        maxPages: 2,
        to: "postkorb@amt.example",
        onSent: (_, id) => sent.push(id),
      });
      await target.close();
      expect(result.sent).toBe(3);
      await waitUntil(
        async () => (await service.core.store.listDocuments()).length === 3,
        20_000,
        "3 documents",
      );
      const messages = await service.core.store.listMessages();
      expect(messages.map((m) => m.messageIdHeader).sort()).toEqual([...sent].sort());
      expect(messages.every((m) => (m.subject ?? "").startsWith("Scan"))).toBe(true);
    } finally {
      await service.stop();
    }
  });
});
