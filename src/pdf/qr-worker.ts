/** Worker thread: scans page images for QR codes off the main thread (zxing blocks for tens of ms a page). */
import { parentPort } from "node:worker_threads";
import type { PageImageTask } from "./page-image-task.js";
import { scanPageImage } from "./scan-page-image.js";

export interface WorkerRequest {
  id: number;
  task: PageImageTask;
}

export type WorkerReply =
  | { id: number; ok: true; scan: import("./page-image-task.js").PageScan }
  | { id: number; ok: false; error: string };

const port = parentPort;
if (!port) throw new Error("qr-worker.ts must run in a worker thread");

port.on("message", async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, ok: true, scan: await scanPageImage(request.task) };
  } catch (err) {
    reply = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
