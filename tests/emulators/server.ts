/**
 * Starts an emulator's HTTP server on 127.0.0.1 with a free port. Every emulator uses it, so tests
 * never touch anything but loopback.
 *
 * @module
 */

/** A running emulator server. */
export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Requests being answered now (a test waits for 0 before it looks at what a killed client left). */
  readonly open: number;
  /** Stops listening and waits for open requests to finish. */
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 with a port chosen by the OS. */
export function listen(handler: Deno.ServeHandler<Deno.NetAddr>): RunningServer {
  let open = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request, info) => {
    open++;
    try {
      return await handler(request, info);
    } finally {
      open--;
    }
  });
  const { port } = server.addr;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get open() {
      return open;
    },
    close: () => server.shutdown(),
  };
}
