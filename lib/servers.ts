/**
 * `Server`, as asyncio's: listening sockets that accept connections and
 * hand each to a factory of transport and protocol.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { RuntimeError } from "./exceptions.ts";
import type { TimerHandle } from "./handles.ts";
import type { Future } from "./futures.ts";
import { _named, _NO_ARGS } from "./_waiting.ts";
import { get_logger } from "./log.ts";
import { errno_name, os_error } from "./_os_errors.ts";
import {
  type ConnectionCounter,
  format_address,
  is_tls,
  socket_address,
} from "./socket_transport.ts";
import type { AbstractServer, ServerSocket } from "./loop_io.ts";
import type { Transport } from "./transports.ts";

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

/** Closes `conn`, which may be closed already. */
function close_quietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // closed already
  }
}

function resume_accepting([server, listener]: readonly [Server, Deno.Listener]): void {
  server._resume_accepting(listener);
}

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
export class Server implements AbstractServer, ConnectionCounter {
  #listeners: Deno.Listener[] | null;
  #waiters: Future<void>[] | null = [];
  #serving_forever_fut: Future<void> | null = null;
  readonly #loop: AbstractEventLoop;
  readonly #factory: ConnectionFactory;
  #active_count = 0;
  /** The connections it accepted that are not gone yet. */
  readonly #clients = new Set<Transport>();
  #serving = false;
  /** The accept loops running, one per listener that is not resting. */
  readonly #accepting = new Set<Promise<void>>();
  /** The listeners resting after the system ran out of resources, and when they resume. */
  readonly #resting = new Map<Deno.Listener, TimerHandle>();
  readonly #handshakes = new Set<Promise<void>>();
  /** Seconds a TLS handshake may take (asyncio's `ssl_handshake_timeout`). */
  readonly #handshake_timeout: number;
  #accepting_done = false;

  /** Wraps listening sockets; `start_server()` and `start_unix_server()` make these. */
  constructor(
    loop: AbstractEventLoop,
    listeners: Deno.Listener[],
    factory: ConnectionFactory,
    handshake_timeout = 60,
  ) {
    this.#loop = loop;
    this.#listeners = listeners;
    this.#factory = factory;
    this.#handshake_timeout = handshake_timeout;
    loop._resources.add(this);
  }

  /** The loop the server belongs to. */
  get_loop(): AbstractEventLoop {
    return this.#loop;
  }

  /** Whether it accepts connections. */
  is_serving(): boolean {
    return this.#serving;
  }

