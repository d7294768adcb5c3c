import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("loadConfig", () => {
  it("works with no settings at all (the embedded default)", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: "./data",
      host: "127.0.0.1",
      port: 3000,
      smtpPort: 2525,
      imapUrls: [],
    });
    expect(config.imapProcessedFolder).toBe("Postkorb/Verarbeitet");
    expect(config.maxMessageBytes).toBe(50 * 1024 * 1024);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("stops with a message naming the variable and what is allowed", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => loadConfig({ POSTKORB_IMAP_URL: "http://x" })).toThrow(
      /POSTKORB_IMAP_URL: must start with imap:\/\/ or imaps:\/\//,
    );
    expect(() => loadConfig({ POSTKORB_SECRET: "short" })).toThrow(
      /POSTKORB_SECRET: must be at least 32 characters/,
    );
    expect(() => loadConfig({ POSTKORB_TIMEZONE: "Mars/Olympus" })).toThrow(/POSTKORB_TIMEZONE/);
  });

  it("reads several IMAP mailboxes and turns SMTP off with port 0", () => {
    const config = loadConfig({
      POSTKORB_IMAP_URL: "imap://a:b@127.0.0.1:1143/INBOX, imaps://c:d@127.0.0.1:1993/Scans",
      POSTKORB_SMTP_PORT: "0",
    });
    expect(config.imapUrls).toHaveLength(2);
    expect(config.smtpPort).toBe(0);
  });
});
