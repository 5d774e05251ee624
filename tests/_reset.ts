/**
 * Peers that reset TCP connections (an RST, not a FIN). Deno's own sockets
 * cannot: they have no `SO_LINGER`, and closing one with bytes unread still
 * sends a FIN. Node's `net` module, which Deno provides, has
 * `resetAndDestroy()`.
 *
 * @module
 */

import net from "node:net";

/** A local server that resets each connection as soon as a byte arrives. */
export interface ResetServer {
  /** The port it listens on, at 127.0.0.1. */
  port: number;
  /** Stops listening and resets the connections still open. */
  close(): Promise<void>;
}

/** Starts a `ResetServer`. */
export async function reset_server(): Promise<ResetServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", () => socket.resetAndDestroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.resetAndDestroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Connects to `port` at 127.0.0.1 and resets the connection at once;
 * settles once the reset is sent, or `signal` aborts the connect.
 */
export function connect_and_reset(port: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1", signal }, () => socket.resetAndDestroy());
    socket.on("error", reject);
    socket.on("close", () => resolve());
  });
}
