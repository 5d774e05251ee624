/**
 * `StreamReader`, as asyncio's: the reading end of a stream connection,
 * a buffer that reads take from, pausing its transport past twice its limit.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { IncompleteReadError, LimitOverrunError, RuntimeError, ValueError } from "./exceptions.ts";
import type { Future } from "./futures.ts";
import { _get_event_loop } from "./_running.ts";
import { _named } from "./_waiting.ts";
import { ByteBuffer } from "./_byte_buffer.ts";
import { repr } from "./_repr.ts";
import { check_integer, DEFAULT_LIMIT } from "./_stream_checks.ts";
import type { ReadTransport } from "./transports.ts";

const NEWLINE = new Uint8Array([0x0a]);

/**
 * What a read up to a separator returns: `readuntil()`'s chunk,
 * `readline()`'s line, or the step of `for await`.
 */
type UntilMode = "readuntil" | "readline" | "next";

/** The arguments of every readline and `for await` step: one array, not one a line. */
const NEWLINE_ARGS: unknown[] = Object.freeze([NEWLINE]) as unknown as unknown[];

const END_OF_LINES: IteratorResult<Uint8Array, undefined> = Object.freeze({
  done: true,
  value: undefined,
});

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

/** Options of the `StreamReader` constructor. */
export interface StreamReaderOptions {
  /** The loop whose Futures the reader makes: the running loop, else `get_event_loop()`. */
  loop?: AbstractEventLoop;
}

/**
 * What `for await` steps through: a class, not an object with a closure,
 * as each connection waiting in its `for await` holds one (a third of the
 * size).
 */
class Lines implements AsyncIterator<Uint8Array, undefined> {
  readonly #reader: StreamReader;

  constructor(reader: StreamReader) {
    this.#reader = reader;
  }

