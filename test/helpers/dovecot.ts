/** A private Dovecot for tests: own config and temp dir, loopback, a free high port, passwd-file, killed by group. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./free-port.js";

export const IMAP_USER = "postkorb";
export const IMAP_PASS = "secret";

export interface DovecotOptions {
  /** Advertise no IDLE (imap_capability without it), to test the polling fallback. */
  withoutIdle?: boolean;
  /** Load Dovecot's ACL plugin with a global ACL file (`setAcl` writes it), to refuse rights for real. */
  acl?: boolean;
}

export interface Dovecot {
  readonly port: number;
  readonly dir: string;
  /** `imap://postkorb:secret@127.0.0.1:<port>/INBOX`. */
  url(mailbox?: string): string;
  /** A fresh, connected imapflow client (the caller logs out). */
  connectClient(): Promise<ImapFlow>;
  doveadm(args: string[]): string;
  /** With `acl`: replace the global ACL file (lines `<mailbox pattern> <identifier> <rights>`). */
  setAcl(lines: string[]): void;
  /**
   * Cuts the maildir file of the INBOX mail with this Message-ID short: its name still states the old size, so
   * Dovecot drops the connection on every FETCH of the body ("Cached message size larger than expected").
   */
  truncateMailFile(messageId: string, bytes: number): void;
  /** SIGKILL the whole process group (per-client processes included). */
  kill(): Promise<void>;
  /** Start again on the same port with the same mail. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const NO_IDLE_CAPS =
  "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS " +
  "THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED " +
  "I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE " +
  "SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE";

let instances = 0;

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), "postkorb-dovecot-"));
  // Dovecot's auth process runs as `dovecot` and must traverse to the passwd-file.
  chmodSync(dir, 0o755);
  for (const sub of ["run", "state", "mail"]) mkdirSync(join(dir, sub));
  const port = await freePort();
  const conf = join(dir, "dovecot.conf");
  writeFileSync(join(dir, "users"), `${IMAP_USER}:{PLAIN}${IMAP_PASS}::::::\n`);
  if (options.acl) writeFileSync(join(dir, "acl"), "");
  writeFileSync(conf, dovecotConfig(dir, port, instances++, options));
  execFileSync("chown", ["-R", "dovecot:dovecot", join(dir, "mail")]);
  let child: ChildProcess | null = null;

  const dovecot: Dovecot = {
    port,
    dir,
    url: (mailbox = "INBOX") => `imap://${IMAP_USER}:${IMAP_PASS}@127.0.0.1:${port}/${mailbox}`,
    async connectClient() {
      const client = new ImapFlow({
        host: "127.0.0.1",
        port,
        secure: false,
        auth: { user: IMAP_USER, pass: IMAP_PASS },
        logger: false,
      });
      // A feeder left idle for minutes (a long drain) may time out; that must fail its next command, not
      // crash the process with an unhandled 'error' event.
      client.on("error", () => undefined);
      await client.connect();
      return client;
    },
    setAcl(lines) {
      if (!options.acl) throw new Error("startDovecot({ acl: true }) needed for setAcl");
      writeFileSync(join(dir, "acl"), lines.map((l) => `${l}\n`).join(""));
    },
    truncateMailFile(messageId, bytes) {
      const maildir = join(dir, "mail", IMAP_USER);
      for (const sub of ["cur", "new"]) {
        for (const name of readdirSync(join(maildir, sub))) {
          const file = join(maildir, sub, name);
          if (!readFileSync(file, "latin1").includes(messageId)) continue;
          truncateSync(file, bytes);
          return;
        }
      }
      throw new Error(`no INBOX mail with ${messageId}`);
    },
    doveadm: (args) => execFileSync("doveadm", ["-c", conf, ...args], { encoding: "utf8" }),
    async kill() {
      if (!child?.pid) return;
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
      child = null;
    },
    async start() {
      child = spawn("dovecot", ["-c", conf, "-F"], { detached: true, stdio: "ignore" });
      await waitForPort(port, 10_000);
    },
    async stop() {
      await dovecot.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await dovecot.start();
  return dovecot;
}

function dovecotConfig(dir: string, port: number, n: number, options: DovecotOptions): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = postkorb-test-${process.pid}-${n}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
log_path = ${dir}/dovecot.log
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
${options.acl ? aclConfig(dir) : ""}${options.withoutIdle ? `protocol imap {\n  imap_capability = ${NO_IDLE_CAPS}\n}\n` : ""}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
namespace inbox {
  inbox = yes
  separator = /
}
`;
}

/** The global ACL file is re-read when it changes (checked at most every acl_cache_secs). */
function aclConfig(dir: string): string {
  return `mail_plugins = $mail_plugins acl
plugin {
  acl = vfile:${dir}/acl
  acl_cache_secs = 0
}
`;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Dovecot did not listen on ${port} within ${timeoutMs} ms`);
}
