import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeTempDir } from "../../helpers/temp-dir.js";

// Records every directory the blob store fsyncs (opened read-only, then synced), on the real file system.
const synced: string[] = [];
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      if (args[1] !== "r") return handle;
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        await sync();
        synced.push(String(args[0]));
      };
      return handle;
    },
  };
});

const { createFileBlobStore } = await import("../../../src/storage/file-blob-store.js");

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
  synced.length = 0;
});
afterEach(() => tmp.remove());

const bytes = (text: string) => new TextEncoder().encode(text);

describe("file blob store durability", () => {
  it("fsyncs the blob root after a new two-character folder, and the folder after the rename", async () => {
    const root = join(tmp.path, "blobs");
    const store = createFileBlobStore(root);
    const blob = await store.put(bytes("Scan 1"));
    const folder = join(root, blob.key.slice(0, 2));
    expect(synced).toContain(folder);
    expect(synced).toContain(root);
    // The root itself was new too: its entry in the data directory is synced as well.
    expect(synced).toContain(tmp.path);
    expect(readdirSync(folder)).toEqual([blob.key]);
    expect(await store.get(blob.key)).toEqual(bytes("Scan 1"));
  });

  it("syncs the root once per folder, not on every blob", async () => {
    const root = join(tmp.path, "blobs");
    const store = createFileBlobStore(root);
    const first = await store.put(bytes("Scan A"));
    synced.length = 0;
    // Find content whose folder already exists: only the folder is synced then.
    let n = 0;
    let text = "";
    do text = `Scan ${n++}`;
    while ((await sha256Hex(text)).slice(0, 2) !== first.key.slice(0, 2));
    await store.put(bytes(text));
    expect(synced).toEqual([join(root, first.key.slice(0, 2))]);
  });

  it("stores the same bytes once, and makes a removed folder again", async () => {
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
    expect(synced).toContain(root);
  });
});

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
