import { execFileSync } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../../helpers/embedded-service.js";
import { scanMailFor } from "../../helpers/imap-mail.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const tmp = makeTempDir();
let service: TestService | null = null;
let mail: Buffer;
const certPath = join(tmp.path, "cert.pem");
const keyPath = join(tmp.path, "key.pem");

beforeAll(async () => {
  mail = await scanMailFor("smtp", 1);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ],
    { stdio: "ignore" },
  );
});
afterEach(async () => {
  await service?.stop();
  service = null;
});
afterAll(() => tmp.remove());

let runs = 0;
async function start(env: Record<string, string>): Promise<number> {
  service = await startTestService(join(tmp.path, `data-${runs++}`), { env, seedDemo: false });
  return service.smtpPort!;
}

interface SendOptions {
  auth?: { user: string; pass: string };
  to?: string;
  tls?: boolean;
  raw?: Buffer;
}

async function send(
  port: number,
  o: SendOptions = {},
): Promise<{ ok: true; response: string } | { ok: false; code: number; message: string }> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: !o.tls,
    requireTLS: o.tls ?? false,
    tls: { ca: o.tls ? execFileSync("cat", [certPath]) : undefined, servername: "localhost" },
    auth: o.auth,
  });
  try {
    const info = await transport.sendMail({
      envelope: { from: "scanterminal@kundencenter.example", to: [o.to ?? "postkorb@amt.example"] },
      raw: o.raw ?? mail,
    });
    return { ok: true, response: info.response };
  } catch (err) {
    const e = err as { responseCode?: number; message: string };
    return { ok: false, code: e.responseCode ?? 0, message: e.message };
  } finally {
    transport.close();
  }
}

/** Speaks SMTP line by line and returns the first reply line to each command (and the greeting). */
async function dialog(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, "127.0.0.1");
  const replies: string[] = [];
  let buffer = "";
  let waiting: (() => void) | null = null;
  socket.on("data", (d) => {
    buffer += String(d);
    let nl = buffer.indexOf("\r\n");
    while (nl !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      if (/^\d{3} /.test(line)) {
        replies.push(line);
        waiting?.();
      }
      nl = buffer.indexOf("\r\n");
    }
  });
  const next = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (replies.length >= count || socket.destroyed) resolve();
        else waiting = check;
      };
      socket.once("close", resolve);
      check();
    });
  await next(1);
  for (const command of commands) {
    if (socket.destroyed) break;
    socket.write(`${command}\r\n`);
    await next(replies.length + 1);
  }
  socket.destroy();
  return replies;
}

describe("SMTP ingress hardening", () => {
  it("requires AUTH when credentials are configured and accepts the right ones", async () => {
    const port = await start({ POSTKORB_SMTP_USER: "terminal", POSTKORB_SMTP_PASSWORD: "geheim-123" });
    const anonymous = await send(port);
    expect(anonymous).toMatchObject({ ok: false, code: 530 });
    const wrong = await send(port, { auth: { user: "terminal", pass: "falsch" } });
    expect(wrong).toMatchObject({ ok: false, code: 535 });
    const right = await send(port, { auth: { user: "terminal", pass: "geheim-123" } });
    expect(right.ok).toBe(true);
    expect(await service!.core.store.listMessages()).toHaveLength(1);
  });

  it("refuses an unknown recipient with 550 and accepts a configured one in any case", async () => {
    const port = await start({ POSTKORB_SMTP_RECIPIENTS: "postkorb@amt.example, scan@amt.example" });
    expect(await send(port, { to: "fremd@amt.example" })).toMatchObject({ ok: false, code: 550 });
    expect((await send(port, { to: "Scan@AMT.example" })).ok).toBe(true);
    expect(await service!.core.store.listMessages()).toHaveLength(1);
  });

  it("announces SIZE and refuses an over-size mail with 552, storing nothing", async () => {
    const port = await start({ POSTKORB_MAX_MESSAGE_MB: "0.05" });
    const ehlo = await dialog(port, ["EHLO test"]);
    expect(ehlo[1]).toMatch(/^250 /);
    const declared = await dialog(port, ["EHLO test", "MAIL FROM:<a@b.example> SIZE=999999"]);
    expect(declared[2]).toMatch(/^552 /);
    const big = Buffer.concat([mail, Buffer.alloc(100_000, "A")]);
    expect(await send(port, { raw: big })).toMatchObject({ ok: false, code: 552 });
    expect(await service!.core.store.listMessages()).toHaveLength(0);
  });

  it("speaks STARTTLS with the configured certificate and refuses AUTH before it", async () => {
    const port = await start({
      POSTKORB_SMTP_TLS_CERT: certPath,
      POSTKORB_SMTP_TLS_KEY: keyPath,
      POSTKORB_SMTP_USER: "terminal",
      POSTKORB_SMTP_PASSWORD: "geheim-123",
    });
    const plain = await send(port, { auth: { user: "terminal", pass: "geheim-123" } });
    expect(plain.ok).toBe(false);
    const secured = await send(port, { tls: true, auth: { user: "terminal", pass: "geheim-123" } });
    expect(secured.ok).toBe(true);
    const [message] = await service!.core.store.listMessages();
    expect(message?.source).toBe("smtp");
  });

  it("limits connections, transactions and recipients per client address with 421 and 452", async () => {
    const port = await start({
      POSTKORB_SMTP_MAX_CONNECTIONS: "1",
      POSTKORB_SMTP_RATE_PER_MINUTE: "2",
      POSTKORB_SMTP_MAX_RECIPIENTS: "2",
    });
    // A second connection while the first is open: 421 in the greeting.
    const first = connect(port, "127.0.0.1");
    await new Promise((r) => first.once("data", r));
    expect((await dialog(port, []))[0]).toMatch(/^421 /);
    first.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const replies = await dialog(port, [
      "EHLO test",
      "MAIL FROM:<a@b.example>",
      "RCPT TO:<1@amt.example>",
      "RCPT TO:<2@amt.example>",
      "RCPT TO:<3@amt.example>",
      "RSET",
      "MAIL FROM:<a@b.example>",
      "RSET",
      "MAIL FROM:<a@b.example>",
    ]);
    expect(replies.slice(2, 6).map((r) => r.slice(0, 3))).toEqual(["250", "250", "250", "452"]);
    expect(replies[7]).toMatch(/^250 /);
    expect(replies[9]).toMatch(/^452 /);
  });
});
