/**
 * The transport under a stream connection, as asyncio's selector socket
 * transport: a `Deno.Conn` read into a protocol, and written from a buffer
 * with asyncio's flow control (the protocol is paused above 64 KiB
 * buffered, resumed at 16 KiB). Deno only.
 *
 * @module
 */

import type { EventLoop } from "./base_events.ts";
import { RuntimeError, ValueError } from "./exceptions.ts";
import { Deque } from "./_deque.ts";
import { repr } from "./_repr.ts";

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
  _attach(): void;
  /** A connection is gone. */
  _detach(): void;
}

/** The largest read, as CPython's `max_size` for sockets. */
const MAX_READ = 256 * 1024;
const DEFAULT_HIGH_WATER = 64 * 1024;

/** An address as asyncio gives it: `[host, port]`, or the path of a Unix socket. */
export type SocketAddress = [string, number] | string;

/** `Deno.Addr` in asyncio's form. */
export function socket_address(addr: Deno.Addr): SocketAddress {
  return addr.transport === "tcp" || addr.transport === "udp"
    ? [addr.hostname, addr.port]
    : (addr as Deno.UnixAddr).path;
}

/**
 * A stream connection over a `Deno.Conn`. The loop closes it if it is
 * still open when the loop closes, so that no pending read outlives it.
 */
export class SocketTransport {
  readonly #loop: EventLoop;
  readonly #conn: Deno.Conn;
  readonly #protocol: StreamProtocol;
  readonly #server: ConnectionCounter | null;
  readonly #extra: Record<string, unknown>;
  #closing = false;
  /** Set once the connection is gone: writes are dropped from then on. */
  #conn_lost = false;
  #eof_requested = false;
  readonly #write_buffer = new Deque<Uint8Array>();
  #write_size = 0;
  #writer: Promise<void> | null = null;
  #reader: Promise<void> | null = null;
  #protocol_paused = false;
  #high_water = DEFAULT_HIGH_WATER;
  #low_water = DEFAULT_HIGH_WATER / 4;
  #reading_paused = false;
  #resume_reading: (() => void) | null = null;

