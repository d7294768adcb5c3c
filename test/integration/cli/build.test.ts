import { execFile, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../../helpers/temp-dir.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const BUILD_SCRIPT = join(root, "scripts/build.mjs");

interface BuildApi {
  sourceKey(root?: string): string;
  currentBuild(options: { root?: string; outdir?: string }): string | null;
  ensureBuild(options: { root?: string; outdir?: string }): Promise<string>;
}
// Through a variable: build.mjs is plain JavaScript without type declarations.
const buildModule: string = BUILD_SCRIPT;
const api = (): Promise<BuildApi> => import(buildModule);

// Inside the package: the compiled files find node_modules, package.json ("type": "module") and drizzle/ from there.
mkdirSync(join(root, ".tmp"), { recursive: true });
const outdir = mkdtempSync(join(root, ".tmp", "build-test-"));
const data = makeTempDir();
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  data.remove();
});

const run = promisify(execFile);
/** Runs build.mjs in a process of its own; resolves to the build directory it printed. */
const buildIn = async (args: string[]) =>
  (await run(process.execPath, args, { encoding: "utf8" })).stdout.trim();

const node = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, {
    encoding: "utf8",
    timeout: 30_000,
    // No NODE_OPTIONS: nothing (such as tsx) is preloaded into the compiled CLI.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("the compiled build", () => {
  let build = "";

  it("transpiles src/ and the CLI into a build directory that mirrors the repository", () => {
    const result = node([BUILD_SCRIPT, "--outdir", outdir]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    build = result.stdout.trim();
    for (const file of ["scripts/cli/main.js", "src/pdf/qr-worker.js", "src/web/auth/csrf.js"]) {
      expect(existsSync(join(build, file)), file).toBe(true);
    }
    const js = filesUnder(build).filter((f) => f.endsWith(".js"));
    expect(js.length).toBeGreaterThan(100);
    // What the service and the CLI load (the benchmarks still start some children through tsx).
    const shipped = js.filter((f) => /\/(src|scripts\/cli|scripts\/demo)\//.test(f.slice(build.length)));
    expect(shipped.filter((f) => /["']tsx(\/[^"']*)?["']/.test(readFileSync(f, "utf8")))).toEqual([]);
    expect(readdirSync(outdir)).toContain("current");
  });

  it("runs the CLI with plain node: --help and a migration from drizzle/ at the package root", () => {
    const help = node([join(build, "scripts/cli/main.js"), "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: postkorb");
    const migrate = node([join(build, "scripts/cli/main.js"), "migrate"], {
      POSTKORB_DATA_DIR: join(data.path, "data"),
      POSTKORB_SECRET: "test-secret-test-secret-test-secret-0123",
      POSTKORB_SMTP_PORT: "0",
    });
    expect(migrate.stderr).not.toMatch(/Error/);
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toContain("Datenbank aktuell");
    expect(readdirSync(join(data.path, "data")).some((f) => f.endsWith(".sqlite") || f.endsWith(".db"))).toBe(
      true,
    );
  });

  it("scans a page in a QR worker started from the compiled qr-worker.js", () => {
    const pool = join(build, "src/pdf/qr-worker-pool.js");
    const script = join(outdir, "scan-blank-page.mjs");
    writeFileSync(
      script,
      `const { createQrWorkerPool } = await import(${JSON.stringify(pathToFileURL(pool).href)});
const pool = createQrWorkerPool(1);
const bytes = new Uint8Array(200 * 200).fill(255);
const task = { kind: "raw", bytes, width: 200, height: 200, channels: 1, bitsPerComponent: 8, inverted: false };
const scan = await pool.scan(task);
await pool.close();
console.log(JSON.stringify(scan));
`,
    );
    const result = node([script]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const scan = JSON.parse(result.stdout) as { texts: string[]; blank: boolean };
    expect(scan.texts).toEqual([]);
    expect(scan.blank).toBe(true);
  });
});

describe("freshness of the build", () => {
  it("rebuilds when a source is touched, added or removed, and not otherwise", async () => {
    const { sourceKey, currentBuild, ensureBuild } = await api();
    const fake = makeTempDir("postkorb-build-");
    try {
      mkdirSync(join(fake.path, "src/web"), { recursive: true });
      mkdirSync(join(fake.path, "scripts/cli"), { recursive: true });
      writeFileSync(join(fake.path, "src/a.ts"), "export const a: number = 1;\n");
      writeFileSync(join(fake.path, "src/web/page.tsx"), "export const P = () => <p>hi</p>;\n");
      writeFileSync(
        join(fake.path, "scripts/cli/main.ts"),
        'import { a } from "../../src/a.js";\nconsole.log(a);\n',
      );
      const out = join(fake.path, "dist");
      const options = { root: fake.path, outdir: out };

      expect(currentBuild(options)).toBeNull();
      const first = await ensureBuild(options);
      expect(readFileSync(join(first, "src/a.js"), "utf8")).toContain("const a = 1");
      expect(readFileSync(join(first, "src/web/page.js"), "utf8")).toContain("hono/jsx/jsx-runtime");
      expect(currentBuild(options)).toBe(first);
      expect(await ensureBuild(options)).toBe(first);

      const key = sourceKey(fake.path);
      const later = new Date(Date.now() + 5000);
      writeFileSync(join(fake.path, "src/a.ts"), "export const a: number = 2;\n");
      utimesSync(join(fake.path, "src/a.ts"), later, later);
      expect(sourceKey(fake.path)).not.toBe(key);
      expect(currentBuild(options)).toBeNull();
      const second = await ensureBuild(options);
      expect(second).not.toBe(first);
      expect(readFileSync(join(second, "src/a.js"), "utf8")).toContain("const a = 2");

      writeFileSync(join(fake.path, "src/b.ts"), "export const b = 3;\n");
      expect(currentBuild(options)).toBeNull();
      const third = await ensureBuild(options);
      expect(existsSync(join(third, "src/b.js"))).toBe(true);
      // Back to the sources of the second build: that build is used again.
      rmSync(join(fake.path, "src/b.ts"));
      expect(currentBuild(options)).toBe(second);
      expect(existsSync(join(await ensureBuild(options), "src/b.js"))).toBe(false);
      // Nothing half-written is left beside the builds.
      expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
    } finally {
      fake.remove();
    }
  });

  it("gives two processes building the same sources at once the same, whole build", async () => {
    const fake = makeTempDir("postkorb-build-");
    try {
      mkdirSync(join(fake.path, "src"), { recursive: true });
      for (let i = 0; i < 50; i++) {
        writeFileSync(join(fake.path, `src/m${i}.ts`), `export const m${i}: number = ${i};\n`);
      }
      const args = [BUILD_SCRIPT, "--root", fake.path, "--outdir", join(fake.path, "dist")];
      const [a, b] = await Promise.all([buildIn(args), buildIn(args)]);
      expect(a).toBe(b);
      expect(readdirSync(join(a, "src"))).toHaveLength(100); // .js and .js.map
      expect(readdirSync(join(fake.path, "dist")).filter((n) => n.startsWith("."))).toEqual([]);
    } finally {
      fake.remove();
    }
  });
});
