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

import type { EventLoop } from "./base_events.ts";
import { Coroutine, iscoroutine } from "./coroutines.ts";
import {
  ConnectionResetError,
  IncompleteReadError,
  LimitOverrunError,
  RuntimeError,
  ValueError,
} from "./exceptions.ts";
import { get_running_loop, type TimerHandle } from "./events.ts";
import { type Future, isfuture } from "./futures.ts";
import { _named, _NO_ARGS } from "./locks.ts";
import { get_logger } from "./log.ts";
import { errno_name, os_error } from "./_os_errors.ts";
import { _get_event_loop } from "./_running.ts";
import { ensure_future } from "./tasks.ts";
import { ByteBuffer } from "./_byte_buffer.ts";
import { Deque } from "./_deque.ts";
import { check_option_keys } from "./_options.ts";
import { repr } from "./_repr.ts";
import {
  type ConnectionCounter,
  format_address,
  is_tls,
  socket_address,
  type SocketAddress,
  SocketTransport,
  type StreamProtocol,
  type WriteTransport,
} from "./transports.ts";

/** The default buffer limit of a `StreamReader`: 64 KiB, as asyncio's. */
const DEFAULT_LIMIT = 2 ** 16;
const NEWLINE = new Uint8Array([0x0a]);
/** The arguments of every readline: one array, not one a line. */
const NEWLINE_ARGS: unknown[] = Object.freeze([NEWLINE]) as unknown as unknown[];

