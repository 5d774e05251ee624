/**
 * What an event loop offers, as asyncio's `events.AbstractEventLoop`: the
 * type the modules below the loop (futures, tasks, handles, locks, the I/O
 * modules, ...) name a loop by. `base_events.ts`'s `EventLoop` implements
 * it and imports them, so they never import it: their imports run one way.
 *
 * Only types live here; the module has no run-time imports.
 *
 * @module
 */

import type { ClockKind } from "./clocks.ts";
import type { CallbackOptions } from "./contextvars.ts";
import type { DebugTasks } from "./_debug.ts";
import type { ExceptionContext, Handle, Runnable, TimerHandle } from "./handles.ts";
import type { Future } from "./futures.ts";
import type { Awaitable, Coroutine, CoroutineLike } from "./coroutines.ts";
import type { Task, TaskOptions } from "./tasks.ts";
import type { Executor, ExecutorFunction } from "./executors.ts";
import type {
  AbstractServer,
  CreateConnectionOptions,
  CreateServerOptions,
  CreateUnixServerOptions,
  DatagramEndpointOptions,
  StartTlsOptions,
  SubprocessTransportOptions,
  TlsContext,
} from "./loop_io.ts";
import type { BaseProtocol, DatagramProtocol, SubprocessProtocol } from "./protocols.ts";
import type {
  BaseTransport,
  DatagramTransport,
  SubprocessTransport,
  Transport,
} from "./transports.ts";

// deno-lint-ignore no-explicit-any
type AnyCallback = (...args: any[]) => unknown;

/**
 * The callbacks a loop is given and calls with itself first. They are
 * declared as methods: TypeScript compares a method's parameters both
 * ways, so that `EventLoop`'s own (an `ExceptionHandler` or `TaskFactory`,
 * which take an `EventLoop`) fit where these are asked for.
 *
 * @ignore
 */
interface LoopCallbacks {
  /** An exception handler: `handler(loop, context)`. */
  exception_handler(loop: AbstractEventLoop, context: ExceptionContext): void;
  /** A task factory: makes the Task for `loop.create_task(coro, options)`. */
  task_factory<T>(
    loop: AbstractEventLoop,
    coro: CoroutineLike<T>,
    options?: TaskOptions,
  ): Future<T>;
}

/**
 * An event loop, as asyncio's `AbstractEventLoop`: what `EventLoop` offers,
 * and the type `Future.get_loop()`, `Task.get_loop()` and the `loop`
 * options of the library's classes and functions name. `get_running_loop()`
 * and `new_event_loop()` return the `EventLoop` class itself.
 *
 * @example A function that takes any loop
 * ```ts
 * import { type AbstractEventLoop, new_event_loop } from "@aiots/asyncio";
 *
 * function stop_after(loop: AbstractEventLoop, seconds: number): void {
 *   loop.call_later(seconds, () => {
 *     console.log(`stopping at ${loop.time()}`);
 *     loop.stop();
 *   });
 * }
 *
 * const loop = new_event_loop({ clock: "virtual" });
 * stop_after(loop, 5);
 * await loop.run_forever(); // prints "stopping at 5"
 * loop.close();
 * ```
 */
export interface AbstractEventLoop {
  /** How long a callback may run before debug mode reports it, in seconds. */
  slow_callback_duration: number;

  /** The loop's clock kind: `"real"`, `"virtual"` or `"manual"`. */
  readonly clock: ClockKind;

  /** The loop's time in seconds: monotonic, or virtual starting at 0. */
  time(): number;

