import * as fs from "node:fs";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BlobFs, putBlobFile } from "../../../src/storage/blob-file-ops.js";
import { createFileBlobStore } from "../../../src/storage/file-blob-store.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.remove());

const bytes = (text: string) => new TextEncoder().encode(text);

/** The real file system, recording every directory that is opened read-only and then fsynced. */
function recordingFs(): { fs: BlobFs; synced: string[] } {
  const synced: string[] = [];
  const dirs = new Map<number, string>();
  return {
    synced,
    fs: {
      ...fs,
      openSync: ((path: fs.PathLike, flags: fs.OpenMode) => {
        const fd = fs.openSync(path, flags);
        if (flags === "r") dirs.set(fd, String(path));
        return fd;
      }) as typeof fs.openSync,
      fsyncSync: (fd: number) => {
        fs.fsyncSync(fd);
        const dir = dirs.get(fd);
        if (dir) synced.push(dir);
      },
      closeSync: (fd: number) => {
        dirs.delete(fd);
        fs.closeSync(fd);
      },
    },
  };
}

describe("blob file durability (the blob thread's file calls)", () => {
  it("fsyncs the blob root after a new two-character folder, and the folder after the rename", () => {
    const root = join(tmp.path, "blobs");
    const { fs: recorded, synced } = recordingFs();
    const blob = putBlobFile(recorded, root, bytes("Scan 1"), new Set());
    const folder = join(root, blob.key.slice(0, 2));
    expect(synced).toContain(folder);
    expect(synced).toContain(root);
    // The root itself was new too: its entry in the data directory is synced as well.
    expect(synced).toContain(tmp.path);
    expect(readdirSync(folder)).toEqual([blob.key]);
  });

  it("syncs the root once per folder, not on every blob", async () => {
    const root = join(tmp.path, "blobs");
    const { fs: recorded, synced } = recordingFs();
    const durable = new Set<string>();
    const first = putBlobFile(recorded, root, bytes("Scan A"), durable);
    synced.length = 0;
    // Find content whose folder already exists: only the folder is synced then.
    let n = 0;
    let text = "";
    do text = `Scan ${n++}`;
    while ((await sha256Hex(text)).slice(0, 2) !== first.key.slice(0, 2));
    putBlobFile(recorded, root, bytes(text), durable);
    expect(synced).toEqual([join(root, first.key.slice(0, 2))]);
  });

  it("leaves no temp file behind when the write fails", () => {
    const root = join(tmp.path, "blobs");
    const failing: BlobFs = {
      ...fs,
      fsyncSync: () => {
        throw Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" });
      },
    };
    expect(() => putBlobFile(failing, root, bytes("Scan lost"), new Set())).toThrow(/EIO/);
    const [folder] = readdirSync(root);
    expect(readdirSync(join(root, folder!))).toEqual([]);
  });
});

describe("file blob store (on the blob thread)", () => {
  it("stores the same bytes once, reads them back, and makes a removed folder again", async () => {
    const root = join(tmp.path, "blobs");
    const store = createFileBlobStore(root);
    const first = await store.put(bytes("Scan twice"));
    const again = await store.put(bytes("Scan twice"));
    expect(again).toEqual(first);
    const folder = join(root, first.key.slice(0, 2));
    expect(readdirSync(folder)).toEqual([first.key]);
    rmSync(folder, { recursive: true });
    await store.put(bytes("Scan twice"));
    expect(readdirSync(folder)).toEqual([first.key]);
    expect(await store.get(first.key)).toEqual(bytes("Scan twice"));
  });

  it("keeps the caller's buffer: a view into a larger buffer is stored as the view, and stays usable", async () => {
    const store = createFileBlobStore(join(tmp.path, "blobs"));
    const whole = bytes("header|%PDF-1.7 the part|trailer");
    const view = whole.subarray(7, 24);
    const blob = await store.put(view);
    expect(blob.size).toBe(17);
    expect(view.byteLength).toBe(17);
    expect(new TextDecoder().decode((await store.get(blob.key))!)).toBe("%PDF-1.7 the part");
  });

  it("reads a missing blob as null, and refuses a key that is not a hash", async () => {
    const store = createFileBlobStore(join(tmp.path, "blobs"));
    expect(await store.get("0".repeat(64))).toBeNull();
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/invalid blob key/);
  });

  it("fails a put with the file system's error code when the root cannot be made", async () => {
    const blocked = join(tmp.path, "not-a-dir");
    writeFileSync(blocked, "a file where the blob root should be");
    const store = createFileBlobStore(join(blocked, "blobs"));
    await expect(store.put(bytes("Scan"))).rejects.toMatchObject({ code: "ENOTDIR" });
    // The thread survives a failed request.
    const ok = createFileBlobStore(join(tmp.path, "blobs"));
    expect((await ok.put(bytes("Scan"))).size).toBe(4);
  });
});

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