function check_integer(value: unknown, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${what} must be an integer, got ${repr(value)}`);
  }
}

function concat(blocks: Uint8Array[]): Uint8Array {
  if (blocks.length === 1) return blocks[0];
  let length = 0;
  for (const block of blocks) length += block.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const block of blocks) {
    joined.set(block, offset);
    offset += block.length;
  }
  return joined;
}

// ---------------------------------------------------------------------------
// StreamReader

/** What a `StreamReader` needs of its transport: flow control of reading. */
export interface ReadTransport {
  /** Stops delivering data. */
  pause_reading(): void;
  /** Goes on delivering data. */
  resume_reading(): void;
}

/** Options of the `StreamReader` constructor. */
export interface StreamReaderOptions {
  /** The loop whose Futures the reader makes: the running loop, else `get_event_loop()`. */
  loop?: EventLoop;
}

const stream_read = _named(
  "StreamReader.read",
  function* (this: StreamReader, n: number): Generator<unknown, Uint8Array, unknown> {
    if (this._exception !== null) throw this._exception;
    if (n === 0) return new Uint8Array(0);
    if (n < 0) {
      // Block by block up to the limit, so that reading everything never
      // keeps the transport paused (a deadlock past 2 × limit bytes).
      const blocks: Uint8Array[] = [];
      for (;;) {
        const block: Uint8Array = yield* stream_read.call(this, this._limit);
        if (block.length === 0) break;
        blocks.push(block);
      }
      return concat(blocks);
    }
    if (this._buffer.length === 0 && !this._eof) yield* this._wait_for_data("read");
    const data = this._buffer.take(n);
    this._maybe_resume_transport();
    return data;
  },
);

/**
 * What a body made by `read_until_body` returns: `readuntil()`'s chunk,
 * `readline()`'s line, or the step of `for await`.
 */
type UntilMode = "readuntil" | "readline" | "next";

const END_OF_LINES: IteratorResult<Uint8Array, undefined> = Object.freeze({
  done: true,
  value: undefined,
});

/**
 * The coroutine body of `readuntil()` (`mode` "readuntil"), `readline()`
 * ("readline": the end of the stream gives what is left, a line over the
 * limit is a `ValueError`) or a `for await` step ("next": readline's line
 * as an iterator result). One generator a line, where readline over
 * readuntil under `for await` nested three; each body has its own name,
 * for call graphs.
 */
function read_until_body(name: string, mode: UntilMode) {
  return _named(
    name,
    function* (this: StreamReader, separator: Uint8Array): Generator<unknown, unknown, unknown> {
      let chunk: Uint8Array;
      try {
        if (this._exception !== null) throw this._exception;
        const seplen = separator.length;
        const buffer = this._buffer;
        // Bytes from the front known not to start the separator.
        let offset = 0;
        let isep: number;
        for (;;) {
          const buflen = buffer.length;
          if (buflen - offset >= seplen) {
            isep = buffer.find(separator, offset);
            if (isep !== -1) break;
            offset = buflen + 1 - seplen;
            if (offset > this._limit) {
              throw new LimitOverrunError(
                "Separator is not found, and chunk exceed the limit",
                offset,
              );
            }
          }
          // At EOF the last chunk may still have completed the separator,
          // hence the search first.
          if (this._eof) throw new IncompleteReadError(buffer.take(buflen), null);
          yield* this._wait_for_data("readuntil");
        }
        if (isep > this._limit) {
          throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
        }
        chunk = buffer.take(isep + seplen);
        this._maybe_resume_transport();
      } catch (error) {
        if (mode === "readuntil") throw error;
        chunk = line_despite(this, error, separator);
      }
      if (mode !== "next") return chunk;
      return chunk.length === 0 ? END_OF_LINES : { done: false, value: chunk };
    },
  );
}

/**
 * What `readline()` makes of an error of its readuntil: what was left at
 * the end of the stream; past the limit, the line is dropped if complete
 * (else the whole buffer) and a `ValueError` thrown; any other error as is.
 */
function line_despite(reader: StreamReader, error: unknown, separator: Uint8Array): Uint8Array {
  if (error instanceof IncompleteReadError) return error.partial;
  if (!(error instanceof LimitOverrunError)) throw error;
  if (reader._buffer.starts_with(separator, error.consumed)) {
    reader._buffer.drop(error.consumed + separator.length);
  } else {
    reader._buffer.clear();
  }
  reader._maybe_resume_transport();
  throw new ValueError(error.message);
}

const stream_readuntil = read_until_body("StreamReader.readuntil", "readuntil");
const stream_readline = read_until_body("StreamReader.readline", "readline");
const stream_next_line = read_until_body("StreamReader.__anext__", "next");

const stream_readexactly = _named(
  "StreamReader.readexactly",
  function* (this: StreamReader, n: number): Generator<unknown, Uint8Array, unknown> {
    if (this._exception !== null) throw this._exception;
    while (this._buffer.length < n) {
      if (this._eof) throw new IncompleteReadError(this._buffer.take(this._buffer.length), n);
      yield* this._wait_for_data("readexactly");
    }
    const data = this._buffer.take(n);
    this._maybe_resume_transport();
    return data;
  },
);

/**
 * The reading end of a stream connection, as asyncio's: bytes the
 * transport delivers wait in a buffer until `read()`, `readline()`,
 * `readuntil()` or `readexactly()` takes them; `for await` gives the lines.
 * Only one coroutine may wait for data at a time. Past twice its `limit`
 * of buffered bytes the reader pauses the transport, and resumes it once
 * read down to the limit.
 *
 * `open_connection()` and `start_server()` make the readers; one made by
 * hand can be fed with `feed_data()` and `feed_eof()`.
 *
 * @example Reading lines that were fed by hand
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { StreamReader } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const reader = new StreamReader();
 *   reader.feed_data(new TextEncoder().encode("one\ntwo\nthree"));
 *   reader.feed_eof();
 *   for await (const line of reader) console.log(new TextDecoder().decode(line).trim());
 *   console.log(reader.at_eof()); // true
 * })());
 * ```
 */
export class StreamReader {
  /** @ignore */
  readonly _limit: number;
  /** @ignore */
  readonly _loop: EventLoop;
  /** @ignore */
  readonly _buffer: ByteBuffer = new ByteBuffer();
  /** @ignore */
  _eof = false;
  /** @ignore */
  _waiter: Future<void> | null = null;
  /** @ignore */
  _exception: unknown = null;
  /** @ignore */
  _transport: ReadTransport | null = null;
  /** @ignore */
  _paused = false;

  /**
   * Makes an empty reader.
   *
   * @param limit The longest line (or chunk up to a separator) it returns,
   * and half the buffer size past which it pauses the transport.
   * @throws {TypeError} When `limit` is not a number.
   * @throws {ValueError} When `limit` is not positive.
   */
  constructor(limit: number = DEFAULT_LIMIT, options?: StreamReaderOptions) {
    if (typeof limit !== "number" || Number.isNaN(limit)) {
      throw new TypeError(`StreamReader(): limit must be a number, got ${repr(limit)}`);
    }
    if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
    this._limit = limit;
    this._loop = options?.loop ?? _get_event_loop();
  }

  /** The error the connection ended with, or `null`. */
  exception(): unknown {
    return this._exception;
  }

  /** Ends the stream with `error`: a waiting read, and every later one, throws it. */
  set_exception(error: unknown): void {
    this._exception = error;
    const waiter = this._waiter;
    if (waiter !== null) {
      this._waiter = null;
      if (!waiter.cancelled()) waiter.set_exception(error);
    }
  }

  /**
   * Gives the reader the transport it pauses and resumes.
   *
   * @throws {RuntimeError} When it has one already.
   */
  set_transport(transport: ReadTransport): void {
    if (this._transport !== null) throw new RuntimeError("Transport already set");
    this._transport = transport;
  }

  /** Marks the end of the stream: reads return what is left, then nothing. */
  feed_eof(): void {
    this._eof = true;
    this._wakeup_waiter();
  }

  /** Whether the stream ended and every byte was read. */
  at_eof(): boolean {
    return this._eof && this._buffer.length === 0;
  }

  /**
   * Adds bytes to the buffer and wakes a waiting read.
   *
   * @throws {TypeError} When `data` is not a `Uint8Array`.
   * @throws {RuntimeError} After `feed_eof()`.
   */
  feed_data(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`feed_data(): data must be a Uint8Array, got ${repr(data)}`);
    }
    if (this._eof) throw new RuntimeError("feed_data after feed_eof");
    if (data.length === 0) return;
    this._buffer.push(data);
    this._wakeup_waiter();
    if (this._transport !== null && !this._paused && this._buffer.length > 2 * this._limit) {
      this._transport.pause_reading();
      this._paused = true;
    }
  }

  /**
   * Reads up to `n` bytes: as soon as there is at least one, or at the end
   * of the stream (an empty array). With `n` < 0 (the default), reads
   * until the end of the stream.
   *
   * @returns A coroutine of the bytes read.
   * @throws {TypeError} When `n` is not an integer.
   */
  read(n: number = -1): Coroutine<Uint8Array> {
    check_integer(n, "read(): n");
    return new Coroutine(stream_read, this, [n]);
  }

  /**
   * Reads one line, up to and including `\n`; at the end of the stream,
   * what is left (without `\n`), then an empty array.
   *
   * @returns A coroutine of the line; it throws `ValueError` when the line
   * is longer than the limit (the line, if complete, is dropped).
   */
  readline(): Coroutine<Uint8Array> {
    return new Coroutine(stream_readline, this, NEWLINE_ARGS) as Coroutine<Uint8Array>;
  }

  /**
   * Reads up to and including `separator`.
   *
   * @param separator One byte or more; `\n` by default.
   * @returns A coroutine of the bytes read; it throws `IncompleteReadError`
   * (with what was left) when the stream ends first, and
   * `LimitOverrunError` when the limit is reached first (the bytes stay in
   * the buffer).
   * @throws {TypeError} When `separator` is not a `Uint8Array`.
   * @throws {ValueError} When `separator` is empty.
   */
  readuntil(separator: Uint8Array = NEWLINE): Coroutine<Uint8Array> {
    if (!(separator instanceof Uint8Array)) {
      throw new TypeError(`readuntil(): separator must be a Uint8Array, got ${repr(separator)}`);
    }
    if (separator.length === 0) {
      throw new ValueError("Separator should be at least one-byte string");
    }
    return new Coroutine(stream_readuntil, this, [separator]) as Coroutine<Uint8Array>;
  }

  /**
   * Reads exactly `n` bytes.
   *
   * @returns A coroutine of the bytes; it throws `IncompleteReadError`
   * (with what was read) when the stream ends first.
   * @throws {TypeError} When `n` is not an integer.
   * @throws {ValueError} When `n` is negative.
   */
  readexactly(n: number): Coroutine<Uint8Array> {
    check_integer(n, "readexactly(): n");
    if (n < 0) throw new ValueError("readexactly size can not be less than zero");
    return new Coroutine(stream_readexactly, this, [n]);
  }

  /** `for await (const line of reader)`: the lines, until the end of the stream. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array, undefined> {
    return {
      // A library coroutine, so that `for await` in a task keeps the loop's order.
      next: () =>
        new Coroutine(stream_next_line, this, NEWLINE_ARGS) as unknown as Promise<
          IteratorResult<Uint8Array, undefined>
        >,
    };
  }

  /** Describes the reader: `<StreamReader 12 bytes eof>`. */
  toString(): string {
    const info = ["StreamReader"];
    if (this._buffer.length > 0) info.push(`${this._buffer.length} bytes`);
    if (this._eof) info.push("eof");
    if (this._limit !== DEFAULT_LIMIT) info.push(`limit=${this._limit}`);
    if (this._waiter !== null) info.push(`waiter=${this._waiter}`);
    if (this._exception !== null) info.push(`exception=${repr(this._exception)}`);
    if (this._transport !== null) info.push(`transport=${this._transport}`);
    if (this._paused) info.push("paused");
    return `<${info.join(" ")}>`;
  }

  /**
   * Waits until data arrives or the stream ends, resuming a paused
   * transport (waiting while paused would never end).
   *
   * @ignore
   */
  *_wait_for_data(func_name: string): Generator<unknown, void, unknown> {
    if (this._waiter !== null) {
      throw new RuntimeError(
        `${func_name}() called while another coroutine is already waiting for incoming data`,
      );
    }
    if (this._paused) {
      this._paused = false;
      this._transport?.resume_reading();
    }
    const waiter = this._loop.create_future<void>();
    this._waiter = waiter;
    try {
      yield waiter;
    } finally {
      this._waiter = null;
    }
  }

  /** @ignore */
  _wakeup_waiter(): void {
    const waiter = this._waiter;
    if (waiter !== null) {
      this._waiter = null;
      if (!waiter.cancelled()) waiter.set_result();
    }
  }

  /** @ignore */
  _maybe_resume_transport(): void {
    if (this._paused && this._buffer.length <= this._limit) {
      this._paused = false;
      this._transport?.resume_reading();
    }
  }
}

