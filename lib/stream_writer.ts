/**
 * `StreamWriter`, as asyncio's: the writing end of a stream connection.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { ConnectionResetError } from "./exceptions.ts";
import { _named, _NO_ARGS } from "./_waiting.ts";
import type { FlowControlMixin, StreamReaderProtocol } from "./stream_protocol.ts";
import type { StreamReader } from "./stream_reader.ts";
import type { StartTlsOptions, TlsContext } from "./loop_io.ts";
import { check_option_keys } from "./_options.ts";
import { start_tls } from "./tls_upgrade.ts";
import type { Transport, WriteTransport } from "./transports.ts";

/**
 * The writing end of a stream connection, as asyncio's: `write()` buffers
 * at once and never waits; `await writer.drain()` waits while the
 * transport's buffer is over its high-water mark (64 KiB), which is how a
 * fast writer keeps pace with a slow peer. `close()` then
 * `await writer.wait_closed()` ends the connection.
 *
 * @example An echo exchange with a local server
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { open_connection, start_server } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const server = await start_server(async (reader, writer) => {
 *     writer.write(await reader.readline());
 *     await writer.drain();
 *     writer.close();
 *     await writer.wait_closed();
 *   }, "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *   const [reader, writer] = await open_connection("127.0.0.1", port);
 *   writer.write(new TextEncoder().encode("ping\n"));
 *   await writer.drain();
 *   console.log(new TextDecoder().decode(await reader.readline())); // ping
 *   writer.close();
 *   await writer.wait_closed();
 *   server.close();
 *   await server.wait_closed();
 * })());
 * ```
 */
export class StreamWriter {
  /** @ignore */
  readonly _protocol: FlowControlMixin;
  /** @ignore */
  readonly _reader: StreamReader | null;
  #transport: WriteTransport;
  readonly #loop: AbstractEventLoop;

  /** Wraps `transport`; `open_connection()`, `start_server()` and subprocesses make these. */
  constructor(
    transport: WriteTransport,
    protocol: FlowControlMixin,
    reader: StreamReader | null,
    loop: AbstractEventLoop,
  ) {
    this.#transport = transport;
    this._protocol = protocol;
    this._reader = reader;
    this.#loop = loop;
  }

  /** The transport underneath. */
  get transport(): WriteTransport {
    return this.#transport;
  }

  /** The loop the writer belongs to. */
  get_loop(): AbstractEventLoop {
    return this.#loop;
  }

  /**
   * Buffers a copy of `data` to send (`data` may be reused at once); it
   * never waits: call `drain()` after.
   *
   * @throws {TypeError} When `data` is not a `Uint8Array`.
   * @throws {RuntimeError} After `write_eof()`.
   */
  write(data: Uint8Array): void {
    this.#transport.write(data);
  }

  /** Buffers each chunk of `chunks`. */
  writelines(chunks: Iterable<Uint8Array>): void {
    this.#transport.writelines(chunks);
  }

  /** Closes the sending side once the buffer is sent (the peer reads the end). */
  write_eof(): void {
    this.#transport.write_eof();
  }

  /** Whether `write_eof()` is supported. */
  can_write_eof(): boolean {
    return this.#transport.can_write_eof();
  }

  /** Closes the connection once the buffer is sent. */
  close(): void {
    this.#transport.close();
  }

  /** Whether the connection is closing or closed. */
  is_closing(): boolean {
    return this.#transport.is_closing();
  }

  /**
   * Waits until the connection is closed.
   *
   * @returns A coroutine; it throws the error the connection ended with, if any.
   */
  wait_closed(): Coroutine<void> {
    return new Coroutine(this._wait_closed_body, this, _NO_ARGS);
  }

  /**
   * Information about the connection: `peername`, `sockname` (as
   * `[host, port]`, or a socket path) and `conn` (the `Deno.Conn`).
   */
  get_extra_info(name: string, fallback: unknown = null): unknown {
    return this.#transport.get_extra_info(name, fallback);
  }

  /**
   * Waits until the write buffer is down to its low-water mark.
   *
   * @returns A coroutine; it throws the reader's error, or
   * `ConnectionResetError` when the connection was lost.
   */
  drain(): Coroutine<void> {
    return new Coroutine(this._drain_body, this, _NO_ARGS);
  }

  /** `drain()`'s body. */
  private *_drain_body(): Generator<unknown, void, unknown> {
    const error = this._reader?.exception() ?? null;
    if (error !== null) throw error;
    if (this.transport.is_closing()) {
      // asyncio yields one loop turn here, by which its small writes are
      // sent and connection_lost() has run; ours are sent by the host, so
      // wait for the loss itself (without cancelling it if this drain is).
      const closed = this._protocol._get_close_waiter(this);
      if (!closed.done()) {
        const waiter = this.#loop.create_future<void>();
        closed.add_done_callback(() => {
          if (!waiter.done()) waiter.set_result();
        });
        yield waiter;
      }
      throw new ConnectionResetError("Connection lost");
    }
    // Run inline: yielding the coroutine would cost the task a frame a drain.
    yield* this._protocol._drain_helper();
  }

  /** `wait_closed()`'s body. */
  private *_wait_closed_body(): Generator<unknown, void, unknown> {
    yield this._protocol._get_close_waiter(this);
  }

  /**
   * Upgrades the connection to TLS, as asyncio's: waits for the buffer to
   * drain, then goes on over TLS (as the server's side of it when a
   * server accepted the connection); reads and writes then go through the
   * new transport.
   *
   * @param sslcontext For a client: `true` (the system's authorities) or
   * `{ ca_certs }`; for a server: `{ cert, key }` (PEM).
   * @param options `server_hostname`: the name the server's certificate
   * must have (the peer's address by default).
   * @returns A coroutine that returns once the handshake is done.
   * @throws {TypeError} When the transport cannot be upgraded or an option is wrong.
   */
  start_tls(
    sslcontext: TlsContext,
    options?: Pick<StartTlsOptions, "server_hostname">,
  ): Coroutine<void> {
    check_option_keys(options, ["server_hostname"], "StreamWriter.start_tls()");
    return new Coroutine(this._start_tls_body, this, [
      sslcontext,
      options?.server_hostname ?? null,
    ]);
  }

  /** `start_tls()`'s body. */
  private *_start_tls_body(
    sslcontext: TlsContext,
    server_hostname: string | null,
  ): Generator<unknown, void, unknown> {
    const protocol = this._protocol as StreamReaderProtocol;
    yield* this._drain_body();
    const upgrading = start_tls(this.#loop, this.#transport, protocol, sslcontext, {
      server_side: protocol._server_side,
      server_hostname,
    });
    const upgraded = (yield upgrading) as Transport;
    this.#transport = upgraded;
    protocol._replace_transport(upgraded);
  }

  /** Describes the writer: `<StreamWriter transport=... reader=...>`. */
  toString(): string {
    const info = ["StreamWriter", `transport=${this.#transport}`];
    if (this._reader !== null) info.push(`reader=${this._reader}`);
    return `<${info.join(" ")}>`;
  }

  // What its coroutines report as `__name__`.
  static {
    _named("StreamWriter.drain", this.prototype._drain_body);
    _named("StreamWriter.wait_closed", this.prototype._wait_closed_body);
    _named("StreamWriter.start_tls", this.prototype._start_tls_body);
  }
}
