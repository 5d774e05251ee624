/**
 * The loop's socket methods, as asyncio's `create_connection`,
 * `create_server`, `create_unix_connection`, `create_unix_server` and
 * `connect_accepted_socket`: a `SocketTransport` per connection, serving
 * the protocol a factory makes. Streams are built on the same steps.
 * Deno only.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { ConnectionAbortedError, OSError, ValueError } from "./exceptions.ts";
import { _named } from "./_waiting.ts";
import type {
  ClientTlsOptions,
  CreateConnectionOptions,
  CreateServerOptions,
  CreateUnixServerOptions,
  ServerTlsOptions,
} from "./loop_io.ts";
import { os_error } from "./_os_errors.ts";
import { check_function } from "./_checks.ts";
import { check_option_keys } from "./_options.ts";
import { repr } from "./_repr.ts";
import type { BaseProtocol } from "./protocols.ts";
import { Server } from "./servers.ts";
import { SocketTransport, type StreamingProtocol } from "./socket_transport.ts";
import {
  check_client_ssl,
  check_hosts,
  check_port,
  check_server_ssl,
  check_ssl_timeout,
  SSL_TIMEOUT_DEFAULTS,
} from "./_stream_checks.ts";
import type { TimerHandle } from "./handles.ts";

/**
 * A TLS connection once its handshake is done (as asyncio's, the
 * connection is made only then); closed if the handshake fails.
 */
async function after_handshake(connecting: Promise<Deno.TlsConn>): Promise<Deno.TlsConn> {
  const conn = await connecting;
  try {
    await conn.handshake();
  } catch (error) {
    conn.close();
    throw error;
  }
  return conn;
}

/**
 * Waits for the TLS handshake of `conn`, as asyncio's
 * `ssl_handshake_timeout`: past `timeout` seconds of the loop's clock the
 * connection is closed and the error is `ConnectionAbortedError`; a failed
 * handshake closes it too, and throws its error under Python's name.
 */
export function* handshake_within(
  loop: AbstractEventLoop,
  conn: Deno.TlsConn,
  timeout: number,
): Generator<unknown, void, unknown> {
  let timer: TimerHandle | null = null;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = loop.call_later(timeout, () =>
      reject(
        new ConnectionAbortedError(
          `SSL handshake is taking longer than ${
            timeout === SSL_TIMEOUT_DEFAULTS.ssl_handshake_timeout ? `${timeout}.0` : timeout
          } seconds: aborting the connection`,
        ),
      ));
  });
  try {
    yield Promise.race([conn.handshake(), limit]);
  } catch (error) {
    conn.close();
    throw os_error(error);
  } finally {
    (timer as TimerHandle | null)?.cancel();
  }
}

/**
 * Connects over TLS without the handshake (`create_connection` times it),
 * to `host` checking the certificate against `server_hostname`.
 */
async function connect_tls_only(
  host: string,
  port: number,
  ssl: true | ClientTlsOptions,
  server_hostname: string,
): Promise<Deno.TlsConn> {
  const caCerts = ssl === true ? undefined : ssl.ca_certs;
  if (server_hostname === host) return await Deno.connectTls({ hostname: host, port, caCerts });
  const tcp = await Deno.connect({ hostname: host, port, transport: "tcp" });
  return Deno.startTls(tcp, { hostname: server_hostname, caCerts });
}

/**
 * Connects over TLS, the handshake done, checking the certificate against
 * `server_hostname` when it is not the host connected to (a TCP connection
 * upgraded, as Deno's `connectTls` checks against the host it connects to).
 */
function connect_tls(
  host: string,
  port: number,
  ssl: true | ClientTlsOptions,
  server_hostname: string,
): Promise<Deno.TlsConn> {
  return after_handshake(connect_tls_only(host, port, ssl, server_hostname));
}

/** Starts connecting to `host`:`port`, over TLS when `ssl` says so. */
export function connect_tcp(
  host: string,
  port: number,
  ssl: boolean | ClientTlsOptions,
  server_hostname: string | null,
): Promise<Deno.Conn> {
  return ssl === false
    ? Deno.connect({ hostname: host, port, transport: "tcp" })
    : connect_tls(host, port, ssl, server_hostname || host);
}