// ---------------------------------------------------------------------------
// StreamReaderProtocol

/** A callback for each connection a stream server accepts. */
export type ClientConnectedCallback = (
  reader: StreamReader,
  writer: StreamWriter,
) => unknown;

const drain_helper = _named(
  "FlowControlMixin._drain_helper",
  function* (this: FlowControlMixin): Generator<unknown, void, unknown> {
    if (this._connection_lost) throw new ConnectionResetError("Connection lost");
    if (!this._paused) return;
    const waiter = this._loop.create_future<void>();
    const waiters = this._drain_waiters ??= new Deque();
    waiters.push(waiter);
    try {
      yield waiter;
    } finally {
      waiters.remove(waiter);
    }
  },
);

/**
 * The flow control `StreamWriter.drain()` waits on, as asyncio's
 * `FlowControlMixin`: the transport calls `pause_writing()` when its
 * buffer is full and `resume_writing()` when it has emptied enough, and
 * drains wait in between. Protocols that give a `StreamWriter` extend it.
 *
 * @example A protocol that only counts what arrives
 * ```ts
 * import { type Future, new_event_loop } from "@aiots/asyncio";
 * import { FlowControlMixin, type StreamWriter } from "@aiots/asyncio/io";
 * class Counting extends FlowControlMixin {
 *   received = 0;
 *   data_received(data: Uint8Array): void {
 *     this.received += data.length;
 *   }
 *   _get_close_waiter(_writer: StreamWriter): Future<void> {
 *     return this._loop.create_future();
 *   }
 * }
 * const loop = new_event_loop();
 * const protocol = new Counting(loop);
 * protocol.data_received(new Uint8Array(3));
 * console.log(protocol.received); // 3
 * loop.close();
 * ```
 */
