/**
 * The socket transport, as asyncio's selector one: a stream connection
 * over a `Deno.Conn`, read into a protocol and written from a buffer with
 * asyncio's flow control. Deno only.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { OSError, RuntimeError } from "./exceptions.ts";
import { get_logger } from "./log.ts";
import { repr } from "./_repr.ts";
import type { BufferedProtocol, Protocol } from "./protocols.ts";
import type { SocketAddress, Transport } from "./transports.ts";
import { type ByteSource, ReadPump } from "./_read_pump.ts";
import { type ByteSink, WriteQueue } from "./_write_queue.ts";

/** What a transport tells, as asyncio's `Protocol`; every call comes from the loop. */
export interface StreamProtocol {
  /** The connection is made; reading starts after this. */
  connection_made(transport: SocketTransport): void;
  /** Bytes arrived. */
  data_received(data: Uint8Array): void;
  /** The peer closed its side; `true` keeps the transport open for writing. */
  eof_received(): boolean;
  /** The connection is closed: `null` for a normal close, else the error. */
  connection_lost(error: Error | null): void;
  /** The write buffer went over the high-water mark. */
  pause_writing(): void;
  /** The write buffer went down to the low-water mark. */
  resume_writing(): void;
}

/** A server the transport's connection was accepted by, counting its live connections. */
export interface ConnectionCounter {
  /** A connection was made. */
  _attach(transport: Transport): void;
  /** A connection is gone. */
  _detach(transport: Transport): void;
}

/** The largest read, as CPython's `max_size` for sockets. */
const MAX_READ = 256 * 1024;

/**
 * The first read of a connection. A read waits with its buffer held, and
 * most connections wait far more than they read (with 256 KiB buffers, an
 * idle connection cost 147 KB of resident memory; now 10 KB): the buffer
 * starts small, doubles after a read that fills it, and halves after one
 * that fills less than an eighth.
 */
const MIN_READ = 64;

/** `Deno.Addr` in asyncio's form. */
export function socket_address(addr: Deno.Addr): SocketAddress {
  return addr.transport === "tcp" || addr.transport === "udp"
    ? [addr.hostname, addr.port]
    : (addr as Deno.UnixAddr).path;
}

/** An address for a description: `127.0.0.1:8888`, or a socket path. */
export function format_address(address: SocketAddress): string {
  return Array.isArray(address) ? address.join(":") : address;
}

/** Whether `conn` is a TLS connection. */
export function is_tls(conn: Deno.Conn): conn is Deno.TlsConn {
  return typeof (conn as Partial<Deno.TlsConn>).handshake === "function";
}

/** A `Deno.Conn` as a source and a sink of bytes. */
class ConnBytes implements ByteSource<number | null>, ByteSink {
  readonly #conn: Deno.Conn;
  #buffer = new Uint8Array(MIN_READ);

  constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  read(): Promise<number | null> {
    return this.#conn.read(this.#buffer);
  }

  received(n: number | null): Uint8Array | null {
    if (n === null) return null;
    const buffer = this.#buffer;
    const data = buffer.slice(0, n);
    if (n === buffer.length && n < MAX_READ) {
      this.#buffer = new Uint8Array(2 * n);
    } else if (n < buffer.length / 8 && buffer.length > MIN_READ) {
      this.#buffer = new Uint8Array(buffer.length / 2);
    }
    return data;
  }

  send(chunk: Uint8Array): Promise<number> {
    return this.#conn.write(chunk);
  }

  send_eof(): Promise<void> {
    return this.#conn.closeWrite();
  }
}

/** Any protocol a socket transport serves. */
export type StreamingProtocol = Protocol | BufferedProtocol | StreamProtocol;

/**
 * Writes to a lost connection are dropped; from this many on, each is
 * logged, as CPython's `LOG_THRESHOLD_FOR_CONNLOST_WRITES`.
 */
const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