/**
 * Waits for `connecting`: its OS error under Python's name; if the task is
 * cancelled meanwhile, the connection that comes later is closed, not leaked.
 */
export function* await_connection(
  connecting: Promise<Deno.Conn>,
): Generator<unknown, Deno.Conn, unknown> {
  try {
    return (yield connecting) as Deno.Conn;
  } catch (error) {
    connecting.then((late) => late.close(), () => {});
    throw os_error(error);
  }
}

/**
 * Makes the protocol and the transport that serves it over `conn`, and
 * returns once the protocol's `connection_made` has run, as asyncio's
 * `_create_connection_transport`: a factory that throws closes `conn`; a
 * cancellation meanwhile closes the transport.
 */
export function* make_endpoint<P, T extends { close(): void }>(
  conn: { close(): void },
  protocol_factory: () => P,
  make: (protocol: P) => T,
): Generator<unknown, [T, P], unknown> {
  let protocol: P;
  try {
    protocol = protocol_factory();
  } catch (error) {
    conn.close();
    throw error;
  }
  const transport = make(protocol);
  try {
    yield null; // the transport calls connection_made on this iteration
  } catch (error) {
    transport.close();
    throw error;
  }
  return [transport, protocol];
}

/** `make_endpoint` for a stream connection: a `SocketTransport` over `conn`. */
export function make_transport<P extends StreamingProtocol>(
  loop: AbstractEventLoop,
  conn: Deno.Conn,
  protocol_factory: () => P,
): Generator<unknown, [SocketTransport, P], unknown> {
  return make_endpoint(
    conn,
    protocol_factory,
    (protocol) => new SocketTransport(loop, conn, protocol, null),
  );
}

/**
 * Listens on each of `hosts` at `port`, over TLS with `ssl`.
 *
 * @throws {OSError} As the host's error under Python's name
 * (`OSError: [Errno 98] address already in use`, ...).
 */
export function listen_tcp(
  hosts: string[],
  port: number,
  reuse_port: boolean,
  ssl: ServerTlsOptions | undefined,
): Deno.Listener[] {
  const listeners: Deno.Listener[] = [];
  try {
    for (const hostname of hosts) {
      listeners.push(
        ssl === undefined
          ? Deno.listen({ hostname, port, transport: "tcp", reusePort: reuse_port })
          : Deno.listenTls({ hostname, port, reusePort: reuse_port, cert: ssl.cert, key: ssl.key }),
      );
    }
  } catch (error) {
    for (const listener of listeners) listener.close();
    throw bind_error(os_error(error), hosts[listeners.length], port);
  }
  return listeners;
}

/** A failed bind in asyncio's words: `[Errno 98] error while attempting to bind on address ('127.0.0.1', 8888): address already in use`. */
function bind_error(error: unknown, host: string, port: number): unknown {
  if (!(error instanceof OSError) || error.errno === null || error.strerror === null) return error;
  const Class = error.constructor as new (
    errno: number,
    strerror: string,
    filename: null,
    options: ErrorOptions,
  ) => OSError;
  return new Class(
    error.errno,
    `error while attempting to bind on address ('${host}', ${port}): ${error.strerror.toLowerCase()}`,
    null,
    { cause: error.cause ?? error },
  );
}

