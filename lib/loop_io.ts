/**
 * The loop's I/O methods, as asyncio's `AbstractEventLoop` declares them
 * (`create_connection`, `create_server`, `create_datagram_endpoint`,
 * `start_tls`, ...): their types, and the slot the I/O entry point fills.
 *
 * The loop is runtime free and must not import the I/O modules (they use
 * Deno's API); `@aiots/asyncio/io` registers the implementation here when
 * it is imported, and until then each method says so.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import type { Coroutine } from "./coroutines.ts";
import { RuntimeError } from "./exceptions.ts";
import type { BaseProtocol, DatagramProtocol, SubprocessProtocol } from "./protocols.ts";
import type {
  BaseTransport,
  DatagramTransport,
  SocketAddress,
  SubprocessTransport,
  Transport,
} from "./transports.ts";

/** TLS for a client connection, when `true` is not enough. */
export interface ClientTlsOptions {
  /** Certificate authorities to trust (PEM) instead of the system's. */
  ca_certs?: string[];
}

/** TLS for a server: its certificate chain and key. */
export interface ServerTlsOptions {
  /** The certificate chain, PEM. */
  cert: string;
  /** The private key, PEM. */
  key: string;
}

/** Options of `loop.create_connection()`. */
export interface CreateConnectionOptions {
  /** Connect over TLS: `true` trusts the system's authorities. */
  ssl?: boolean | ClientTlsOptions;
  /**
   * The name the server's certificate must have, with `ssl`: `host` by
   * default. Deno checks the certificate against the host it connects
   * to, so this must be `host` when given (or `""`/`null`: `host`).
   */
  server_hostname?: string | null;
  /**
   * Seconds the TLS handshake may take before the connection is aborted
   * with `ConnectionAbortedError` (asyncio's default: 60); only with TLS.
   */
  ssl_handshake_timeout?: number | null;
  /**
   * Seconds to wait for the peer's side of the TLS close (asyncio's
   * default: 30); only with TLS. Checked as asyncio's, but Deno's close
   * does not wait for the peer, so it is never reached.
   */
  ssl_shutdown_timeout?: number | null;
}

/** Options of `loop.create_server()`. */
export interface CreateServerOptions {
  /** Start accepting at once (the default), or wait for `start_serving()`. */
  start_serving?: boolean;
  /** Let other processes listen on the same port (`SO_REUSEPORT`, Linux only). */
  reuse_port?: boolean;
  /** Serve over TLS with this certificate and key. */
  ssl?: ServerTlsOptions;
  /**
   * Seconds the TLS handshake may take before the connection is aborted
   * with `ConnectionAbortedError` (asyncio's default: 60); only with TLS.
   */
  ssl_handshake_timeout?: number | null;
  /**
   * Seconds to wait for the peer's side of the TLS close (asyncio's
   * default: 30); only with TLS. Checked as asyncio's, but Deno's close
   * does not wait for the peer, so it is never reached.
   */
  ssl_shutdown_timeout?: number | null;
}

/** Options of `loop.create_unix_server()`. */
export type CreateUnixServerOptions = Omit<
  CreateServerOptions,
  "reuse_port" | "ssl" | "ssl_handshake_timeout" | "ssl_shutdown_timeout"
>;

/** Options of `loop.create_datagram_endpoint()`. */
export interface DatagramEndpointOptions {
  /** The local `[host, port]` to bind; port 0 picks a free one. */
  local_addr?: [string, number] | null;
  /** The peer: `sendto()` then needs no address, and only its datagrams arrive. */
  remote_addr?: [string, number] | null;
  /** Let other processes bind the same port (`SO_REUSEPORT`, Linux only). */
  reuse_port?: boolean;
}

/** Options of `loop.start_tls()`. */
export interface StartTlsOptions {
  /** Upgrade as the client (the default) or the server side of the connection. */
  server_side?: boolean;
  /**
   * The name the server's certificate must have (client side): the
   * connected host by default, the only one Deno checks against.
   */
  server_hostname?: string | null;
  /**
   * Seconds the TLS handshake may take before the connection is aborted
   * with `ConnectionAbortedError` (asyncio's default: 60).
   */
  ssl_handshake_timeout?: number | null;
  /**
   * Seconds to wait for the peer's side of the TLS close (asyncio's
   * default: 30). Checked as asyncio's, but Deno's close
   * does not wait for the peer, so it is never reached.
   */
  ssl_shutdown_timeout?: number | null;
}

/** What `loop.start_tls()` takes as its `sslcontext`: the client's or the server's TLS. */
export type TlsContext = true | ClientTlsOptions | ServerTlsOptions;

