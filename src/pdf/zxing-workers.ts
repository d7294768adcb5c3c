/** zxing-wasm's QR reader inside workerd: the .wasm is imported as a compiled module (workerd refuses runtime compiles). */
import { prepareZXingModule, type ReaderOptions, type ReadResult, readBarcodes } from "zxing-wasm/reader";
import zxingWasm from "zxing-wasm/reader/zxing_reader.wasm";

let ready: Promise<unknown> | null = null;

function loadReader(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: {
      // Emscripten hook: hand it an instance of the pre-compiled module instead of fetching a URL.
      instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) {
        void WebAssembly.instantiate(zxingWasm as WebAssembly.Module, imports).then(receive);
        return {};
      },
    },
    fireImmediately: true,
  });
  return ready;
}

export type QrInput = Uint8Array | { data: Uint8ClampedArray; width: number; height: number };

/** Image file bytes (JPEG/PNG, decoded inside the wasm) or RGBA pixels. */
export async function readQrInWorker(input: QrInput, options: ReaderOptions = {}): Promise<ReadResult[]> {
  await loadReader();
  const image = input instanceof Uint8Array ? input : ({ ...input, colorSpace: "srgb" } as ImageData);
  return readBarcodes(image, { formats: ["QRCode"], tryHarder: true, ...options });
}
