/** A `.wasm` import in a Worker bundle is a compiled WebAssembly.Module (wrangler's CompiledWasm rule). */
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