  next(): Promise<IteratorResult<Uint8Array, undefined>> {
    return this.#reader._anext();
  }
}

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
  readonly _loop: AbstractEventLoop;
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
    return new Coroutine(this._read_body, this, [n]);
  }

  /**
   * Reads one line, up to and including `\n`; at the end of the stream,
   * what is left (without `\n`), then an empty array.
   *
   * @returns A coroutine of the line; it throws `ValueError` when the line
   * is longer than the limit (the line, if complete, is dropped).
   */
  readline(): Coroutine<Uint8Array> {
    return new Coroutine(this._readline_body, this, NEWLINE_ARGS) as Coroutine<Uint8Array>;
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
    return new Coroutine(this._readuntil_body, this, [separator]) as Coroutine<
      Uint8Array
    >;
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
    return new Coroutine(this._readexactly_body, this, [n]);
  }

  /** `read()`'s body. */
  private *_read_body(n: number): Generator<unknown, Uint8Array, unknown> {
    if (this._exception !== null) throw this._exception;
    if (n === 0) return new Uint8Array(0);
    if (n < 0) {
      // Block by block up to the limit, so that reading everything never
      // keeps the transport paused (a deadlock past 2 × limit bytes).
      const blocks: Uint8Array[] = [];
      for (;;) {
        const block: Uint8Array = yield* this._read_body(this._limit);
        if (block.length === 0) break;
        blocks.push(block);
      }
      return concat(blocks);
    }
    if (this._buffer.length === 0 && !this._eof) {
      const waiter = this._data_waiter("read");
      try {
        yield waiter;
      } finally {
        this._waiter = null;
      }
    }
    const data = this._buffer.take(n);
    this._maybe_resume_transport();
    return data;
  }

  /** `readuntil()`'s body. */
  private _readuntil_body(separator: Uint8Array): Generator<unknown, unknown, unknown> {
    return this._read_until_body(separator, "readuntil");
  }

  /** `readline()`'s body. */
  private _readline_body(separator: Uint8Array): Generator<unknown, unknown, unknown> {
    return this._read_until_body(separator, "readline");
  }

  /** A `for await` step's body. */
  private _next_line_body(separator: Uint8Array): Generator<unknown, unknown, unknown> {
    return this._read_until_body(separator, "next");
  }

  /**
   * The body of `readuntil()` (`mode` "readuntil"), `readline()`
   * ("readline": the end of the stream gives what is left, a line over the
   * limit is a `ValueError`) and a `for await` step ("next": readline's
   * line as an iterator result): one generator a line, where readline over
   * readuntil under `for await` nested three.
   */
  private *_read_until_body(
    separator: Uint8Array,
    mode: UntilMode,
  ): Generator<unknown, unknown, unknown> {
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
        const waiter = this._data_waiter("readuntil");
        try {
          yield waiter;
        } finally {
          this._waiter = null;
        }
      }
      if (isep > this._limit) {
        throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
      }
      chunk = buffer.take(isep + seplen);
      this._maybe_resume_transport();
    } catch (error) {
      if (mode === "readuntil") throw error;
      chunk = this._line_despite(error, separator);
    }
    if (mode !== "next") return chunk;
    return chunk.length === 0 ? END_OF_LINES : { done: false, value: chunk };
  }

  /**
   * What `readline()` makes of an error of its readuntil: what was left at
   * the end of the stream; past the limit, the line is dropped if complete
   * (else the whole buffer) and a `ValueError` thrown; any other error as is.
   */
  _line_despite(error: unknown, separator: Uint8Array): Uint8Array {
    if (error instanceof IncompleteReadError) return error.partial;
    if (!(error instanceof LimitOverrunError)) throw error;
    if (this._buffer.starts_with(separator, error.consumed)) {
      this._buffer.drop(error.consumed + separator.length);
    } else {
      this._buffer.clear();
    }
    this._maybe_resume_transport();
    throw new ValueError(error.message);
  }

  /** `readexactly()`'s body. */
  private *_readexactly_body(n: number): Generator<unknown, Uint8Array, unknown> {
    if (this._exception !== null) throw this._exception;
    while (this._buffer.length < n) {
      if (this._eof) throw new IncompleteReadError(this._buffer.take(this._buffer.length), n);
      const waiter = this._data_waiter("readexactly");
      try {
        yield waiter;
      } finally {
        this._waiter = null;
      }
    }
    const data = this._buffer.take(n);
    this._maybe_resume_transport();
    return data;
  }

  /** `for await (const line of reader)`: the lines, until the end of the stream. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array, undefined> {
    return new Lines(this);
  }

  /**
   * A `for await` step: a library coroutine, so that `for await` in a
   * task keeps the loop's order.
   *
   * @ignore
   */
  _anext(): Promise<IteratorResult<Uint8Array, undefined>> {
    return new Coroutine(this._next_line_body, this, NEWLINE_ARGS) as unknown as Promise<
      IteratorResult<Uint8Array, undefined>
    >;
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
   * The Future to wait on until data arrives or the stream ends (the
   * caller yields it, then clears `_waiter`), resuming a paused transport
   * (waiting while paused would never end). Not a generator of its own:
   * a reader waiting in `readline()` would hold one more frame.
   *
   * @ignore
   */
  _data_waiter(func_name: string): Future<void> {
    if (this._waiter !== null) {
      throw new RuntimeError(
        `${func_name}() called while another coroutine is already waiting for incoming data`,
      );
    }
    if (this._paused) {
      this._paused = false;
      this._transport?.resume_reading();
    }
    return this._waiter = this._loop.create_future<void>();
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

  // What its coroutines report as `__name__`.
  static {
    _named("StreamReader.read", this.prototype._read_body);
    _named("StreamReader.readuntil", this.prototype._readuntil_body);
    _named("StreamReader.readline", this.prototype._readline_body);
    _named("StreamReader.__anext__", this.prototype._next_line_body);
    _named("StreamReader.readexactly", this.prototype._readexactly_body);
  }
}
