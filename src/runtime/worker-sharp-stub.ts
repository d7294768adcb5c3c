/**
 * Stands in for sharp in the Worker bundle (wrangler.toml [alias]): sharp is a native addon that workerd
 * cannot load. Modules the web app imports for Node features (cover-sheet QR rendering) still load; a call
 * fails with a clear reason instead of the whole Worker failing at start-up.
 */
export default function sharpUnavailable(): never {
  throw new Error(
    "sharp ist in Cloudflare Workers nicht verfügbar (natives Modul); diese Funktion läuft nur auf Node/Bun",
  );
}