export abstract class FlowControlMixin {
  /** @ignore */
  readonly _loop: EventLoop;
  /** @ignore */
  _paused = false;
  /** @ignore */
  _connection_lost = false;
  /**
   * Made by the first drain that waits: most connections never fill their
   * write buffer.
   *
   * @ignore
   */
  _drain_waiters: Deque<Future<void>> | null = null;

  /** Makes the flow control of a protocol on `loop` (the running loop, else `get_event_loop()`). */
  constructor(loop?: EventLoop) {
    this._loop = loop ?? _get_event_loop();
  }

  /** The transport's write buffer is full: drains wait. */
  pause_writing(): void {
    this._paused = true;
  }

  /** The transport's write buffer emptied enough: waiting drains return. */
  resume_writing(): void {
    this._paused = false;
    for (const waiter of this._drain_waiters ?? []) {
      if (!waiter.done()) waiter.set_result();
    }
  }

  /** The connection is gone: drains from now on raise; waiting ones wake. */
  connection_lost(error: Error | null): void {
    this._connection_lost = true;
    if (!this._paused) return;
    for (const waiter of this._drain_waiters ?? []) {
      if (waiter.done()) continue;
      if (error === null) waiter.set_result();
      else waiter.set_exception(error);
    }
  }

  /**
   * What `StreamWriter.drain()` waits for.
   *
   * @ignore
   */
  _drain_helper(): Coroutine<void> {
    return new Coroutine(drain_helper, this, _NO_ARGS);
  }

  /** The Future `writer.wait_closed()` waits for. */
  abstract _get_close_waiter(writer: StreamWriter): Future<void>;
}

/** Ends `closed` with `error` (or `null`): what `wait_closed()` gives. */
function settle_closed(closed: Future<void>, error: Error | null): void {
  if (closed.done()) return;
  if (error === null) {
    closed.set_result();
  } else {
    closed.set_exception(error);
    // Waiting for the close is not mandatory: no "never retrieved" report.
    closed._clear_log_traceback();
  }
}

/**
 * Whether `fn` is written as an async function or a generator function: a
 * connection callback written so runs as the body of a task, as a Python
 * coroutine function does.
 */
function is_coroutine_body(fn: unknown): boolean {
  const kind = (fn as { constructor?: { name?: string } }).constructor?.name;
  return kind === "AsyncFunction" || kind === "GeneratorFunction";
}

/**
 * The protocol between a `SocketTransport` and a `StreamReader`, as
 * asyncio's: it feeds the reader, lets `StreamWriter.drain()` wait while
 * the transport's buffer is full, and, for a server, makes the writer and
 * calls the client callback.
 *
 * @example A reader and its protocol, fed by hand
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { StreamReader, StreamReaderProtocol } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const reader = new StreamReader();
 *   const protocol = new StreamReaderProtocol(reader);
 *   protocol.data_received(new TextEncoder().encode("hi"));
 *   protocol.eof_received();
 *   console.log(new TextDecoder().decode(await reader.read())); // hi
 * })());
 * ```
 */
export class StreamReaderProtocol extends FlowControlMixin implements StreamProtocol {
  readonly #closed: Future<void>;
  readonly #reader: StreamReader | null;
  readonly #client_connected_cb: ClientConnectedCallback | null;
  #transport: SocketTransport | null = null;
  #task: Future<unknown> | null = null;

  /**
   * Makes the protocol of `reader`; with `client_connected_cb`, one for a
   * connection a server accepted.
   */
  constructor(
    reader: StreamReader | null,
    client_connected_cb: ClientConnectedCallback | null = null,
    options?: StreamReaderOptions,
  ) {
    super(options?.loop ?? reader?._loop);
    this.#reader = reader;
    this.#client_connected_cb = client_connected_cb;
    this.#closed = this._loop.create_future<void>();
  }