/**
 * A stream connection over a `Deno.Conn`, as asyncio's socket transport:
 * `loop.create_connection()` and `loop.create_server()` make these for
 * their protocols, streams for theirs (reach one through
 * `writer.transport`). The protocol's callbacks come in asyncio's order:
 * `connection_made`, then `data_received` (or `get_buffer` and
 * `buffer_updated` for a `BufferedProtocol`) and `eof_received`,
 * `pause_writing`/`resume_writing` at the water marks, and
 * `connection_lost` last. An error thrown by a callback goes to the loop's
 * exception handler and closes the connection with it. The loop closes the
 * transport if it is still open when the loop closes.
 *
 * @example Flow control of a connection
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { open_connection, type SocketTransport, start_server } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const server = await start_server((_reader, writer) => writer.close(), "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *   const [reader, writer] = await open_connection("127.0.0.1", port);
 *   const transport = writer.transport as SocketTransport;
 *   console.log(transport.get_write_buffer_limits()); // [ 16384, 65536 ]
 *   await reader.read(); // the server hung up
 *   transport.close();
 *   await writer.wait_closed();
 *   server.close();
 *   await server.wait_closed();
 * })());
 * ```
 */
export class SocketTransport implements Transport {
  readonly #loop: AbstractEventLoop;
  readonly #conn: Deno.Conn;
  #protocol!: StreamingProtocol;
  /** The protocol is a `BufferedProtocol`: it lends the buffer bytes are copied into. */
  #buffered = false;
  readonly #server: ConnectionCounter | null;
  readonly #origin: SocketTransport | null;
  readonly #tls: boolean;
  readonly #reader: ReadPump;
  readonly #writer: WriteQueue;
  #closing = false;
  /**
   * 0 while connected; then 1, plus the writes dropped since (asyncio's
   * `_conn_lost`).
   */
  #conn_lost = 0;

  /**
   * Wraps `conn` for `protocol`: `connection_made` is called on the next
   * loop iteration, then reading starts. A transport that `start_tls()`
   * made has its `origin`, the transport whose connection it encrypts:
   * the protocol is already connected (reading just starts), and the
   * addresses are the origin's.
   */
  constructor(
    loop: AbstractEventLoop,
    conn: Deno.Conn,
    protocol: StreamingProtocol,
    server: ConnectionCounter | null,
    origin: SocketTransport | null = null,
  ) {
    this.#loop = loop;
    this.#conn = conn;
    this.set_protocol(protocol);
    this.#server = server;
    this.#origin = origin;
    this.#tls = is_tls(conn);
    const bytes = new ConnBytes(conn);
    this.#reader = new ReadPump(bytes, this);
    this.#writer = new WriteQueue(loop, bytes, this);
    server?._attach(this);
    loop._resources.add(this);
    loop._call_soon1(origin === null ? connection_made : start_reading, this);
  }

  /** @ignore */
  _connection_made(): void {
    try {
      this.#protocol.connection_made(this);
    } finally {
      this._start_reading();
    }
  }