  /** Schedules `callback(...args)` for the next iteration, in the trailing `{ context }`. */
  call_soon<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): Handle;
  /** Schedules `callback(...args)` for the next iteration, in a copy of the current Context. */
  call_soon<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: A
  ): Handle;

  /** `call_soon` for JavaScript the loop did not start, in the trailing `{ context }`. */
  call_soon_threadsafe<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): Handle;
  /** `call_soon` for JavaScript the loop did not start, in a copy of the current Context. */
  call_soon_threadsafe<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: A
  ): Handle;

  /** Schedules `callback(...args)` `delay` seconds from now, in the trailing `{ context }`. */
  call_later<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): TimerHandle;
  /** Schedules `callback(...args)` `delay` seconds from now, in a copy of the current Context. */
  call_later<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;

  /** Schedules `callback(...args)` at loop time `when`, in the trailing `{ context }`. */
  call_at<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): TimerHandle;
  /** Schedules `callback(...args)` at loop time `when`, in a copy of the current Context. */
  call_at<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;

  /** Runs `func(...args)` in `executor` (`null`: the default one); a Future of its result. */
  run_in_executor<A extends unknown[], R>(
    executor: Executor | null,
    func: ExecutorFunction<A, R>,
    ...args: A
  ): Future<R>;

  /** Sets the executor `run_in_executor(null, ...)` uses. */
  set_default_executor(executor: Executor): void;

  /** Shuts the default executor down and waits (at most `timeout` seconds) for its calls. */
  shutdown_default_executor(timeout?: number | null): Promise<void>;

  /** Calls `callback(...args)` on the loop each time the process receives `sig`. */
  add_signal_handler<A extends unknown[]>(
    sig: string | number,
    callback: (...args: A) => unknown,
    ...args: A
  ): void;

  /** Stops handling `sig`; whether it had a handler. */
  remove_signal_handler(sig: string | number): boolean;

  /** Connects to `host`:`port` over TCP or TLS (needs `@aiots/asyncio/io`). */
  create_connection<P extends BaseProtocol>(
    protocol_factory: () => P,
    host: string,
    port: number,
    options?: CreateConnectionOptions,
  ): Coroutine<[Transport, P]>;

  /** Listens on `host`:`port` over TCP or TLS (needs `@aiots/asyncio/io`). */
  create_server(
    protocol_factory: () => BaseProtocol,
    host: string | string[] | null,
    port: number,
    options?: CreateServerOptions,
  ): Coroutine<AbstractServer>;

  /** Connects to the Unix socket at `path` (needs `@aiots/asyncio/io`). */
  create_unix_connection<P extends BaseProtocol>(
    protocol_factory: () => P,
    path: string,
  ): Coroutine<[Transport, P]>;

  /** Listens on the Unix socket at `path` (needs `@aiots/asyncio/io`). */
  create_unix_server(
    protocol_factory: () => BaseProtocol,
    path: string,
    options?: CreateUnixServerOptions,
  ): Coroutine<AbstractServer>;

  /** Serves a connection accepted elsewhere (needs `@aiots/asyncio/io`). */
  connect_accepted_socket<P extends BaseProtocol>(
    protocol_factory: () => P,
    sock: unknown,
  ): Coroutine<[Transport, P]>;

  /** Opens a UDP endpoint (needs `@aiots/asyncio/io`). */
  create_datagram_endpoint<P extends DatagramProtocol>(
    protocol_factory: () => P,
    options?: DatagramEndpointOptions,
  ): Coroutine<[DatagramTransport, P]>;

  /** Upgrades the connection of `transport` to TLS (needs `@aiots/asyncio/io`). */
  start_tls(
    transport: BaseTransport,
    protocol: BaseProtocol,
    sslcontext: TlsContext,
    options?: StartTlsOptions,
  ): Coroutine<Transport>;

  /** Starts `program` with `args` and a trailing options object (needs `@aiots/asyncio/io`). */
  subprocess_exec<P extends SubprocessProtocol>(
    protocol_factory: () => P,
    program: string,
    ...args: [...string[]] | [...string[], SubprocessTransportOptions]
  ): Coroutine<[SubprocessTransport, P]>;

  /** Runs `cmd` through the shell (needs `@aiots/asyncio/io`). */
  subprocess_shell<P extends SubprocessProtocol>(
    protocol_factory: () => P,
    cmd: string,
    options?: SubprocessTransportOptions,
  ): Coroutine<[SubprocessTransport, P]>;

  /** Makes a Future bound to this loop. */
  create_future<T = unknown>(): Future<T>;

  /** Wraps a coroutine in a Task scheduled to start on the next iteration. */
  create_task<T>(coro: CoroutineLike<T>, options?: TaskOptions): Task<T>;

  /** Sets the factory `create_task` calls as `factory(loop, coro, options)`; `null`: the default. */
  set_task_factory(factory: LoopCallbacks["task_factory"] | null): void;

  /** The task factory in use (`<T>(loop, coro, options?) => Future<T>`), or `null`. */
  get_task_factory(): LoopCallbacks["task_factory"] | null;

  /** Runs the loop until `stop()` is called; settles when it has stopped. */
  run_forever(): Promise<void>;

  /** Runs the loop until `future` is done, and returns its result. */
  run_until_complete<T>(future: Awaitable<T>): Promise<T>;

  /** Stops the loop after the callbacks of the current iteration. */
  stop(): void;

  /** Whether the loop is running. */
  is_running(): boolean;

  /** Whether the loop was closed. */
  is_closed(): boolean;

  /** Closes the loop and what runs on it (transports, servers, signal handlers, executor). */
  close(): void;

  /** Turns debug mode on or off. */
  set_debug(enabled: boolean): void;

  /** Whether debug mode is on. */
  get_debug(): boolean;

  /** Sets the exception handler, called as `handler(loop, context)`; `null` restores the default. */
  set_exception_handler(handler: LoopCallbacks["exception_handler"] | null): void;

  /** The exception handler in use (`(loop, context) => void`), or `null` for the default. */
  get_exception_handler(): LoopCallbacks["exception_handler"] | null;

  /** Logs `context` as asyncio does: the message, then the other keys. */
  default_exception_handler(context: ExceptionContext): void;

  /** Passes `context` to the exception handler; errors in it are logged. */
  call_exception_handler(context: ExceptionContext): void;

  /** Describes the loop: `<EventLoop running=false closed=false debug=false>`. */
  toString(): string;

  // What the modules below the loop use of it beyond asyncio's interface:
  // not API, and documented where `EventLoop` defines them.

  /**
   * Debug mode's flag, read on hot paths without a call.
   *
   * @ignore
   */
  _debug: boolean;
  /**
   * The task whose step is running, or `null`.
   *
   * @ignore
   */
  _current_task: Task<unknown> | null;
  /**
   * The task whose async-function step is in progress, or `null`.
   *
   * @ignore
   */
  _native_task: Task<unknown> | null;
  /**
   * How many times a task in a step went on by itself when an inner async function returned.
   *
   * @ignore
   */
  _step_resumes: number;
  /**
   * Whether tasks started from now on are tracked across foreign awaits.
   *
   * @ignore
   */
  _foreign_awaits: boolean;
  /**
   * The most recent pending task, the head of their doubly linked list.
   *
   * @ignore
   */
  _last_task: Task<unknown> | null;
  /**
   * The pending tasks made in debug mode, held weakly; `null` until there is one.
   *
   * @ignore
   */
  _debug_tasks: DebugTasks<Task<unknown>> | null;
  /**
   * What closes with the loop: transports and servers.
   *
   * @ignore
   */
  readonly _resources: Set<{ _close_with_loop(): void }>;
  /**
   * Whether `get_event_loop()` made this loop, and may replace it once closed.
   *
   * @ignore
   */
  _made_by_default: boolean;
  /**
   * Foreign promises and detached tasks the loop is waiting on.
   *
   * @ignore
   */
  _external_pending: number;

  /**
   * `call_soon` with an arguments array (or `null`), unchecked.
   *
   * @ignore
   */
  _call_soon(callback: AnyCallback, args: unknown[] | null): Handle;
  /**
   * `call_soon(callback, arg)` for the library's one-argument callbacks.
   *
   * @ignore
   */
  _call_soon1<A>(callback: (arg: A) => unknown, arg: A): Handle;
  /**
   * `call_at` with an arguments array (or `null`), unchecked.
   *
   * @ignore
   */
  _call_at(when: number, callback: AnyCallback, args: unknown[] | null): TimerHandle;
  /**
   * `call_at(when, callback, arg)` for the library's one-argument timers.
   *
   * @ignore
   */
  _call_at1<A>(when: number, callback: (arg: A) => unknown, arg: A): TimerHandle;
  /**
   * Puts a Handle or a task due for its next step at the end of the ready queue.
   *
   * @ignore
   */
  _schedule(entry: Runnable): void;
  /**
   * A scheduled timer was cancelled: counts it for the heap's compaction.
   *
   * @ignore
   */
  _timer_handle_cancelled(handle: TimerHandle): void;
  /**
   * A foreign promise the loop waited on settled.
   *
   * @ignore
   */
  _foreign_promise_settled(): void;
}
