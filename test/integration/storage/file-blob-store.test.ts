import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DurableWrite,
  nativeDurableWrite,
  writeDurablyWithFsPromises,
} from "../../../src/storage/durable-write.js";
import { createFileBlobStore } from "../../../src/storage/file-blob-store.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.remove());

const bytes = (text: string) => new TextEncoder().encode(text);

const implementations: [string, DurableWrite | null][] = [
  ["native addon", nativeDurableWrite()],
  ["fs/promises", writeDurablyWithFsPromises],
];

it("has the native durable write built (scripts/build-native.mjs, run by npm ci)", () => {
  expect(nativeDurableWrite()).toBeTypeOf("function");
});

it("the native durable write throws on arguments of the wrong type instead of writing", () => {
  const writeDurably = nativeDurableWrite()!;
  expect(() =>
    writeDurably("not bytes" as unknown as Uint8Array, join(tmp.path, "a.tmp"), join(tmp.path, "a"), []),
  ).toThrow(TypeError);
  expect(readdirSync(tmp.path)).toEqual([]);
});

describe.each(implementations)("durable write (%s)", (_name, maybeWrite) => {
  const writeDurably = maybeWrite!;

  it("writes the bytes under the target name and leaves no temp file", async () => {
    const dir = join(tmp.path, "ab");
    mkdirSync(dir);
    const content = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    await writeDurably(content, join(dir, "x.tmp"), join(dir, "x"), [dir, tmp.path]);
    expect(readdirSync(dir)).toEqual(["x"]);
    expect(new Uint8Array(readFileSync(join(dir, "x")))).toEqual(content);
  });

  it("writes a view's own bytes, not its whole buffer", async () => {
    const whole = bytes("0123456789");
    await writeDurably(whole.subarray(2, 5), join(tmp.path, "v.tmp"), join(tmp.path, "v"), []);
    expect(readFileSync(join(tmp.path, "v"), "utf8")).toBe("234");
  });

  it("fails like fs when the folder is missing, and creates nothing", async () => {
    const dir = join(tmp.path, "gone");
    const failure = await writeDurably(bytes("x"), join(dir, "x.tmp"), join(dir, "x"), [dir]).catch((e) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: "ENOENT", syscall: "open", path: join(dir, "x.tmp") });
    expect(existsSync(dir)).toBe(false);
  });

  it("never overwrites an existing temp file (exclusive create)", async () => {
    writeFileSync(join(tmp.path, "t.tmp"), "someone else's");
    const failure = await writeDurably(bytes("mine"), join(tmp.path, "t.tmp"), join(tmp.path, "t"), []).catch(
      (e) => e,
    );
    expect(failure).toMatchObject({ code: "EEXIST", syscall: "open" });
    expect(readFileSync(join(tmp.path, "t.tmp"), "utf8")).toBe("someone else's");
    expect(existsSync(join(tmp.path, "t"))).toBe(false);
  });

  it("opens every directory it is asked to sync: a missing one fails the write after the rename", async () => {
    const failure = await writeDurably(bytes("x"), join(tmp.path, "d.tmp"), join(tmp.path, "d"), [
      tmp.path,
      join(tmp.path, "no-such-dir"),
    ]).catch((e) => e);
    expect(failure).toMatchObject({ code: "ENOENT", path: join(tmp.path, "no-such-dir") });
    expect(readdirSync(tmp.path)).toEqual(["d"]);
  });

  it("a failed rename removes the temp file", async () => {
    mkdirSync(join(tmp.path, "target-is-a-dir"));
    writeFileSync(join(tmp.path, "target-is-a-dir", "occupant"), "x");
    const failure = await writeDurably(
      bytes("x"),
      join(tmp.path, "r.tmp"),
      join(tmp.path, "target-is-a-dir"),
      [],
    ).catch((e) => e);
    expect(failure).toMatchObject({ syscall: "rename" });
    expect(existsSync(join(tmp.path, "r.tmp"))).toBe(false);
  });
});

describe.each(implementations)("file blob store durability (%s)", (_name, maybeWrite) => {
  // Records the directories each put asks to have synced, and writes through the real implementation.
  const synced: string[] = [];
  const recording: DurableWrite = async (data, temp, target, dirs) => {
    await maybeWrite!(data, temp, target, dirs);
    synced.push(...dirs);
  };
  beforeEach(() => {
    synced.length = 0;
  });

  it("fsyncs the blob root after a new two-character folder, and the folder after the rename", async () => {
    const root = join(tmp.path, "blobs");
    const store = createFileBlobStore(root, { writeDurably: recording });
    const blob = await store.put(bytes("Scan 1"));
    const folder = join(root, blob.key.slice(0, 2));
    expect(synced[0]).toBe(folder);
    expect(synced).toContain(root);
    // The root itself was new too: its entry in the data directory is synced as well.
    expect(synced).toContain(tmp.path);
    expect(readdirSync(folder)).toEqual([blob.key]);
    expect(await store.get(blob.key)).toEqual(bytes("Scan 1"));
  });

  it("syncs the root once per folder, not on every blob", async () => {
    const root = join(tmp.path, "blobs");
    const store = createFileBlobStore(root, { writeDurably: recording });
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
    const store = createFileBlobStore(root, { writeDurably: recording });
    const first = await store.put(bytes("Scan twice"));
    const again = await store.put(bytes("Scan twice"));
    expect(again).toEqual(first);
    const folder = join(root, first.key.slice(0, 2));
    expect(readdirSync(folder)).toEqual([first.key]);
    rmSync(folder, { recursive: true });
    synced.length = 0;
    await store.put(bytes("Scan twice"));
    expect(readdirSync(folder)).toEqual([first.key]);
    expect(synced).toEqual([folder, root]);
  });

  it("keeps many concurrent puts whole", async () => {
    const root = join(tmp.path, "blobs");
    const store = createFileBlobStore(root, { writeDurably: recording });
    const contents = Array.from({ length: 200 }, (_, i) => bytes(`Scan ${i} `.repeat(1 + (i % 50))));
    const blobs = await Promise.all(contents.map((c) => store.put(c)));
    for (const [i, blob] of blobs.entries()) expect(await store.get(blob.key)).toEqual(contents[i]);
    const leftovers = readdirSync(root)
      .flatMap((d) => readdirSync(join(root, d)))
      .filter((f) => f.endsWith(".tmp"));
    expect(leftovers).toEqual([]);
  });
});

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
