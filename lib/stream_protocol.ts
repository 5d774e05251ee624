/**
 * The protocol between a stream connection's transport and its reader and
 * writer, as asyncio's `StreamReaderProtocol`, with the flow control that
 * `StreamWriter.drain()` waits on (`FlowControlMixin`).
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine, iscoroutine } from "./coroutines.ts";
import { ConnectionResetError } from "./exceptions.ts";
import { type Future, isfuture } from "./futures.ts";
import { _named, _NO_ARGS } from "./_waiting.ts";
import { _get_event_loop } from "./_running.ts";
import { ensure_future } from "./tasks.ts";
import { Deque } from "./_deque.ts";
import type { StreamProtocol } from "./socket_transport.ts";
import type { Transport } from "./transports.ts";
import type { StreamReader, StreamReaderOptions } from "./stream_reader.ts";
import { StreamWriter } from "./stream_writer.ts";

/** A callback for each connection a stream server accepts. */
export type ClientConnectedCallback = (
  reader: StreamReader,
  writer: StreamWriter,
) => unknown;

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
  readonly _loop: AbstractEventLoop;
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
  constructor(loop?: AbstractEventLoop) {
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
    return new Coroutine(this._drain_helper_body, this, _NO_ARGS);
  }

  /** `_drain_helper()`'s body. */
  private *_drain_helper_body(): Generator<unknown, void, unknown> {
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
  }

  /** The Future `writer.wait_closed()` waits for. */
  abstract _get_close_waiter(writer: StreamWriter): Future<void>;

  // What its coroutines report as `__name__`.
  static {
    _named("FlowControlMixin._drain_helper", this.prototype._drain_helper_body);
  }
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
  /** What `wait_closed()` waits for: made when asked for, as most connections never are. */
  #closed: Future<void> | null = null;
  /** How the connection ended: `undefined` while it is open. */
  #ended: Error | null | undefined = undefined;
  readonly #reader: StreamReader | null;
  readonly #client_connected_cb: ClientConnectedCallback | null;
  #transport: Transport | null = null;
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
  }

  /** The transport is connected: for a server, the client callback starts. */
  connection_made(transport: Transport): void {
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
    this.#ended = error;
    if (this.#closed !== null) settle_closed(this.#closed, error);
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

  /** Whether it serves a connection a server accepted (the server's side of a TLS upgrade). @ignore */
  get _server_side(): boolean {
    return this.#client_connected_cb !== null;
  }

  /** `StreamWriter.start_tls()` upgraded the connection: `transport` carries it now. @ignore */
  _replace_transport(transport: Transport): void {
    this.#transport = transport;
    if (this.#reader !== null) this.#reader._transport = transport;
  }

  /** The Future `wait_closed()` waits for: the end of the connection. */
  _get_close_waiter(_writer: StreamWriter): Future<void> {
    if (this.#closed === null) {
      this.#closed = this._loop.create_future<void>();
      if (this.#ended !== undefined) settle_closed(this.#closed, this.#ended);
    }
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
