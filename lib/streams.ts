/**
 * Streams, as asyncio's `streams` module: `open_connection` and
 * `start_server` over TCP, `open_unix_connection` and `start_unix_server`
 * over Unix sockets, with `StreamReader` and `StreamWriter`. Deno only:
 * import them from `@aiots/asyncio/io`.
 *
 * Reading and draining are library coroutines, so they are cancellable
 * and keep the loop's order: `await reader.readline()` in an async
 * coroutine, `yield* reader.readline()` in a generator. Bytes are
 * `Uint8Array`s.
 *
 * @module
 */

import { Coroutine } from "./coroutines.ts";
import { get_running_loop } from "./events.ts";
import { _named } from "./_waiting.ts";
import { check_function } from "./_checks.ts";
import { check_option_keys } from "./_options.ts";
import { repr } from "./_repr.ts";
import type { ClientTlsOptions, ServerTlsOptions } from "./loop_io.ts";
import {
  check_client_ssl,
  check_hosts,
  check_limit,
  check_port,
  check_server_ssl,
  DEFAULT_LIMIT,
} from "./_stream_checks.ts";
import type { Server } from "./servers.ts";
import { type ClientConnectedCallback, StreamReaderProtocol } from "./stream_protocol.ts";
import { StreamReader } from "./stream_reader.ts";
import { StreamWriter } from "./stream_writer.ts";
import {
  await_connection,
  connect_tcp,
  listen_tcp,
  listen_unix,
  make_transport,
  serve,
} from "./socket_events.ts";

/** Options of `open_connection()`. */
export interface OpenConnectionOptions {
  /** The `StreamReader` buffer limit (64 KiB by default). */
  limit?: number;
  /** Connect over TLS: `true` trusts the system's authorities. */
  ssl?: boolean | ClientTlsOptions;
}

/** Options of `open_unix_connection()`. */
export type OpenUnixConnectionOptions = Omit<OpenConnectionOptions, "ssl">;

/** Options of `start_server()`. */
export interface StartServerOptions {
  /** The `StreamReader` buffer limit of each connection (64 KiB by default). */
  limit?: number;
  /** Start accepting at once (the default), or wait for `start_serving()`. */
  start_serving?: boolean;
  /** Let other processes listen on the same port (`SO_REUSEPORT`, Linux only). */
  reuse_port?: boolean;
  /** Serve over TLS with this certificate and key. */
  ssl?: ServerTlsOptions;
}

/** Options of `start_unix_server()`. */
export type StartUnixServerOptions = Omit<StartServerOptions, "reuse_port" | "ssl">;

function* open_stream(
  connecting: Promise<Deno.Conn>,
  limit: number,
): Generator<unknown, [StreamReader, StreamWriter], unknown> {
  const loop = get_running_loop();
  const conn = yield* await_connection(connecting);
  const reader = new StreamReader(limit, { loop });
  const [transport, protocol] = yield* make_transport(
    loop,
    conn,
    () => new StreamReaderProtocol(reader, null, { loop }),
  );
  return [reader, new StreamWriter(transport, protocol, reader, loop)];
}

const open_connection_body = _named(
  "open_connection",
  function* (
    host: string,
    port: number,
    limit: number,
    ssl: boolean | ClientTlsOptions,
  ): Generator<unknown, [StreamReader, StreamWriter], unknown> {
    return yield* open_stream(connect_tcp(host, port, ssl, null), limit);
  },
);

const open_unix_connection_body = _named(
  "open_unix_connection",
  function* (
    path: string,
    limit: number,
  ): Generator<unknown, [StreamReader, StreamWriter], unknown> {
    return yield* open_stream(Deno.connect({ path, transport: "unix" }), limit);
  },
);

/**
 * Connects to `host`:`port` over TCP, as asyncio's `open_connection`.
 *
 * @param host A host name or an IP address.
 * @param port The port.
 * @param options `limit`, the reader's buffer limit; `ssl` to connect over
 * TLS (`true`, or `{ ca_certs }` to trust other authorities than the system's).
 * @returns A coroutine of `[reader, writer]`; it throws the connection
 * error under Python's name (`ConnectionRefusedError`, ..., with Deno's
 * error as `cause`).
 * @throws {TypeError} When `host` is not a string, `port` not an integer,
 * or an option is unknown.
 * @throws {RangeError} When `port` is outside 0..65535.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { open_connection, start_server } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const server = await start_server(async (_reader, writer) => {
 *     writer.write(new TextEncoder().encode("hello\n"));
 *     writer.close();
 *   }, "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *   const [reader, writer] = await open_connection("127.0.0.1", port);
 *   console.log(new TextDecoder().decode(await reader.read())); // hello
 *   writer.close();
 *   await writer.wait_closed();
 *   server.close();
 *   await server.wait_closed();
 * })());
 * ```
 */
export function open_connection(
  host: string,
  port: number,
  options?: OpenConnectionOptions,
): Coroutine<[StreamReader, StreamWriter]> {
  if (typeof host !== "string") {
    throw new TypeError(`open_connection(): host must be a string, got ${repr(host)}`);
  }
  check_port(port, "open_connection(): port");
  check_option_keys(options, ["limit", "ssl"], "open_connection()");
  const limit = check_limit(options?.limit, "open_connection()");
  const ssl = check_client_ssl(options?.ssl ?? false, "open_connection()");
  return new Coroutine(open_connection_body, undefined, [host, port, limit, ssl]);
}

