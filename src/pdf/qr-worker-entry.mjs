// Bootstrap for the QR worker when the pool runs from the TypeScript sources (vitest, tsx): Node 20 cannot run
// TypeScript itself, so the worker registers tsx first. Compiled (dist/), the pool starts qr-worker.js directly.
import { register } from "tsx/esm/api";

register();
await import("./qr-worker.ts");