  /** @ignore */
  _start_reading(): void {
    if (!this.#closing) this.#reader.start();
  }

  /** Serves `protocol` from now on. */
  set_protocol(protocol: StreamingProtocol): void {
    this.#protocol = protocol;
    this.#buffered = typeof (protocol as BufferedProtocol).get_buffer === "function";
  }

  /** The protocol served. */
  get_protocol(): StreamingProtocol {
    return this.#protocol;
  }

  /**
   * What asyncio's `get_extra_info` knows: `peername`, `sockname` (as
   * `[host, port]` or a socket path), `conn` (the `Deno.Conn`), and
   * `sslcontext` (`true` over TLS).
   */
  get_extra_info(name: string, fallback: unknown = null): unknown {
    // Made when asked for: most connections never are, and 10,000 idle
    // ones held 300 bytes each of addresses made up front.
    switch (name) {
      case "peername":
        return this.#origin?.get_extra_info(name) ?? socket_address(this.#conn.remoteAddr);
      case "sockname":
        return this.#origin?.get_extra_info(name) ?? socket_address(this.#conn.localAddr);
      case "conn":
        return this.#conn;
      case "sslcontext":
        return this.#tls ? true : fallback;
      default:
        return fallback;
    }
  }

  /** Whether the transport is closing or closed. */
  is_closing(): boolean {
    return this.#closing;
  }

  /** Whether reading is going on (not paused, not closing). */
  is_reading(): boolean {
    return !this.#closing && this.#reader.reading;
  }

  /** Stops delivering data until `resume_reading()`. */
  pause_reading(): void {
    if (!this.#closing) this.#reader.pause();
  }

  /** Goes on delivering data. */
  resume_reading(): void {
    if (!this.#closing) this.#reader.resume();
  }

  /** Bytes written but not yet handed to the system. */
  get_write_buffer_size(): number {
    return this.#writer.size;
  }

  /** The `[low, high]` water marks of the write buffer. */
  get_write_buffer_limits(): [number, number] {
    return this.#writer.limits;
  }

  /**
   * Sets the water marks: `high` defaults to 64 KiB (or 4 × `low`),
   * `low` to `high / 4`.
   *
   * @throws {ValueError} When `high` < `low` or either is negative.
   */
  set_write_buffer_limits(high: number | null = null, low: number | null = null): void {
    this.#writer.set_limits(high, low);
  }

  /**
   * Buffers a copy of `data` to send; never waits (the protocol is paused
   * when the buffer grows past the high-water mark). Into an empty buffer,
   * it is sent at once; later writes of the same loop iteration go
   * together at its end. After `close()`, writes are dropped (once the
   * connection is lost, from the fifth on each logs a warning, as asyncio's).
   *
   * @throws {TypeError} When `data` is not a `Uint8Array`.
   * @throws {RuntimeError} After `write_eof()`.
   */
  write(data: Uint8Array): void {
    if (this.#closing && data instanceof Uint8Array && data.length > 0) {
      if (!this.#writer.eof_requested) {
        this.#drop_write();
        return;
      }
    }
    this.#writer.write(data);
  }

  /**
   * A write after `close()` is dropped: asyncio's small writes are sent at
   * once, so its `close()` finds nothing buffered and the connection lost.
   * Once it is lost, from the fifth write on each logs a warning, as asyncio's.
   */
  #drop_write(): void {
    if (this.#conn_lost === 0) return;
    if (this.#conn_lost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
      get_logger().warning("socket.send() raised exception.");
    }
    this.#conn_lost++;
  }

  /**
   * Writes the chunks of `chunks` as one, as asyncio's (one send for them
   * all into an empty buffer).
   *
   * @throws {TypeError} When a chunk is not a `Uint8Array`.
   */
  writelines(chunks: Iterable<Uint8Array>): void {
    if (this.#writer.eof_requested) {
      throw new RuntimeError("Cannot call writelines() after write_eof()");
    }
    const list = [...chunks];
    let length = 0;
    for (const chunk of list) {
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError(`writelines(): each chunk must be a Uint8Array, got ${repr(chunk)}`);
      }
      length += chunk.length;
    }
    if (list.length === 1) return this.write(list[0]);
    const joined = new Uint8Array(length);
    let offset = 0;
    for (const chunk of list) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    this.write(joined);
  }

  /**
   * Closes the sending side once the buffer is sent; reading goes on.
   *
   * @throws {RuntimeError} Over TLS, which has no half-close.
   */
  write_eof(): void {
    if (!this.can_write_eof()) throw new RuntimeError("SSL doesn't support half-closes");
    if (!this.#closing) this.#writer.push_eof();
  }

  /** Whether `write_eof()` is supported: for plain sockets, not over TLS. */
  can_write_eof(): boolean {
    return !this.#tls;
  }

  /**
   * Closes the connection once the buffer is sent; no more data is
   * delivered. The protocol's `connection_lost(null)` follows.
   */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#reader.stop();
    if (this.#writer.sending === null) this.#close_conn(null);
  }

  /** Closes the connection at once, dropping what is buffered. */
  abort(): void {
    this.#force_close(null);
  }

  /** Closes at once because the loop closes. @ignore */
  _close_with_loop(): void {
    this.#force_close(null);
  }

  /** Describes the transport: `<SocketTransport open peer=127.0.0.1:8888>`. */
  toString(): string {
    const state = this.#closing ? "closing" : this.#reader.reading ? "open" : "paused";
    const peer = this.get_extra_info("peername") as SocketAddress;
    return `<SocketTransport ${state} peer=${format_address(peer)}>`;
  }

  /** @ignore */
  _data_received(data: Uint8Array): void {
    if (this.#buffered) {
      this.#feed_buffered(data);
      return;
    }
    try {
      (this.#protocol as Protocol).data_received(data);
    } catch (error) {
      this.#fatal_error(error, "Fatal error: protocol.data_received() call failed.");
    }
  }

  /**
   * Copies `data` into the buffers a `BufferedProtocol` lends, as many as
   * it takes: asyncio asks with a size hint of -1 for each receive.
   */
  #feed_buffered(data: Uint8Array): void {
    const protocol = this.#protocol as BufferedProtocol;
    while (data.length > 0) {
      let buffer: Uint8Array;
      try {
        buffer = protocol.get_buffer(-1);
        if (!(buffer instanceof Uint8Array) || buffer.length === 0) {
          throw new RuntimeError("get_buffer() returned an empty buffer");
        }
      } catch (error) {
        this.#fatal_error(error, "Fatal error: protocol.get_buffer() call failed.");
        return;
      }
      const n = Math.min(buffer.length, data.length);
      buffer.set(n === data.length ? data : data.subarray(0, n));
      data = data.subarray(n);
      try {
        protocol.buffer_updated(n);
      } catch (error) {
        this.#fatal_error(error, "Fatal error: protocol.buffer_updated() call failed.");
        return;
      }
      if (this.#conn_lost !== 0 || this.#closing) return;
    }
  }

  /** @ignore */
  _eof_received(): void {
    let keep_open: unknown;
    try {
      keep_open = (this.#protocol as Protocol).eof_received();
    } catch (error) {
      this.#fatal_error(error, "Fatal error: protocol.eof_received() call failed.");
      return;
    }
    // Reading is over either way; a true value leaves writing open.
    if (!keep_open) this.close();
  }

  /** @ignore */
  _read_failed(error: Error): void {
    this.#fatal_error(error, "Fatal read error on socket transport");
  }

  /** @ignore */
  _pause_writing(): void {
    try {
      this.#protocol.pause_writing();
    } catch (error) {
      this.#report(error, "protocol.pause_writing() failed");
    }
  }

  /** @ignore */
  _resume_writing(): void {
    try {
      this.#protocol.resume_writing();
    } catch (error) {
      this.#report(error, "protocol.resume_writing() failed");
    }
  }

  /** @ignore */
  _write_failed(error: Error): void {
    this.#fatal_error(error, "Fatal write error on socket transport");
  }

  /** @ignore */
  _write_flushed(): void {
    if (this.#closing) this.#close_conn(null);
  }

  #report(error: unknown, message: string): void {
    this.#loop.call_exception_handler({
      message,
      exception: error,
      transport: this,
      protocol: this.#protocol,
    });
  }

  /**
   * A protocol callback or the host failed: an error other than an
   * `OSError` goes to the exception handler (an `OSError` is the peer's
   * doing); the connection closes with it.
   */
  #fatal_error(error: unknown, message: string): void {
    if (!(error instanceof OSError)) {
      this.#report(error, message);
    } else if (this.#loop.get_debug()) {
      get_logger().debug(`${this}: ${message}: ${error}`);
    }
    this.#force_close(error instanceof Error ? error : new Error(String(error)));
  }

  #force_close(error: Error | null): void {
    if (this.#conn_lost !== 0) return;
    this.#closing = true;
    this.#reader.stop();
    this.#writer.stop();
    this.#close_conn(error);
  }

  /**
   * Closes the `Deno.Conn`, then, once the reads and writes it had pending
   * are over, tells the protocol on the loop (unless the loop closed).
   */
  #close_conn(error: Error | null): void {
    if (this.#conn_lost !== 0) return;
    this.#conn_lost = 1;
    this.#writer.stop();
    try {
      this.#conn.close();
    } catch {
      // closed already: the peer reset it
    }
    const loop = this.#loop;
    loop._resources.delete(this);
    Promise.all([this.#reader.done, this.#writer.sending]).then(() => {
      if (!loop.is_closed()) loop._call_soon1(connection_lost, [this, error] as const);
      else this.#server?._detach(this);
    });
  }

  /** @ignore */
  _call_connection_lost(error: Error | null): void {
    try {
      this.#protocol.connection_lost(error);
    } finally {
      this.#server?._detach(this);
    }
  }
}

function connection_made(transport: SocketTransport): void {
  transport._connection_made();
}

function start_reading(transport: SocketTransport): void {
  transport._start_reading();
}

function connection_lost([transport, error]: readonly [SocketTransport, Error | null]): void {
  transport._call_connection_lost(error);
}
