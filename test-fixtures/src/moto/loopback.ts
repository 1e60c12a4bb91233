/**
 * Serving a test HTTP server on a free loopback port, and stopping it without waiting for keep-alive
 * connections to time out: shared by the stub endpoint and the recording proxy.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening server's endpoint and how to stop it. */
export interface Listening {
  endpoint: string;
  stop(): Promise<void>;
}

/** Listens on 127.0.0.1 on a port the system picks; `beforeStop` runs first when stopping (e.g. an agent's destroy). */
export async function listenOnLoopback(server: Server, beforeStop?: () => void): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        beforeStop?.();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