  /** The transport is connected: for a server, the client callback starts. */
  connection_made(transport: SocketTransport): void {
    this.#transport = transport;
    const reader = this.#reader;
    reader?.set_transport(transport);
    const callback = this.#client_connected_cb;
    if (callback === null || reader === null) return;
    const writer = new StreamWriter(transport, this, reader, this._loop);
    const produced = is_coroutine_body(callback)
      ? new Coroutine(callback, undefined, [reader, writer])
      : callback(reader, writer);
    if (iscoroutine(produced)) {
      this.#task = this._loop.create_task(produced);
    } else if (
      isfuture(produced) || typeof (produced as PromiseLike<unknown>)?.then === "function"
    ) {
      this.#task = ensure_future(produced as PromiseLike<unknown>, this._loop);
    } else {
      return;
    }
    this.#task.add_done_callback((task: Future<unknown>) => {
      if (task.cancelled()) return;
      const error = task.exception();
      if (error === null) return;
      this._loop.call_exception_handler({
        message: "Unhandled exception in client_connected_cb",
        exception: error,
        transport,
      });
      transport.close();
    });
  }

  /** The connection is gone: the reader ends, `wait_closed()` returns, drains wake. */
  override connection_lost(error: Error | null): void {
    const reader = this.#reader;
    if (reader !== null) {
      if (error === null) reader.feed_eof();
      else reader.set_exception(error);
    }
    settle_closed(this.#closed, error);
    super.connection_lost(error);
    this.#transport = null;
  }

  /** Bytes arrived: to the reader. */
  data_received(data: Uint8Array): void {
    this.#reader?.feed_data(data);
  }

  /**
   * The peer finished sending: the reader ends; the transport stays open
   * for writing, except over TLS (no half-close there).
   */
  eof_received(): boolean {
    this.#reader?.feed_eof();
    return this.#transport?.get_extra_info("sslcontext") !== true;
  }

  /** The Future `wait_closed()` waits for: the end of the connection. */
  _get_close_waiter(_writer: StreamWriter): Future<void> {
    return this.#closed;
  }

  /** The task running the client callback, for a server connection. @ignore */
  get _task(): Future<unknown> | null {
    return this.#task;
  }

  /** Describes the protocol. */
  override toString(): string {
    return `<StreamReaderProtocol transport=${this.#transport}>`;
  }
}

// ---------------------------------------------------------------------------
// StreamWriter

const writer_drain = _named(
  "StreamWriter.drain",
  function* (this: StreamWriter): Generator<unknown, void, unknown> {
    const error = this._reader?.exception() ?? null;
    if (error !== null) throw error;
    // Closing: give the loop a turn, so that the loss of the connection
    // can be reported before the drain returns.
    if (this.transport.is_closing()) yield null;
    // Run inline: yielding the coroutine would cost the task a frame a drain.
    yield* this._protocol._drain_helper();
  },
);

const writer_wait_closed = _named(
  "StreamWriter.wait_closed",
  function* (this: StreamWriter): Generator<unknown, void, unknown> {
    yield this._protocol._get_close_waiter(this);
  },
);

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
  readonly #transport: WriteTransport;
  readonly #loop: EventLoop;

  /** Wraps `transport`; `open_connection()`, `start_server()` and subprocesses make these. */
  constructor(
    transport: WriteTransport,
    protocol: FlowControlMixin,
    reader: StreamReader | null,
    loop: EventLoop,
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
  get_loop(): EventLoop {
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
    return new Coroutine(writer_wait_closed, this, _NO_ARGS);
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
    return new Coroutine(writer_drain, this, _NO_ARGS);
  }

  /** Describes the writer: `<StreamWriter transport=... reader=...>`. */
  toString(): string {
    const info = ["StreamWriter", `transport=${this.#transport}`];
    if (this._reader !== null) info.push(`reader=${this._reader}`);
    return `<${info.join(" ")}>`;
  }
}

// ---------------------------------------------------------------------------
// Server

/** A listening socket of a `Server`, as asyncio's `TransportSocket`. */
export interface ServerSocket {
  /** The address it listens on: `[host, port]`, or a socket path. */
  getsockname(): SocketAddress;
  /** Describes it: `<TransportSocket laddr=127.0.0.1:8888>`. */
  toString(): string;
}

/** Makes the transport and protocol of an accepted connection. */
type ConnectionFactory = (conn: Deno.Conn, server: Server) => void;

/**
 * How long a listener rests when the system is out of resources, in
 * seconds: CPython's `ACCEPT_RETRY_DELAY`.
 */
const ACCEPT_RETRY_DELAY = 1;

/** Out of descriptors or memory: an accept at once would fail again (CPython's list). */
const OUT_OF_RESOURCES = new Set(["EMFILE", "ENFILE", "ENOBUFS", "ENOMEM"]);

/**
 * The client left before it was accepted: nothing to serve or report.
 * CPython's list, and `ENOTCONN`, which is how Deno reports a client that
 * reset in the backlog (its accept asks for the peer's address).
 */
const CLIENT_GONE = new Set(["EAGAIN", "EWOULDBLOCK", "EINTR", "ECONNABORTED", "ENOTCONN"]);

/** The listening socket `listener`, as asyncio's `TransportSocket`. */
function server_socket(listener: Deno.Listener): ServerSocket {
  return {
    getsockname: () => socket_address(listener.addr),
    toString: () => `<TransportSocket laddr=${format_address(socket_address(listener.addr))}>`,
  };
}

function resume_accepting([server, listener]: readonly [Server, Deno.Listener]): void {
  server._resume_accepting(listener);
}

const server_start_serving = _named(
  "Server.start_serving",
  function* (this: Server): Generator<unknown, void, unknown> {
    this._start_serving();
    yield null; // one loop iteration, as asyncio's
  },
);

