/** The seam where each runtime serves the Hono app: @hono/node-server on Node, Bun.serve on Bun. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface HttpListener {
  readonly port: number;
  close(): Promise<void>;
}

export type HttpListen = (fetch: FetchHandler, hostname: string, port: number) => Promise<HttpListener>;