/** Removes the socket file an earlier server left at `path`, as asyncio does. */
function remove_stale_socket(path: string): void {
  try {
    if (Deno.lstatSync(path).isSocket) Deno.removeSync(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

/** Listens on the Unix socket at `path`, replacing a stale socket file. */
export function listen_unix(path: string): Deno.Listener {
  try {
    remove_stale_socket(path);
    return Deno.listen({ path, transport: "unix" });
  } catch (error) {
    throw os_error(error);
  }
}

/**
 * Makes the server of `listeners`: each connection is served with the
 * protocol `protocol_factory` makes. A factory that throws has its
 * connection closed (and, in debug mode, is reported to the exception
 * handler), as asyncio's; the server goes on.
 */
export function* serve(
  loop: AbstractEventLoop,
  listeners: Deno.Listener[],
  protocol_factory: () => StreamingProtocol,
  start_serving: boolean,
  handshake_timeout?: number,
): Generator<unknown, Server, unknown> {
  const server = new Server(loop, listeners, (conn, owner) => {
    let protocol: StreamingProtocol;
    try {
      protocol = protocol_factory();
    } catch (error) {
      conn.close();
      if (loop.get_debug()) {
        loop.call_exception_handler({
          message: "Error on transport creation for incoming connection",
          exception: error,
        });
      }
      return;
    }
    new SocketTransport(loop, conn, protocol, owner);
  }, handshake_timeout);
  if (start_serving) {
    server._start_serving();
    yield null; // one loop iteration, as asyncio's create_server
  }
  return server;
}

const create_connection_body = _named(
  "create_connection",
  function* <P extends StreamingProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    host: string,
    port: number,
    ssl: boolean | ClientTlsOptions,
    server_hostname: string | null,
    handshake_timeout: number,
  ): Generator<unknown, [SocketTransport, P], unknown> {
    if (ssl === false) {
      const conn = yield* await_connection(connect_tcp(host, port, false, null));
      return yield* make_transport(loop, conn, protocol_factory);
    }
    const connecting = connect_tls_only(host, port, ssl, server_hostname || host);
    const conn = (yield* await_connection(connecting)) as Deno.TlsConn;
    yield* handshake_within(loop, conn, handshake_timeout);
    return yield* make_transport(loop, conn, protocol_factory);
  },
);

const create_unix_connection_body = _named(
  "create_unix_connection",
  function* <P extends StreamingProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    path: string,
  ): Generator<unknown, [SocketTransport, P], unknown> {
    const conn = yield* await_connection(Deno.connect({ path, transport: "unix" }));
    return yield* make_transport(loop, conn, protocol_factory);
  },
);

const connect_accepted_socket_body = _named(
  "connect_accepted_socket",
  function* <P extends StreamingProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    conn: Deno.Conn,
  ): Generator<unknown, [SocketTransport, P], unknown> {
    return yield* make_transport(loop, conn, protocol_factory);
  },
);

const create_server_body = _named(
  "create_server",
  function* (
    loop: AbstractEventLoop,
    protocol_factory: () => StreamingProtocol,
    hosts: string[],
    port: number,
    options: CreateServerOptions,
    handshake_timeout: number,
  ): Generator<unknown, Server, unknown> {
    const listeners = listen_tcp(hosts, port, options.reuse_port ?? false, options.ssl);
    const start = options.start_serving ?? true;
    return yield* serve(loop, listeners, protocol_factory, start, handshake_timeout);
  },
);

const create_unix_server_body = _named(
  "create_unix_server",
  function* (
    loop: AbstractEventLoop,
    protocol_factory: () => StreamingProtocol,
    path: string,
    options: CreateUnixServerOptions,
  ): Generator<unknown, Server, unknown> {
    const listener = listen_unix(path);
    return yield* serve(loop, [listener], protocol_factory, options.start_serving ?? true);
  },
);

/** `loop.create_connection()`: checks its arguments, then connects. */
export function create_connection<P extends BaseProtocol>(
  loop: AbstractEventLoop,
  protocol_factory: () => P,
  host: string,
  port: number,
  options?: CreateConnectionOptions,
): Coroutine<[SocketTransport, P]> {
  check_function(protocol_factory, "create_connection(): protocol_factory");
  if (typeof host !== "string") {
    throw new TypeError(`create_connection(): host must be a string, got ${repr(host)}`);
  }
  check_port(port, "create_connection(): port");
  check_option_keys(
    options,
    ["ssl", "server_hostname", "ssl_handshake_timeout", "ssl_shutdown_timeout"],
    "create_connection()",
  );
  const ssl = check_client_ssl(options?.ssl ?? false, "create_connection()");
  const server_hostname = options?.server_hostname ?? null;
  if (server_hostname !== null) {
    if (typeof server_hostname !== "string") {
      throw new TypeError(
        `create_connection(): server_hostname must be a string, got ${repr(server_hostname)}`,
      );
    }
    if (ssl === false) throw new ValueError("server_hostname is only meaningful with ssl");
  }
  const [handshake_timeout] = check_ssl_timeouts(options, ssl !== false, "create_connection()");
  return new Coroutine(create_connection_body, undefined, [
    loop,
    protocol_factory,
    host,
    port,
    ssl,
    server_hostname,
    handshake_timeout,
  ]);
}

