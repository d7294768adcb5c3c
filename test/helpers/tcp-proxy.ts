/**
 * A loopback TCP relay in front of the private Dovecot: it records the client's command lines (to count MOVEs
 * as the server receives them) and can slow the server's answers down, so a FETCH stays in flight long enough
 * to restart the real server under it. It never answers on the server's behalf.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import { freePort } from "./free-port.js";

export interface TcpProxy {
  readonly port: number;
  /** Every command line the clients sent, in order (literals included as they come). */
  readonly commands: string[];
  /** Bytes the server sent on the newest connection so far. */
  serverBytesOfNewest(): number;
  /** Connections accepted so far. */
  connections(): number;
  /** Cuts every open connection at once (bytes still buffered in the relay are lost, as in a reset). */
  dropConnections(): void;
  /** Limit server → client to this many bytes per second (null = no limit). */
  throttle(bytesPerSecond: number | null): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const port = await freePort();
  const commands: string[] = [];
  const open = new Set<Socket>();
  let rate: number | null = null;
  let accepted = 0;
  let newestBytes = 0;

  const server: Server = createServer((client) => {
    accepted++;
    const mine = accepted;
    let bytes = 0;
    const upstream = connect(targetPort, "127.0.0.1");
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop);
    upstream.on("error", drop);
    // A server that goes away takes its client connections with it at once, as a real restart would.
    client.on("close", drop);
    upstream.on("close", drop);
    let partial = "";
    client.on("data", (chunk: Buffer) => {
      partial += chunk.toString("latin1");
      const lines = partial.split("\r\n");
      partial = lines.pop() ?? "";
      commands.push(...lines);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (mine === accepted) newestBytes = bytes;
      if (!client.write(chunk)) upstream.pause();
      if (rate) {
        upstream.pause();
        setTimeout(() => upstream.resume(), Math.ceil((chunk.length / rate) * 1000));
      }
    });
    client.on("drain", () => {
      if (!rate) upstream.resume();
    });
    newestBytes = 0;
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

  return {
    port,
    commands,
    serverBytesOfNewest: () => newestBytes,
    connections: () => accepted,
    dropConnections() {
      for (const s of open) s.destroy();
      open.clear();
    },
    throttle(bytesPerSecond) {
      rate = bytesPerSecond;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
