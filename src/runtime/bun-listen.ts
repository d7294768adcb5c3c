/** HttpListen on Bun.serve (Bun's native HTTP server; Hono's fetch handler plugs in as is). */
/// <reference types="bun-types" />
import type { HttpListen } from "./http-listen.js";

export const listenWithBun: HttpListen = async (fetch, hostname, port) => {
  const server = Bun.serve({ fetch, hostname, port });
  return {
    port: server.port ?? port,
    close: async () => {
      await server.stop(true);
    },
  };
};
