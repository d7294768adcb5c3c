/** Fallback for pages without a decodable scan image (vector pages, JBIG2, JPX): render with pdfjs-dist. */
import type { PageImageTask } from "./page-image-task.js";

/** ~120 dpi across A4, the same detail the image path gives zxing. */
const TARGET_WIDTH_PX = 1000;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: unknown };
}

export interface PdfRenderer {
  renderPage(pageIndex: number): Promise<PageImageTask>;
  close(): Promise<void>;
}

/** Opens the PDF once for all pages that need it; pdfjs (5.6.x runs on Node 20) draws onto @napi-rs/canvas. */
export async function openPdfRenderer(pdf: Uint8Array): Promise<PdfRenderer> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const lib = await pdfjs;
  const doc = await lib.getDocument({
    data: pdf.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  return {
    async renderPage(pageIndex) {
      const page = await doc.getPage(pageIndex + 1);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: TARGET_WIDTH_PX / base.width });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      const canvasAndContext = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory.create(
        width,
        height,
      );
      const context = canvasAndContext.context as CanvasRenderingContext2D;
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, width, height);
      await page.render({
        canvas: canvasAndContext.canvas as HTMLCanvasElement,
        canvasContext: context,
        viewport,
      }).promise;
      const rgba = context.getImageData(0, 0, width, height).data;
      page.cleanup();
      const gray = new Uint8Array(width * height);
      for (let i = 0, j = 0; i < gray.length; i++, j += 4)
        gray[i] = (rgba[j]! * 306 + rgba[j + 1]! * 601 + rgba[j + 2]! * 117 + 512) >> 10;
      return {
        kind: "raw",
        bytes: gray,
        width,
        height,
        channels: 1,
        bitsPerComponent: 8,
        inverted: false,
        owned: true,
      };
    },
    close: () => doc.destroy(),
  };
}
