/** The inbox's static files for the Worker: bundled as text modules, encoded once per isolate. */
import inboxCss from "../web/inbox/assets/inbox.css";
import inboxJs from "../web/inbox/assets/inbox.js";
import type { AssetSource } from "../web/inbox/inbox-deps.js";

const TEXTS: Record<string, string> = { "inbox.css": inboxCss, "inbox.js": inboxJs };

export function createBundledAssets(): AssetSource {
  const encoded = new Map<string, Uint8Array>();
  return async function readAsset(name) {
    const text = Object.hasOwn(TEXTS, name) ? TEXTS[name] : undefined;
    if (text === undefined) return null;
    let bytes = encoded.get(name);
    if (!bytes) {
      bytes = new TextEncoder().encode(text);
      encoded.set(name, bytes);
    }
    return bytes;
  };
}