const server_serve_forever = _named(
  "Server.serve_forever",
  function* (this: Server): Generator<unknown, void, unknown> {
    if (this._serving_forever_fut !== null) {
      throw new RuntimeError(`server ${this} is already being awaited on serve_forever()`);
    }
    if (this._listeners === null) throw new RuntimeError(`server ${this} is closed`);
    this._start_serving();
    this._serving_forever_fut = this.get_loop().create_future<void>();
    try {
      yield this._serving_forever_fut;
    } catch (error) {
      this.close();
      yield this.wait_closed();
      throw error;
    } finally {
      this._serving_forever_fut = null;
    }
  },
);

const server_wait_closed = _named(
  "Server.wait_closed",
  function* (this: Server): Generator<unknown, void, unknown> {
    if (this._waiters === null) return;
    const waiter = this.get_loop().create_future<void>();
    this._waiters.push(waiter);
    yield waiter;
  },
);

const server_aenter = _named(
  "Server.__aenter__",
  // deno-lint-ignore require-yield
  function* (this: Server): Generator<unknown, Server, unknown> {
    return this;
  },
);

const server_aexit = _named(
  "Server.__aexit__",
  function* (this: Server): Generator<unknown, boolean, unknown> {
    this.close();
    yield this.wait_closed();
    return false;
  },
);

/**
 * A listening server, as asyncio's `Server`: `start_server()` and
 * `start_unix_server()` make it. `close()` stops listening (connections
 * already made go on); `wait_closed()` waits until it is closed and every
 * connection is gone. `serve_forever()` serves until cancelled;
 * `async_with(server, ...)` closes it on the way out.
 *
 * As asyncio's, no client stops it: an accept that fails goes to the
 * loop's exception handler (as an `OSError`) and accepting goes on; out of
 * descriptors or memory (`EMFILE`, `ENFILE`, `ENOBUFS`, `ENOMEM`), that
 * listener first rests one second on the loop's clock. A client that left
 * before it was accepted is skipped quietly.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { start_server } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const server = await start_server(() => {}, "127.0.0.1", 0);
 *   console.log(server.is_serving(), server.sockets.length); // true 1
 *   server.close();
 *   await server.wait_closed();
 *   console.log(server.is_serving()); // false
 * })());
 * ```
 */
export class Server implements ConnectionCounter {
  /** @ignore */
  _listeners: Deno.Listener[] | null;
  /** @ignore */
  _waiters: Future<void>[] | null = [];
  /** @ignore */
  _serving_forever_fut: Future<void> | null = null;
  readonly #loop: EventLoop;
  readonly #factory: ConnectionFactory;
  #active_count = 0;
  #serving = false;
  /** The accept loops running, one per listener that is not resting. */
  readonly #accepting = new Set<Promise<void>>();
  /** The listeners resting after the system ran out of resources, and when they resume. */
  readonly #resting = new Map<Deno.Listener, TimerHandle>();
  readonly #handshakes = new Set<Promise<void>>();
  #accepting_done = false;

  /** Wraps listening sockets; `start_server()` and `start_unix_server()` make these. */
  constructor(loop: EventLoop, listeners: Deno.Listener[], factory: ConnectionFactory) {
    this.#loop = loop;
    this._listeners = listeners;
    this.#factory = factory;
    loop._resources.add(this);
  }

  /** The loop the server belongs to. */
  get_loop(): EventLoop {
    return this.#loop;
  }

  /** Whether it accepts connections. */
  is_serving(): boolean {
    return this.#serving;
  }

  /** The sockets it listens on; none once closed. */
  get sockets(): ServerSocket[] {
    return (this._listeners ?? []).map(server_socket);
  }

  /**
   * Starts accepting connections, if not yet started.
   *
   * @returns A coroutine that returns after one loop iteration.
   */
  start_serving(): Coroutine<void> {
    return new Coroutine(server_start_serving, this, _NO_ARGS);
  }

  /**
   * Accepts connections until cancelled; then closes the server and
   * waits for it.
   *
   * @returns A coroutine that ends only by cancellation.
   * @throws {RuntimeError} (from the coroutine) When another
   * `serve_forever()` is running, or the server is closed.
   */
  serve_forever(): Coroutine<void> {
    return new Coroutine(server_serve_forever, this, _NO_ARGS);
  }