  /**
   * Wraps `conn` for `protocol`: `connection_made` is called on the next
   * loop iteration, then reading starts.
   */
  constructor(
    loop: EventLoop,
    conn: Deno.Conn,
    protocol: StreamProtocol,
    server: ConnectionCounter | null,
  ) {
    this.#loop = loop;
    this.#conn = conn;
    this.#protocol = protocol;
    this.#server = server;
    this.#extra = {
      peername: socket_address(conn.remoteAddr),
      sockname: socket_address(conn.localAddr),
      conn,
    };
    server?._attach();
    loop._resources.add(this);
    loop._call_soon1(connection_made, this);
  }

  /** @ignore */
  _connection_made(): void {
    this.#protocol.connection_made(this);
    if (!this.#closing) this.#reader = this.#read_loop();
  }

  /**
   * What asyncio's `get_extra_info` knows: `peername`, `sockname` (as
   * `[host, port]` or a socket path) and `conn` (the `Deno.Conn`).
   */
  get_extra_info(name: string, fallback: unknown = null): unknown {
    return Object.hasOwn(this.#extra, name) ? this.#extra[name] : fallback;
  }

  /** Whether the transport is closing or closed. */
  is_closing(): boolean {
    return this.#closing;
  }

  /** Whether reading is going on (not paused, not closing). */
  is_reading(): boolean {
    return !this.#closing && !this.#reading_paused;
  }

  /** Stops delivering data until `resume_reading()`. */
  pause_reading(): void {
    if (this.#closing || this.#reading_paused) return;
    this.#reading_paused = true;
  }

  /** Goes on delivering data. */
  resume_reading(): void {
    if (this.#closing || !this.#reading_paused) return;
    this.#reading_paused = false;
    this.#wake_reader();
  }

  /** Bytes written but not yet handed to the system. */
  get_write_buffer_size(): number {
    return this.#write_size;
  }

  /** The `[low, high]` water marks of the write buffer. */
  get_write_buffer_limits(): [number, number] {
    return [this.#low_water, this.#high_water];
  }

  /**
   * Sets the water marks: `high` defaults to 64 KiB (or 4 × `low`),
   * `low` to `high / 4`.
   *
   * @throws {ValueError} When `high` < `low` or either is negative.
   */
  set_write_buffer_limits(high: number | null = null, low: number | null = null): void {
    const high_water = high ?? (low === null ? DEFAULT_HIGH_WATER : 4 * low);
    const low_water = low ?? high_water / 4;
    if (!(high_water >= low_water && low_water >= 0)) {
      throw new ValueError(`high (${high_water}) must be >= low (${low_water}) must be >= 0`);
    }
    this.#high_water = high_water;
    this.#low_water = low_water;
    this.#maybe_pause_protocol();
  }

  /**
   * Buffers `data` to send; never waits (the protocol is paused when the
   * buffer grows past the high-water mark).
   *
   * @throws {TypeError} When `data` is not a `Uint8Array`.
   * @throws {RuntimeError} After `write_eof()`.
   */
  write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`write(): data must be a Uint8Array, got ${repr(data)}`);
    }
    if (this.#eof_requested) throw new RuntimeError("Cannot call write() after write_eof()");
    if (data.length === 0 || this.#conn_lost) return;
    this.#write_buffer.push(data.slice());
    this.#write_size += data.length;
    this.#maybe_pause_protocol();
    this.#writer ??= this.#write_loop();
  }

  /** Writes each chunk of `chunks`. */
  writelines(chunks: Iterable<Uint8Array>): void {
    for (const chunk of chunks) this.write(chunk);
  }

  /** Closes the sending side once the buffer is sent; reading goes on. */
  write_eof(): void {
    if (this.#closing || this.#eof_requested) return;
    this.#eof_requested = true;
    this.#writer ??= this.#write_loop();
  }

  /** Whether `write_eof()` is supported: always, for sockets. */
  can_write_eof(): boolean {
    return true;
  }

  /**
   * Closes the connection once the buffer is sent; no more data is
   * delivered. The protocol's `connection_lost(null)` follows.
   */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#wake_reader();
    if (this.#writer === null) {
      this.#conn_lost = true;
      this.#close_conn(null);
    }
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
    const state = this.#closing ? "closing" : this.#reading_paused ? "paused" : "open";
    const peer = this.#extra.peername;
    return `<SocketTransport ${state} peer=${Array.isArray(peer) ? peer.join(":") : peer}>`;
  }

  async #read_loop(): Promise<void> {
    const buffer = new Uint8Array(MAX_READ);
    try {
      for (;;) {
        await this.#until_resumed();
        if (this.#closing) return;
        const n = await this.#conn.read(buffer);
        if (this.#closing) return;
        if (n === null) {
          this.#eof_received();
          return;
        }
        const data = buffer.slice(0, n);
        // Paused while the read was pending: hold the data back, as a
        // transport that stopped reading would never have read it.
        await this.#until_resumed();
        if (this.#closing) return;
        this.#protocol.data_received(data);
      }
    } catch (error) {
      if (!this.#closing) this.#force_close(as_error(error));
    }
  }

  async #until_resumed(): Promise<void> {
    if (this.#reading_paused && !this.#closing) {
      await new Promise<void>((resolve) => this.#resume_reading = resolve);
    }
  }

  #wake_reader(): void {
    const resume = this.#resume_reading;
    this.#resume_reading = null;
    resume?.();
  }

  #eof_received(): void {
    const keep_open = this.#protocol.eof_received();
    // Not kept open for writing: close, as asyncio does.
    if (!keep_open) this.close();
  }

  async #write_loop(): Promise<void> {
    try {
      while (this.#write_buffer.length > 0) {
        const chunk = this.#write_buffer.peek() as Uint8Array;
        const sent = await this.#conn.write(chunk);
        if (this.#conn_lost) return;
        this.#write_size -= sent;
        if (sent < chunk.length) {
          this.#write_buffer.shift();
          this.#write_buffer.unshift(chunk.subarray(sent));
        } else {
          this.#write_buffer.shift();
        }
        this.#maybe_resume_protocol();
      }
      if (this.#eof_requested && !this.#closing) await this.#conn.closeWrite();
    } catch (error) {
      if (!this.#conn_lost) this.#force_close(as_error(error));
      return;
    } finally {
      this.#writer = null;
    }
    if (this.#closing && !this.#conn_lost) {
      this.#conn_lost = true;
      this.#close_conn(null);
    }
  }

  #maybe_pause_protocol(): void {
    if (this.#write_size <= this.#high_water || this.#protocol_paused) return;
    this.#protocol_paused = true;
    this.#protocol.pause_writing();
  }

  #maybe_resume_protocol(): void {
    if (!this.#protocol_paused || this.#write_size > this.#low_water) return;
    this.#protocol_paused = false;
    this.#protocol.resume_writing();
  }

  #force_close(error: Error | null): void {
    if (this.#conn_lost) return;
    this.#closing = true;
    this.#conn_lost = true;
    this.#write_buffer.clear();
    this.#write_size = 0;
    this.#wake_reader();
    this.#close_conn(error);
  }

  /**
   * Closes the `Deno.Conn`, then, once the reads and writes it had pending
   * are over, tells the protocol on the loop (unless the loop closed).
   */
  #close_conn(error: Error | null): void {
    try {
      this.#conn.close();
    } catch {
      // closed already: the peer reset it
    }
    const loop = this.#loop;
    loop._resources.delete(this);
    Promise.all([this.#reader, this.#writer]).then(() => {
      if (!loop.is_closed()) loop._call_soon1(connection_lost, [this, error] as const);
      else this.#server?._detach();
    });
  }

  /** @ignore */
  _call_connection_lost(error: Error | null): void {
    try {
      this.#protocol.connection_lost(error);
    } finally {
      this.#server?._detach();
    }
  }
}

function connection_made(transport: SocketTransport): void {
  transport._connection_made();
}

function connection_lost([transport, error]: readonly [SocketTransport, Error | null]): void {
  transport._call_connection_lost(error);
}

function as_error(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
