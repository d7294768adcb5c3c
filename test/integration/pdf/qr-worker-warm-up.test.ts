import { afterAll, describe, expect, it } from "vitest";
import type { PageImageTask, PageScan } from "../../../src/pdf/page-image-task.js";
import { createQrWorkerPool, warmUpQrWorkers } from "../../../src/pdf/qr-worker-pool.js";

describe("warming up the QR workers", () => {
  const pool = createQrWorkerPool(2);
  afterAll(() => pool.close());

  it("has every worker run zxing over a page that is neither blank nor a cover sheet", async () => {
    const scans = await warmUpQrWorkers(pool);
    expect(scans).toEqual([
      { texts: [], blank: false, attempt: -1 },
      { texts: [], blank: false, attempt: -1 },
    ]);
  });

  it("sends one page a worker, made for the task so it is moved, not copied", async () => {
    const tasks: PageImageTask[] = [];
    const recording = {
      size: 3,
      scan: async (task: PageImageTask): Promise<PageScan> => {
        tasks.push(task);
        return { texts: [], blank: false, attempt: -1 };
      },
      close: async () => {},
    };
    await warmUpQrWorkers(recording);
    expect(tasks).toHaveLength(3);
    expect(tasks.every((t) => t.kind === "raw" && t.owned && t.bytes.some((b) => b !== t.bytes[0]))).toBe(
      true,
    );
  });
});
