import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { type EmbeddedCore, openEmbeddedCore } from "../../../src/runtime/embedded-core.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let core: EmbeddedCore;
const mail = (id: string, body: string) =>
  new TextEncoder().encode(`Message-ID: <${id}>\r\nSubject: Scan\r\n\r\n${body}\r\n`);

beforeAll(() => {
  core = openEmbeddedCore(loadConfig({ POSTKORB_DATA_DIR: join(tmp.path, "data") }));
});
afterAll(() => {
  core.close();
  tmp.remove();
});

describe("capture", () => {
  it("recognises the same source key as a duplicate and creates nothing", async () => {
    const first = await core.capture({
      raw: mail("a@x", "1"),
      source: "imap",
      sourceKey: "imap:box:7:1",
      receivedAt: new Date(),
    });
    const again = await core.capture({
      raw: mail("a@x", "1"),
      source: "imap",
      sourceKey: "imap:box:7:1",
      receivedAt: new Date(),
    });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({
      created: false,
      duplicateBy: "source-key",
      message: { id: first.message.id },
    });
  });

  it("recognises the same Message-ID with the same bytes under a new source key (UIDVALIDITY change)", async () => {
    const first = await core.capture({
      raw: mail("b@x", "2"),
      source: "imap",
      sourceKey: "imap:box:7:2",
      receivedAt: new Date(),
    });
    const moved = await core.capture({
      raw: mail("b@x", "2"),
      source: "imap",
      sourceKey: "imap:box:8:1",
      receivedAt: new Date(),
    });
    expect(moved).toMatchObject({
      created: false,
      duplicateBy: "message-id-and-hash",
      message: { id: first.message.id },
    });
  });

  it("keeps a different mail that reuses a Message-ID (different bytes)", async () => {
    await core.capture({ raw: mail("c@x", "3"), source: "smtp", receivedAt: new Date() });
    const other = await core.capture({
      raw: mail("c@x", "3 changed"),
      source: "smtp",
      receivedAt: new Date(),
    });
    expect(other.created).toBe(true);
  });

  it("lets concurrent deliveries of one mail create exactly one row", async () => {
    const raw = mail("d@x", "4");
    const results = await Promise.all(
      Array.from({ length: 8 }, () => core.capture({ raw, source: "smtp", receivedAt: new Date() })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
  });

  it("stores the receipt time given by the source, not the capture time", async () => {
    const internalDate = new Date("2026-11-25T08:41:00Z");
    const result = await core.capture({
      raw: mail("e@x", "5"),
      source: "imap",
      sourceKey: "imap:box:7:9",
      receivedAt: internalDate,
    });
    expect(result.message.receivedAt).toBe("2026-11-25T08:41:00.000Z");
    expect(result.message.capturedAt).not.toBe(result.message.receivedAt);
  });
});
