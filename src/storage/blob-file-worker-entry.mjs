// Bootstrap for the blob file worker when it runs from the TypeScript sources (vitest, tsx): Node 20 cannot run
// TypeScript itself, so the worker registers tsx first. Compiled (dist/), the thread starts blob-file-worker.js.
import { register } from "tsx/esm/api";

register();
await import("./blob-file-worker.ts");