  /** The sockets it listens on; none once closed. */
  get sockets(): ServerSocket[] {
    return (this.#listeners ?? []).map(server_socket);
  }

  /**
   * Starts accepting connections, if not yet started.
   *
   * @returns A coroutine that returns after one loop iteration.
   */
  start_serving(): Coroutine<void> {
    return new Coroutine(this._start_serving_body, this, _NO_ARGS);
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
    return new Coroutine(this._serve_forever_body, this, _NO_ARGS);
  }

  /** Stops listening; the connections already made go on. */
  close(): void {
    const listeners = this.#listeners;
    if (listeners === null) return;
    this.#listeners = null;
    for (const listener of listeners) {
      try {
        listener.close();
      } catch {
        // closed already
      }
    }
    this.#serving = false;
    this.#loop._resources.delete(this);
    if (this.#serving_forever_fut !== null && !this.#serving_forever_fut.done()) {
      this.#serving_forever_fut.cancel();
      this.#serving_forever_fut = null;
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
   * Closes every connection it accepted, each once its buffer is sent (as
   * asyncio 3.13's).
   */
  close_clients(): void {
    for (const transport of [...this.#clients]) transport.close();
  }

  /** Closes every connection it accepted at once, dropping their buffers (as asyncio 3.13's). */
  abort_clients(): void {
    for (const transport of [...this.#clients]) transport.abort();
  }

  /**
   * Waits until the server is closed and every connection it accepted is
   * gone.
   *
   * @returns A coroutine.
   */
  wait_closed(): Coroutine<void> {
    return new Coroutine(this._wait_closed_body, this, _NO_ARGS);
  }

  /** `async_with(server, ...)`: gives the server. */
  __aenter__(): Coroutine<Server> {
    return new Coroutine(this._aenter_body, this, _NO_ARGS);
  }

  /** Leaves `async_with(server, ...)`: closes the server and waits for it. */
  __aexit__(_error?: unknown): Coroutine<boolean> {
    return new Coroutine(this._aexit_body, this, _NO_ARGS);
  }

  /** `start_serving()`'s body. */
  private *_start_serving_body(): Generator<unknown, void, unknown> {
    this._start_serving();
    yield null; // one loop iteration, as asyncio's
  }

  /** `serve_forever()`'s body. */
  private *_serve_forever_body(): Generator<unknown, void, unknown> {
    if (this.#serving_forever_fut !== null) {
      throw new RuntimeError(`server ${this} is already being awaited on serve_forever()`);
    }
    if (this.#listeners === null) throw new RuntimeError(`server ${this} is closed`);
    this._start_serving();
    this.#serving_forever_fut = this.get_loop().create_future<void>();
    try {
      yield this.#serving_forever_fut;
    } catch (error) {
      this.close();
      yield this.wait_closed();
      throw error;
    } finally {
      this.#serving_forever_fut = null;
    }
  }

  /** `wait_closed()`'s body. */
  private *_wait_closed_body(): Generator<unknown, void, unknown> {
    if (this.#waiters === null) return;
    const waiter = this.get_loop().create_future<void>();
    this.#waiters.push(waiter);
    yield waiter;
  }

  /** `__aenter__()`'s body. */
  // deno-lint-ignore require-yield
  private *_aenter_body(): Generator<unknown, Server, unknown> {
    return this;
  }

  /** `__aexit__()`'s body. */
  private *_aexit_body(): Generator<unknown, boolean, unknown> {
    this.close();
    yield this.wait_closed();
    return false;
  }

  /** Describes the server: `<Server sockets=[127.0.0.1:8888]>`. */
  toString(): string {
    const names = this.sockets.map((socket) => format_address(socket.getsockname()));
    return `<Server sockets=[${names.join(", ")}]>`;
  }

  /** @ignore */
  _start_serving(): void {
    if (this.#serving || this.#listeners === null) return;
    this.#serving = true;
    for (const listener of this.#listeners) this.#start_accepting(listener);
  }

  /** A listener's rest is over. @ignore */
  _resume_accepting(listener: Deno.Listener): void {
    this.#resting.delete(listener);
    if (this.#listeners !== null) this.#start_accepting(listener);
  }

  /** A connection was made. @ignore */
  _attach(transport: Transport): void {
    this.#active_count++;
    this.#clients.add(transport);
  }

  /** A connection is gone. @ignore */
  _detach(transport: Transport): void {
    this.#active_count--;
    this.#clients.delete(transport);
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
        if (this.#listeners === null || this.#accept_failed(listener, error)) return;
        continue;
      }
      if (this.#listeners === null || this.#loop.is_closed()) {
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
   * failed handshake, or one that takes longer than the timeout, closes it
   * quietly (a debug message in debug mode).
   */
  #serve_after_handshake(conn: Deno.TlsConn): void {
    const loop = this.#loop;
    let timer: TimerHandle | null = null;
    let settled = false;
    // The accept loop runs outside the loop: the timer is set from a loop callback.
    loop._call_soon(() => {
      if (!settled) timer = loop.call_later(this.#handshake_timeout, () => close_quietly(conn));
    }, null);
    const handshake: Promise<void> = conn.handshake().finally(() => {
      settled = true;
      timer?.cancel();
    }).then(
      () => {
        if (this.#loop.is_closed()) conn.close();
        else this.#factory(conn, this);
      },
      (error) => {
        close_quietly(conn);
        if (this.#loop.get_debug()) get_logger().debug(`${this}: TLS handshake failed: ${error}`);
      },
    ).finally(() => this.#handshakes.delete(handshake));
    this.#handshakes.add(handshake);
  }

  #maybe_wakeup(): void {
    if (this.#listeners !== null || this.#active_count > 0 || !this.#accepting_done) return;
    const waiters = this.#waiters;
    this.#waiters = null;
    for (const waiter of waiters ?? []) {
      if (!waiter.done()) waiter.set_result();
    }
  }

  // What its coroutines report as `__name__`.
  static {
    _named("Server.start_serving", this.prototype._start_serving_body);
    _named("Server.serve_forever", this.prototype._serve_forever_body);
    _named("Server.wait_closed", this.prototype._wait_closed_body);
    _named("Server.__aenter__", this.prototype._aenter_body);
    _named("Server.__aexit__", this.prototype._aexit_body);
  }
}