/** `loop.create_unix_connection()`. */
export function create_unix_connection<P extends BaseProtocol>(
  loop: AbstractEventLoop,
  protocol_factory: () => P,
  path: string,
): Coroutine<[SocketTransport, P]> {
  check_function(protocol_factory, "create_unix_connection(): protocol_factory");
  if (typeof path !== "string") {
    throw new TypeError(`create_unix_connection(): path must be a string, got ${repr(path)}`);
  }
  return new Coroutine(create_unix_connection_body, undefined, [loop, protocol_factory, path]);
}

/** `loop.connect_accepted_socket()`: `sock` is a `Deno.Conn`. */
export function connect_accepted_socket<P extends BaseProtocol>(
  loop: AbstractEventLoop,
  protocol_factory: () => P,
  sock: unknown,
): Coroutine<[SocketTransport, P]> {
  check_function(protocol_factory, "connect_accepted_socket(): protocol_factory");
  const conn = sock as Partial<Deno.Conn> | null;
  if (
    typeof conn !== "object" || conn === null || typeof conn.read !== "function" ||
    typeof conn.write !== "function" || conn.remoteAddr === undefined
  ) {
    throw new TypeError(
      `connect_accepted_socket(): sock must be a connected Deno.Conn, got ${repr(sock)}`,
    );
  }
  return new Coroutine(connect_accepted_socket_body, undefined, [loop, protocol_factory, sock]);
}

/** `loop.create_server()`. */
export function create_server(
  loop: AbstractEventLoop,
  protocol_factory: () => BaseProtocol,
  host: string | string[] | null,
  port: number,
  options?: CreateServerOptions,
): Coroutine<Server> {
  check_function(protocol_factory, "create_server(): protocol_factory");
  const hosts = check_hosts(host, "create_server()");
  check_port(port, "create_server(): port");
  check_option_keys(
    options,
    ["start_serving", "reuse_port", "ssl", "ssl_handshake_timeout", "ssl_shutdown_timeout"],
    "create_server()",
  );
  check_server_ssl(options?.ssl, "create_server()");
  const [handshake_timeout] = check_ssl_timeouts(
    options,
    options?.ssl !== undefined,
    "create_server()",
  );
  return new Coroutine(create_server_body, undefined, [
    loop,
    protocol_factory,
    hosts,
    port,
    options ?? {},
    handshake_timeout,
  ]);
}

/** `loop.create_unix_server()`. */
export function create_unix_server(
  loop: AbstractEventLoop,
  protocol_factory: () => BaseProtocol,
  path: string,
  options?: CreateUnixServerOptions,
): Coroutine<Server> {
  check_function(protocol_factory, "create_unix_server(): protocol_factory");
  if (typeof path !== "string") {
    throw new TypeError(`create_unix_server(): path must be a string, got ${repr(path)}`);
  }
  check_option_keys(options, ["start_serving"], "create_unix_server()");
  return new Coroutine(create_unix_server_body, undefined, [
    loop,
    protocol_factory,
    path,
    options ?? {},
  ]);
}

/**
 * The `ssl_handshake_timeout` and `ssl_shutdown_timeout` options, checked
 * as asyncio's (in that order): `[handshake, shutdown]` in seconds.
 */
export function check_ssl_timeouts(
  options: { ssl_handshake_timeout?: unknown; ssl_shutdown_timeout?: unknown } | undefined,
  ssl: boolean,
  what: string,
): [number, number] {
  return [
    check_ssl_timeout(options?.ssl_handshake_timeout, "ssl_handshake_timeout", ssl, what),
    check_ssl_timeout(options?.ssl_shutdown_timeout, "ssl_shutdown_timeout", ssl, what),
  ];
}