/**
 * Options of `loop.subprocess_exec()` and `loop.subprocess_shell()`. The
 * pipes take `PIPE` (-1, the default), `DEVNULL` (-3), `STDOUT` (-2, for
 * stderr: into stdout's pipe) or `null` (the parent's); the text-mode and
 * buffering options are there to be refused as asyncio refuses them.
 */
export interface SubprocessTransportOptions {
  /** The child's stdin: `PIPE` (the default), `DEVNULL` or `null`. */
  stdin?: -1 | -3 | null;
  /** The child's stdout: `PIPE` (the default), `DEVNULL` or `null`. */
  stdout?: -1 | -3 | null;
  /** The child's stderr: `PIPE` (the default), `STDOUT`, `DEVNULL` or `null`. */
  stderr?: -1 | -2 | -3 | null;
  /** The working directory of the child. */
  cwd?: string;
  /** The whole environment of the child (the parent's by default). */
  env?: Record<string, string>;
  /** Must be false: the pipes carry bytes. */
  universal_newlines?: boolean;
  /** Must be false for `subprocess_exec`, true (or left out) for `subprocess_shell`. */
  shell?: boolean;
  /** Must be 0. */
  bufsize?: number;
  /** Must be false. */
  text?: boolean | null;
  /** Must be `null`. */
  encoding?: string | null;
  /** Must be `null`. */
  errors?: string | null;
}

/** A listening socket of a server, as asyncio's `TransportSocket`. */
export interface ServerSocket {
  /** The address it listens on: `[host, port]`, or a socket path. */
  getsockname(): SocketAddress;
  /** Describes it: `<TransportSocket laddr=127.0.0.1:8888>`. */
  toString(): string;
}

/** A server, as asyncio's `AbstractServer` (with `sockets`, as its `Server`). */
export interface AbstractServer {
  /** The sockets it listens on; none once closed. */
  readonly sockets: ServerSocket[];
  /** Stops listening; the connections already made go on. */
  close(): void;
  /** Closes every connection it accepted, once their buffers are sent. */
  close_clients(): void;
  /** Closes every connection it accepted at once. */
  abort_clients(): void;
  /** The loop it belongs to. */
  get_loop(): AbstractEventLoop;
  /** Whether it accepts connections. */
  is_serving(): boolean;
  /** Starts accepting connections. */
  start_serving(): Coroutine<void>;
  /** Accepts until cancelled. */
  serve_forever(): Coroutine<void>;
  /** Waits until it is closed and its connections are gone. */
  wait_closed(): Coroutine<void>;
}

/** The loop's I/O methods, implemented by `@aiots/asyncio/io`. */
export interface LoopIo {
  create_connection<P extends BaseProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    host: string,
    port: number,
    options?: CreateConnectionOptions,
  ): Coroutine<[Transport, P]>;
  create_server(
    loop: AbstractEventLoop,
    protocol_factory: () => BaseProtocol,
    host: string | string[] | null,
    port: number,
    options?: CreateServerOptions,
  ): Coroutine<AbstractServer>;
  create_unix_connection<P extends BaseProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    path: string,
  ): Coroutine<[Transport, P]>;
  create_unix_server(
    loop: AbstractEventLoop,
    protocol_factory: () => BaseProtocol,
    path: string,
    options?: CreateUnixServerOptions,
  ): Coroutine<AbstractServer>;
  connect_accepted_socket<P extends BaseProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    sock: unknown,
  ): Coroutine<[Transport, P]>;
  create_datagram_endpoint<P extends DatagramProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    options?: DatagramEndpointOptions,
  ): Coroutine<[DatagramTransport, P]>;
  start_tls(
    loop: AbstractEventLoop,
    transport: BaseTransport,
    protocol: BaseProtocol,
    sslcontext: TlsContext,
    options?: StartTlsOptions,
  ): Coroutine<Transport>;
  subprocess_exec<P extends SubprocessProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    program: string,
    ...args: [...string[]] | [...string[], SubprocessTransportOptions]
  ): Coroutine<[SubprocessTransport, P]>;
  subprocess_shell<P extends SubprocessProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    cmd: string,
    options?: SubprocessTransportOptions,
  ): Coroutine<[SubprocessTransport, P]>;
}

let installed: LoopIo | null = null;

/** Fills the slot: `@aiots/asyncio/io` calls it once, as it loads. @ignore */
export function _install_loop_io(io: LoopIo): void {
  installed = io;
}

/**
 * The I/O methods.
 *
 * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
 */
export function loop_io(method: string): LoopIo {
  if (installed === null) {
    throw new RuntimeError(
      `loop.${method}() needs the I/O entry point: import "@aiots/asyncio/io" (Deno only)`,
    );
  }
  return installed;
}
