/** Receipt time of an .eml file: the newest Received: hop (RFC 5322 §3.6.7), else the Date: header. */
import type { CaptureHeaders } from "./read-headers.js";

export type ReceivedAtSource = "received-header" | "date-header" | "file-time";

export function emlReceivedAt(headers: CaptureHeaders, fallback: Date): { at: Date; from: ReceivedAtSource } {
  const top = headers.received[0];
  if (top) {
    const stamp = top.slice(top.lastIndexOf(";") + 1).trim();
    const at = new Date(stamp);
    if (stamp && !Number.isNaN(at.getTime())) return { at, from: "received-header" };
  }
  if (headers.date) {
    const at = new Date(headers.date);
    if (!Number.isNaN(at.getTime())) return { at, from: "date-header" };
  }
  return { at: fallback, from: "file-time" };
}
