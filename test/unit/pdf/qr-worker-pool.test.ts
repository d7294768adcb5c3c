import { describe, expect, it } from "vitest";
import { postable } from "../../../src/pdf/qr-worker-pool.js";

describe("handing a page image to a QR worker", () => {
  it("copies a JPEG out of the PDF's buffer and moves the copy, instead of cloning the whole PDF", () => {
    const pdf = new Uint8Array(1_000_000);
    const jpeg = pdf.subarray(1000, 1500);
    const { request, transfer } = postable({ id: 1, task: { kind: "jpeg", bytes: jpeg } });
    expect(request.task.bytes.byteLength).toBe(500);
    expect(request.task.bytes.buffer.byteLength).toBe(500);
    expect(transfer).toEqual([request.task.bytes.buffer]);
    expect(pdf.buffer.byteLength).toBe(1_000_000);
  });

  it("does not take a view of a Node Buffer for a copy", () => {
    const pdf = Buffer.alloc(100_000, 7);
    const { request, transfer } = postable({ id: 2, task: { kind: "jpeg", bytes: pdf.subarray(10, 20) } });
    expect(transfer[0]).not.toBe(pdf.buffer);
    expect(request.task.bytes.buffer.byteLength).toBe(10);
  });

  it("moves bytes made for the task, and clones bytes that belong to someone else", () => {
    const inflated = new Uint8Array(64);
    const owned = postable({
      id: 3,
      task: {
        kind: "raw",
        bytes: inflated,
        width: 8,
        height: 8,
        channels: 1,
        bitsPerComponent: 8,
        inverted: false,
        owned: true,
      },
    });
    expect(owned.transfer).toEqual([inflated.buffer]);
    expect(owned.request.task.bytes).toBe(inflated);
    const shared = new Uint8Array(64);
    const borrowed = postable({ id: 4, task: { kind: "tiff", bytes: shared } });
    expect(borrowed.transfer).toEqual([]);
    expect(borrowed.request.task.bytes).toBe(shared);
  });
});