  /** Stops listening; the connections already made go on. */
  close(): void {
    const listeners = this._listeners;
    if (listeners === null) return;
    this._listeners = null;
    for (const listener of listeners) {
      try {
        listener.close();
      } catch {
        // closed already
      }
    }
    this.#serving = false;
    this.#loop._resources.delete(this);
    if (this._serving_forever_fut !== null && !this._serving_forever_fut.done()) {
      this._serving_forever_fut.cancel();
      this._serving_forever_fut = null;
    }
    for (const timer of this.#resting.values()) timer.cancel();
    this.#resting.clear();
    // The pending accepts end with the listeners: wait for them too, so
    // that no operation outlives `wait_closed()`.
    Promise.all([...this.#accepting, ...this.#handshakes]).then(() => {
      this.#accepting_done = true;
      this.#maybe_wakeup();
    });
  }

  /**
   * Waits until the server is closed and every connection it accepted is
   * gone.
   *
   * @returns A coroutine.
   */
  wait_closed(): Coroutine<void> {
    return new Coroutine(server_wait_closed, this, _NO_ARGS);
  }

  /** `async_with(server, ...)`: gives the server. */
  __aenter__(): Coroutine<Server> {
    return new Coroutine(server_aenter, this, _NO_ARGS);
  }

  /** Leaves `async_with(server, ...)`: closes the server and waits for it. */
  __aexit__(_error?: unknown): Coroutine<boolean> {
    return new Coroutine(server_aexit, this, _NO_ARGS);
  }

  /** Describes the server: `<Server sockets=[127.0.0.1:8888]>`. */
  toString(): string {
    const names = this.sockets.map((socket) => format_address(socket.getsockname()));
    return `<Server sockets=[${names.join(", ")}]>`;
  }

  /** @ignore */
  _start_serving(): void {
    if (this.#serving || this._listeners === null) return;
    this.#serving = true;
    for (const listener of this._listeners) this.#start_accepting(listener);
  }

  /** A listener's rest is over. @ignore */
  _resume_accepting(listener: Deno.Listener): void {
    this.#resting.delete(listener);
    if (this._listeners !== null) this.#start_accepting(listener);
  }

  /** A connection was made. @ignore */
  _attach(): void {
    this.#active_count++;
  }

  /** A connection is gone. @ignore */
  _detach(): void {
    this.#active_count--;
    this.#maybe_wakeup();
  }

  /** @ignore */
  _close_with_loop(): void {
    this.close();
  }

  #start_accepting(listener: Deno.Listener): void {
    const accepting: Promise<void> = this.#accept_loop(listener).finally(() =>
      this.#accepting.delete(accepting)
    );
    this.#accepting.add(accepting);
  }

  /** Accepts on `listener` until the server closes, or the listener rests. */
  async #accept_loop(listener: Deno.Listener): Promise<void> {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch (error) {
        // Closing the server closes its listeners: only that ends the loop.
        if (this._listeners === null || this.#accept_failed(listener, error)) return;
        continue;
      }
      if (this._listeners === null || this.#loop.is_closed()) {
        conn.close();
        return;
      }
      if (is_tls(conn)) this.#serve_after_handshake(conn);
      else this.#factory(conn, this);
    }
  }

  /**
   * Deals with an accept that failed, as asyncio's `_accept_connection`: a
   * client that left is skipped; out of resources, the error is reported
   * and the listener rests for `ACCEPT_RETRY_DELAY` on the loop's clock;
   * any other error is reported and accepting goes on.
   *
   * @returns Whether the listener rests.
   */
  #accept_failed(listener: Deno.Listener, error: unknown): boolean {
    const name = errno_name(error);
    if (name !== null && CLIENT_GONE.has(name)) return false;
    const out_of_resources = name !== null && OUT_OF_RESOURCES.has(name);
    this.#loop.call_exception_handler({
      message: out_of_resources
        ? "socket.accept() out of system resource"
        : "socket.accept() failed",
      exception: os_error(error),
      socket: server_socket(listener),
    });
    if (!out_of_resources) return false;
    const loop = this.#loop;
    const retry = loop._call_at1(
      loop.time() + ACCEPT_RETRY_DELAY,
      resume_accepting,
      [
        this,
        listener,
      ] as const,
    );
    this.#resting.set(listener, retry);
    return true;
  }

  /**
   * Serves a TLS connection once its handshake is done, as asyncio's; a
   * failed handshake closes it quietly (a debug message in debug mode).
   */
  #serve_after_handshake(conn: Deno.TlsConn): void {
    const handshake: Promise<void> = conn.handshake().then(
      () => {
        if (this.#loop.is_closed()) conn.close();
        else this.#factory(conn, this);
      },
      (error) => {
        conn.close();
        if (this.#loop.get_debug()) get_logger().debug(`${this}: TLS handshake failed: ${error}`);
      },
    ).finally(() => this.#handshakes.delete(handshake));
    this.#handshakes.add(handshake);
  }

  #maybe_wakeup(): void {
    if (this._listeners !== null || this.#active_count > 0 || !this.#accepting_done) return;
    const waiters = this._waiters;
    this._waiters = null;
    for (const waiter of waiters ?? []) {
      if (!waiter.done()) waiter.set_result();
    }
  }
}

// ---------------------------------------------------------------------------
// Opening connections and servers

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

function check_port(port: unknown, what: string): asserts port is number {
  check_integer(port, what);
  if (port < 0 || port > 65535) throw new RangeError(`${what} must be in 0..65535, got ${port}`);
}

function check_limit(limit: unknown, what: string): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (typeof limit !== "number" || Number.isNaN(limit)) {
    throw new TypeError(`${what}: limit must be a number, got ${repr(limit)}`);
  }
  if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
  return limit;
}

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
 * Waits for `connecting`: its OS error under Python's name; if the task is
 * cancelled meanwhile, the connection that comes later is closed, not leaked.
 */
function* await_connection(connecting: Promise<Deno.Conn>): Generator<unknown, Deno.Conn, unknown> {
  try {
    return (yield connecting) as Deno.Conn;
  } catch (error) {
    connecting.then((late) => late.close(), () => {});
    throw os_error(error);
  }
}

