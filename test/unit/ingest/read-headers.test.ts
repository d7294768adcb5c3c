import { describe, expect, it } from "vitest";
import { emlReceivedAt } from "../../../src/ingest/eml-received-at.js";
import { readHeaders } from "../../../src/ingest/read-headers.js";

const raw = (text: string) => new TextEncoder().encode(text.replace(/\n/g, "\r\n"));

describe("readHeaders and the .eml receipt time", () => {
  it("reads Message-ID as written, unfolds headers and keeps Received newest first", () => {
    const headers = readHeaders(
      raw(
        "Received: from mx.amt.example\n by mail.amt.example; Wed, 25 Nov 2026 09:41:07 +0100\nReceived: from terminal; Wed, 25 Nov 2026 09:40:59 +0100\nMessage-ID: <abc@terminal>\nSubject: =?UTF-8?Q?M=C3=BCller?=\nDate: Mon, 23 Nov 2026 08:00:00 +0100\n\nbody\nSubject: not a header\n",
      ),
    );
    expect(headers.messageId).toBe("<abc@terminal>");
    expect(headers.subject).toBe("=?UTF-8?Q?M=C3=BCller?=");
    expect(headers.received).toHaveLength(2);
    expect(headers.received[0]).toContain("by mail.amt.example");
  });

  it("takes the receipt time from the newest Received hop, not from the Date header", () => {
    const headers = readHeaders(
      raw(
        "Received: from a by b; Wed, 25 Nov 2026 09:41:07 +0100\nDate: Mon, 23 Nov 2026 08:00:00 +0100\n\n",
      ),
    );
    const result = emlReceivedAt(headers, new Date(0));
    expect(result).toEqual({ at: new Date("2026-11-25T08:41:07Z"), from: "received-header" });
  });

  it("falls back to the Date header, then to the file time", () => {
    expect(
      emlReceivedAt(readHeaders(raw("Date: Mon, 23 Nov 2026 08:00:00 +0100\n\n")), new Date(0)).from,
    ).toBe("date-header");
    expect(emlReceivedAt(readHeaders(raw("Subject: x\n\n")), new Date(5)).at).toEqual(new Date(5));
  });
});