/**
 * Connects to the Unix socket at `path`, as asyncio's
 * `open_unix_connection`.
 *
 * @param path The socket's path.
 * @param options `limit`, the reader's buffer limit.
 * @returns A coroutine of `[reader, writer]`.
 * @throws {TypeError} When `path` is not a string, or an option is unknown.
 *
 * @example
 * ```ts ignore
 * import { coroutine, run } from "@aiots/asyncio";
 * import { open_unix_connection } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const [reader, writer] = await open_unix_connection("/tmp/app.sock");
 *   writer.write(new TextEncoder().encode("status\n"));
 *   console.log(new TextDecoder().decode(await reader.readline()));
 *   writer.close();
 *   await writer.wait_closed();
 * })());
 * ```
 */
export function open_unix_connection(
  path: string,
  options?: OpenUnixConnectionOptions,
): Coroutine<[StreamReader, StreamWriter]> {
  if (typeof path !== "string") {
    throw new TypeError(`open_unix_connection(): path must be a string, got ${repr(path)}`);
  }
  check_option_keys(options, ["limit"], "open_unix_connection()");
  const limit = check_limit(options?.limit, "open_unix_connection()");
  return new Coroutine(open_unix_connection_body, undefined, [path, limit]);
}

/** Makes the server of `listeners`, whose connections get a reader and a writer each. */
function serve_streams(
  listeners: Deno.Listener[],
  client_connected_cb: ClientConnectedCallback,
  limit: number,
  start_serving: boolean,
): Generator<unknown, Server, unknown> {
  const loop = get_running_loop();
  return serve(
    loop,
    listeners,
    () =>
      new StreamReaderProtocol(new StreamReader(limit, { loop }), client_connected_cb, { loop }),
    start_serving,
  );
}

const start_server_body = _named(
  "start_server",
  function* (
    client_connected_cb: ClientConnectedCallback,
    hosts: string[],
    port: number,
    options: StartServerOptions,
  ): Generator<unknown, Server, unknown> {
    const listeners = listen_tcp(hosts, port, options.reuse_port ?? false, options.ssl);
    return yield* serve_streams(
      listeners,
      client_connected_cb,
      options.limit ?? DEFAULT_LIMIT,
      options.start_serving ?? true,
    );
  },
);

const start_unix_server_body = _named(
  "start_unix_server",
  function* (
    client_connected_cb: ClientConnectedCallback,
    path: string,
    options: StartUnixServerOptions,
  ): Generator<unknown, Server, unknown> {
    const listener = listen_unix(path);
    return yield* serve_streams(
      [listener],
      client_connected_cb,
      options.limit ?? DEFAULT_LIMIT,
      options.start_serving ?? true,
    );
  },
);

/**
 * Starts a TCP server, as asyncio's `start_server`: `client_connected_cb`
 * is called with a reader and a writer for each connection. An async
 * function or generator function (or a `coroutine()` function) runs as a
 * task per connection; an error in it goes to the loop's exception
 * handler and closes the connection.
 *
 * @param client_connected_cb Called with `(reader, writer)` per connection.
 * @param host The address to listen on, several, or `null` for every IPv4
 * interface (`0.0.0.0`).
 * @param port The port; `0` picks a free one (see `server.sockets`).
 * @param options `limit`, `start_serving` (default `true`), `reuse_port`,
 * and `ssl` (`{ cert, key }`, PEM) to serve over TLS.
 * @returns A coroutine of the `Server`, listening.
 * @throws {TypeError} When an argument has the wrong type or an option is unknown.
 * @throws {RangeError} When `port` is outside 0..65535.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { start_server } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const server = await start_server(async (reader, writer) => {
 *     for await (const line of reader) writer.write(line); // echo
 *     writer.close();
 *   }, "127.0.0.1", 0);
 *   console.log(server.sockets[0].getsockname()); // [ "127.0.0.1", <a free port> ]
 *   server.close();
 *   await server.wait_closed();
 * })());
 * ```
 */
export function start_server(
  client_connected_cb: ClientConnectedCallback,
  host: string | string[] | null,
  port: number,
  options?: StartServerOptions,
): Coroutine<Server> {
  check_function(client_connected_cb, "start_server(): client_connected_cb");
  const hosts = check_hosts(host, "start_server()");
  check_port(port, "start_server(): port");
  check_option_keys(options, ["limit", "start_serving", "reuse_port", "ssl"], "start_server()");
  check_limit(options?.limit, "start_server()");
  check_server_ssl(options?.ssl, "start_server()");
  return new Coroutine(start_server_body, undefined, [
    client_connected_cb,
    hosts,
    port,
    options ?? {},
  ]);
}

/**
 * Starts a server on the Unix socket at `path`, as asyncio's
 * `start_unix_server` (a socket file already there is replaced).
 *
 * @param client_connected_cb Called with `(reader, writer)` per connection.
 * @param path The socket's path.
 * @param options `limit`, `start_serving` (default `true`).
 * @returns A coroutine of the `Server`, listening.
 * @throws {TypeError} When an argument has the wrong type or an option is unknown.
 *
 * @example
 * ```ts ignore
 * import { coroutine, run } from "@aiots/asyncio";
 * import { start_unix_server } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const server = await start_unix_server(async (reader, writer) => {
 *     writer.write(await reader.readline());
 *     writer.close();
 *   }, "/tmp/echo.sock");
 *   await server.serve_forever();
 * })());
 * ```
 */
export function start_unix_server(
  client_connected_cb: ClientConnectedCallback,
  path: string,
  options?: StartUnixServerOptions,
): Coroutine<Server> {
  check_function(client_connected_cb, "start_unix_server(): client_connected_cb");
  if (typeof path !== "string") {
    throw new TypeError(`start_unix_server(): path must be a string, got ${repr(path)}`);
  }
  check_option_keys(options, ["limit", "start_serving"], "start_unix_server()");
  check_limit(options?.limit, "start_unix_server()");
  return new Coroutine(start_unix_server_body, undefined, [
    client_connected_cb,
    path,
    options ?? {},
  ]);
}