function* open_stream(
  connecting: Promise<Deno.Conn>,
  limit: number,
): Generator<unknown, [StreamReader, StreamWriter], unknown> {
  const loop = get_running_loop();
  const conn = yield* await_connection(connecting);
  const reader = new StreamReader(limit, { loop });
  const protocol = new StreamReaderProtocol(reader, null, { loop });
  const transport = new SocketTransport(loop, conn, protocol, null);
  try {
    yield null; // the transport calls connection_made on this iteration
  } catch (error) {
    transport.close();
    throw error;
  }
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
    const connecting = ssl === false
      ? Deno.connect({ hostname: host, port, transport: "tcp" })
      : after_handshake(
        Deno.connectTls({ hostname: host, port, caCerts: ssl === true ? undefined : ssl.ca_certs }),
      );
    return yield* open_stream(connecting, limit);
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
  const ssl = options?.ssl ?? false;
  const ca_certs = typeof ssl === "object" && ssl !== null ? ssl.ca_certs : undefined;
  if (
    typeof ssl !== "boolean" && (typeof ssl !== "object" || ssl === null ||
      (ca_certs !== undefined &&
        (!Array.isArray(ca_certs) || ca_certs.some((pem) => typeof pem !== "string"))))
  ) {
    throw new TypeError(
      `open_connection(): ssl must be a boolean or { ca_certs: string[] }, got ${repr(ssl)}`,
    );
  }
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
function* serve_streams(
  listeners: Deno.Listener[],
  client_connected_cb: ClientConnectedCallback,
  limit: number,
  start_serving: boolean,
): Generator<unknown, Server, unknown> {
  const loop = get_running_loop();
  const server = new Server(loop, listeners, (conn, owner) => {
    const reader = new StreamReader(limit, { loop });
    const protocol = new StreamReaderProtocol(reader, client_connected_cb, { loop });
    new SocketTransport(loop, conn, protocol, owner);
  });
  if (start_serving) {
    server._start_serving();
    yield null; // one loop iteration, as asyncio's create_server
  }
  return server;
}

const start_server_body = _named(
  "start_server",
  function* (
    client_connected_cb: ClientConnectedCallback,
    hosts: string[],
    port: number,
    options: StartServerOptions,
  ): Generator<unknown, Server, unknown> {
    const listeners: Deno.Listener[] = [];
    const reusePort = options.reuse_port ?? false;
    try {
      for (const hostname of hosts) {
        listeners.push(
          options.ssl === undefined
            ? Deno.listen({ hostname, port, transport: "tcp", reusePort })
            : Deno.listenTls({
              hostname,
              port,
              reusePort,
              cert: options.ssl.cert,
              key: options.ssl.key,
            }),
        );
      }
    } catch (error) {
      for (const listener of listeners) listener.close();
      throw os_error(error);
    }
    return yield* serve_streams(
      listeners,
      client_connected_cb,
      options.limit ?? DEFAULT_LIMIT,
      options.start_serving ?? true,
    );
  },
);

/** Removes the socket file an earlier server left at `path`, as asyncio does. */
function remove_stale_socket(path: string): void {
  try {
    if (Deno.lstatSync(path).isSocket) Deno.removeSync(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

const start_unix_server_body = _named(
  "start_unix_server",
  function* (
    client_connected_cb: ClientConnectedCallback,
    path: string,
    options: StartUnixServerOptions,
  ): Generator<unknown, Server, unknown> {
    let listener: Deno.Listener;
    try {
      remove_stale_socket(path);
      listener = Deno.listen({ path, transport: "unix" });
    } catch (error) {
      throw os_error(error);
    }
    return yield* serve_streams(
      [listener],
      client_connected_cb,
      options.limit ?? DEFAULT_LIMIT,
      options.start_serving ?? true,
    );
  },
);

function check_callback(callback: unknown, what: string): void {
  if (typeof callback !== "function") {
    throw new TypeError(`${what}: client_connected_cb must be a function, got ${repr(callback)}`);
  }
}

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
  check_callback(client_connected_cb, "start_server()");
  const hosts = host === null ? ["0.0.0.0"] : typeof host === "string" ? [host] : host;
  if (!Array.isArray(hosts) || hosts.length === 0 || hosts.some((h) => typeof h !== "string")) {
    throw new TypeError(
      `start_server(): host must be a string, a non-empty array of strings or null, got ${
        repr(host)
      }`,
    );
  }
  check_port(port, "start_server(): port");
  check_option_keys(options, ["limit", "start_serving", "reuse_port", "ssl"], "start_server()");
  check_limit(options?.limit, "start_server()");
  const ssl = options?.ssl;
  if (
    ssl !== undefined &&
    (typeof ssl !== "object" || ssl === null || typeof ssl.cert !== "string" ||
      typeof ssl.key !== "string")
  ) {
    throw new TypeError(
      `start_server(): ssl must be { cert: string, key: string } (PEM), got ${repr(ssl)}`,
    );
  }
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
  check_callback(client_connected_cb, "start_unix_server()");
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

export { type SocketAddress, SocketTransport, type WriteTransport } from "./transports.ts";
