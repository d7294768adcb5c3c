// Bootstrap for the QR worker: Node 20 cannot run TypeScript itself, so the worker registers tsx first.
import { register } from "tsx/esm/api";

register();
await import("./qr-worker.ts");
