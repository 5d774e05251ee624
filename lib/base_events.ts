/**
 * The event loop: a FIFO ready queue, a timer heap and one scheduler
 * iteration (`#run_once`), as in asyncio's `base_events`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Deque } from "./_deque.ts";
import { Heap } from "./_heap.ts";
import { type Clock, type ClockKind, ManualClock, RealClock, VirtualClock } from "./clocks.ts";
import { type ExceptionContext, Handle, ONE_ARG, type Runnable, TimerHandle } from "./handles.ts";
import { _get_running_loop, _set_loop_maker, _set_running_loop } from "./_running.ts";
import { RuntimeError } from "./exceptions.ts";
import { _take_context, type CallbackOptions } from "./contextvars.ts";
import {
  type AbstractServer,
  type CreateConnectionOptions,
  type CreateServerOptions,
  type CreateUnixServerOptions,
  type DatagramEndpointOptions,
  loop_io,
  type StartTlsOptions,
  type SubprocessTransportOptions,
  type TlsContext,
} from "./loop_io.ts";
import type { BaseProtocol, DatagramProtocol, SubprocessProtocol } from "./protocols.ts";
import type {
  BaseTransport,
  DatagramTransport,
  SubprocessTransport,
  Transport,
} from "./transports.ts";
import { check_function, check_seconds } from "./_checks.ts";
import { async_context, close_window, native, set_detached } from "./_native.ts";
import { debug_from_env, type DebugTasks } from "./_debug.ts";
import { Future, wrap_future } from "./futures.ts";
import { get_logger } from "./log.ts";
import { repr } from "./_repr.ts";
import {
  type Awaitable,
  type Coroutine,
  type CoroutineLike,
  iscoroutine,
  iscoroutinefunction,
} from "./coroutines.ts";
import { listen_to_signal, signal_name, stop_listening_to_signal } from "./_signals.ts";
import { type Executor, type ExecutorFunction, WorkerPoolExecutor } from "./executors.ts";
import {
  all_tasks,
  ensure_future,
  Task,
  type TaskConstructorOptions,
  type TaskOptions,
} from "./tasks.ts";

// deno-lint-ignore no-explicit-any
type AnyCallback = (...args: any[]) => unknown;

/** An exception handler: called as `handler(loop, context)`. */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/** Options of `new_event_loop()` and `run()`. */
export interface EventLoopOptions {
  /** Turns debug mode on (or off, overriding `ASYNCIO_DEBUG`). */
  debug?: boolean;
  /**
   * `"real"` (the default), `"virtual"` (starts at 0 and jumps to the next
   * timer whenever nothing is ready) or `"manual"` (starts at 0 and moves
   * only when `advance()` from `@aiots/asyncio/testing` says so).
   */
  clock?: ClockKind;
  /**
   * Track every task from the start: each task's async functions run in an
   * async context of their own (where the runtime has `AsyncLocalStorage`),
   * so that each keeps its identity across any foreign await, whatever
   * else is detached. Costs about half a microsecond a task in Deno 2.9
   * (`AsyncLocalStorage.run`). Without it, a loop tracks the tasks started
   * after its first foreign await (see docs/ordering.md).
   */
  track_tasks?: boolean;
  /**
   * On the virtual and manual clocks, a loop that can never go on (nothing
   * ready, no timer its clock will reach, nothing outside that could call
   * in) raises a `RuntimeError` naming every pending task and what it
   * awaits: `true`, the default. `false` lets it wait for outside work the
   * loop cannot see (a `setTimeout` callback that will call `stop()`).
   */
  deadlock?: boolean;
}

/** A task's wait in `advance()` or `run_until_idle()`: for the loop to be idle at `until`. */
interface IdleWaiter {
  until: number;
  future: Future<void>;
}

/**
 * A task factory: makes the Task for `loop.create_task(coro, options)`. It
 * is generic in the coroutine's result,
 * `<T>(loop, coro: CoroutineLike<T>, options?) => Future<T>` (`deno doc`'s
 * text output drops the `<T>`; the HTML pages show it).
 */
export type TaskFactory = <T>(
  loop: EventLoop,
  coro: CoroutineLike<T>,
  options?: TaskOptions,
) => Future<T>;

/** Cancelled timers are compacted out of the heap past these bounds, as CPython. */
const MIN_SCHEDULED_TIMER_HANDLES = 100;
const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;

/**
 * Microtask turns the loop waits for an async-function step to reach its
 * next library await before it treats the task as detached (awaiting a
 * foreign promise) and goes on.
 */
const NATIVE_STEP_TURNS = 64;

/**
 * Microtask turns after which a step still running is watched for its end
 * (`Task._watch_native`): a step that reaches a library await hands it
 * over within two.
 */
const NATIVE_WATCH_TURNS = 2;

/**
 * A loop that never goes idle still lets the host run its timers and I/O
 * (foreign promises, detached tasks, plain `setTimeout` callbacks): every
 * `HOST_TURN_CHECK` iterations it checks whether `HOST_TURN_MS` have passed
 * since the last host turn, as CPython polls its selector every iteration.
 * A turn costs about 8 µs, so this is well under 1% of a busy loop.
 */
const HOST_TURN_CHECK = 64;

/**
 * Microtask turns the loop gives, after a host turn, to coroutines that the
 * same host callback resumed from foreign promises, while untracked tasks
 * are detached (see `HostTurn.wait`): as many as a step gets.
 */
const HOST_CALLBACK_TURNS = NATIVE_STEP_TURNS;

/** Microtask turns the loop gives plain JavaScript before it goes idle. */
const IDLE_MICROTASK_TURNS = 4;
/** The longest host timer delay (2^31 - 1 ms, about 24.8 days). */
const MAX_HOST_DELAY_MS = 2 ** 31 - 1;
const HOST_TURN_MS = 10;
/**
 * Float error in a delay of whole milliseconds (`when - now` is off by
 * about 1e-12 s) must not round it up by one: a fake clock ticked by the
 * delay would then not fire the wake-up timer.
 */
const ROUNDING_SLACK_MS = 1e-6;

function timer_less(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

/**
 * The host's "run this after pending I/O and timers" primitive, captured at
 * load so that fake-timer libraries that replace the global leave it real:
 * `setImmediate` from `node:timers` in Deno, Node and Bun.
 */
const set_immediate: ((callback: () => void) => unknown) | null = (() => {
  try {
    // deno-lint-ignore no-explicit-any
    const timers = (globalThis as any).process?.getBuiltinModule?.("node:timers");
    return typeof timers?.setImmediate === "function" ? timers.setImmediate : null;
  } catch {
    return null; // not offered by this runtime
  }
})();

/**
 * Waits for one host macrotask turn: by then the microtask queue has
 * drained and the host has run its timers and I/O callbacks. In Deno
 * `setImmediate` takes about 8 µs where `setTimeout(0)` takes a
 * millisecond or more, and a `MessageChannel` message can arrive before
 * the microtask queue is empty; browsers get a `MessageChannel`.
 */
class HostTurn {
  #channel: MessageChannel | null = null;
  #resolve: (() => void) | null = null;

  async wait(): Promise<void> {
    await this.#macrotask();
    // A host batches I/O completions (Deno resolves the promises of all the
    // ops that completed, a `MessageChannel` message among them, before it
    // runs their microtasks), so the turn may end among the microtasks of a
    // coroutine resumed from a foreign promise. While an untracked task is
    // detached, its next library await must not fall in a step the loop
    // opens: the loop first lets such chains run out.
    for (let turn = 0; turn < HOST_CALLBACK_TURNS && native.detached.size > 0; turn++) {
      await undefined;
    }
  }

  #macrotask(): Promise<void> {
    return new Promise((resolve) => {
      if (set_immediate !== null) {
        set_immediate(resolve);
        return;
      }
      this.#resolve = resolve;
      if (typeof MessageChannel !== "function") {
        globalThis.setTimeout(this.#done, 0);
        return;
      }
      if (this.#channel === null) {
        this.#channel = new MessageChannel();
        this.#channel.port1.onmessage = this.#done;
      }
      this.#channel.port2.postMessage(null);
    });
  }

  /** Closes the channel, if one was made, so that it keeps no process alive. */
  close(): void {
    if (this.#channel !== null) {
      this.#channel.port1.close();
      this.#channel.port2.close();
      this.#channel = null;
    }
  }

  #done = (): void => {
    const resolve = this.#resolve;
    this.#resolve = null;
    resolve?.();
  };
}

function stop_loop_of(future: Future<unknown>): void {
  future.get_loop().stop();
}

/**
 * An asyncio event loop with its own scheduler. Make one with
 * `new_event_loop()`, or let `run()` make it.
 *
 * @example Callbacks and timers
 * ```ts
 * import { new_event_loop } from "@aiots/asyncio";
 * const loop = new_event_loop({ clock: "virtual" });
 * loop.call_later(1, () => { console.log("later"); loop.stop(); });
 * loop.call_soon(() => console.log("soon"));
 * await loop.run_forever(); // prints "soon", then "later"
 * loop.close();
 * ```
 */
export class EventLoop implements AbstractEventLoop {
  /** @ignore */
  readonly _ready: Deque<Runnable> = new Deque();
  /** @ignore */
  readonly _scheduled: Heap<TimerHandle> = new Heap(timer_less);
  /** @ignore */
  _timer_cancelled_count = 0;
  /** @ignore */
  _debug: boolean;
  /** @ignore */
  _current_task: Task<unknown> | null = null;
  /**
   * The task whose async-function step is in progress; the loop runs
   * nothing else until it reaches a library await, returns or detaches.
   *
   * @ignore
   */
  _native_task: Task<unknown> | null = null;
  /**
   * How many times a task in a step went on by itself, outside the loop's
   * callbacks, when an inner async function returned: a step that comes
   * back as a new step is waited for afresh. (Counted there only: a count
   * at every await costs a fifth of a task spawn.)
   *
   * @ignore
   */
  _step_resumes = 0;
  /**
   * Tasks started from now on are tracked (see `run_tracked`): a task on
   * this loop has awaited a foreign promise, or `track_tasks` was given.
   *
   * @ignore
   */
  _foreign_awaits: boolean;
  /**
   * The most recent pending task; pending tasks form a doubly linked list
   * through `_prev_task`/`_next_task`, so adding and removing one costs no
   * hashing.
   *
   * @ignore
   */
  _last_task: Task<unknown> | null = null;
  /**
   * The pending tasks made in debug mode, held weakly instead, so that one
   * nothing can wake is collected and reported; `null` until debug mode
   * makes a task.
   *
   * @ignore
   */
  _debug_tasks: DebugTasks<Task<unknown>> | null = null;
  /**
   * What closes with the loop: transports and servers, whose pending reads
   * and accepts would otherwise keep the process alive after it.
   *
   * @ignore
   */
  readonly _resources: Set<{ _close_with_loop(): void }> = new Set();
  /** @ignore */
  _made_by_default = false;
  /**
   * Foreign promises and detached tasks the loop is waiting on.
   *
   * @ignore
   */
  _external_pending = 0;
  /** How long a callback may run before debug mode reports it, in seconds. */
  slow_callback_duration = 0.1;

  readonly #clock: Clock;
  #timer_seq = 0;
  #stopping = false;
  #running = false;
  #closed = false;
  #exception_handler: ExceptionHandler | null = null;
  #task_factory: TaskFactory | null = null;
  #idle_resolve: (() => void) | null = null;
  readonly #detects_deadlock: boolean;
  #idle_waiters: IdleWaiter[] = [];
  /** `call_soon_threadsafe` was called: JavaScript outside the loop may call in again. */
  #called_threadsafe = false;
  #wake_timer: ReturnType<typeof setTimeout> | undefined = undefined;
  #wake_when = 0;
  #iterations_since_check = 0;
  #last_host_turn = 0;
  readonly #host_turn = new HostTurn();
  readonly #signal_handlers = new Map<string, { handle: Handle; listener: () => void }>();
  #default_executor: Executor | null = null;
  #executor_shutdown_called = false;
  readonly #task_options: TaskConstructorOptions = { loop: this };

  /** Makes a loop; prefer `new_event_loop(options)`. */
  constructor(options: EventLoopOptions = {}) {
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`new_event_loop(): options must be an object, got ${repr(options)}`);
    }
    const clock = options.clock ?? "real";
    if (clock !== "real" && clock !== "virtual" && clock !== "manual") {
      throw new TypeError(
        `new_event_loop(): options.clock must be "real", "virtual" or "manual", got ${repr(clock)}`,
      );
    }
    this.#clock = clock === "virtual"
      ? new VirtualClock()
      : clock === "manual"
      ? new ManualClock()
      : new RealClock();
    this._debug = options.debug ?? debug_from_env();
    const track_tasks = options.track_tasks ?? false;
    if (typeof track_tasks !== "boolean") {
      throw new TypeError(
        `new_event_loop(): options.track_tasks must be a boolean, got ${repr(track_tasks)}`,
      );
    }
    this._foreign_awaits = track_tasks;
    this.#detects_deadlock = options.deadlock ?? true;
  }

  /** The loop's clock kind: `"real"`, `"virtual"` or `"manual"`. */
  get clock(): ClockKind {
    return this.#clock.kind;
  }

  /** The loop's time in seconds: monotonic, or virtual starting at 0. */
  time(): number {
    return this.#clock.now();
  }

  /**
   * Schedules `callback(...args)` to run on the next loop iteration, after
   * the callbacks already scheduled. A trailing `{ context }` (a plain
   * object whose only key is `context`, asyncio's keyword argument) runs
   * the callback in that Context; else it runs in a copy of the current
   * one. So do `call_later`, `call_at` and `call_soon_threadsafe`.
   */
  call_soon<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): Handle;
  /** `call_soon` without the trailing `{ context }`: the callback runs in a copy of the current Context. */
  call_soon<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: A
  ): Handle;
  call_soon(
    callback: (...args: unknown[]) => unknown,
    ...args: unknown[]
  ): Handle {
    this.#check_closed();
    if (this._debug) this.#check_thread("call_soon");
    check_function(callback, "call_soon(): callback");
    const context = _take_context(args, "call_soon()");
    const handle = this._call_soon(callback, args.length === 0 ? null : args);
    if (context !== null) handle._context = context;
    return handle;
  }

  /**
   * `call_soon` for JavaScript the loop did not start (an event listener,
   * a `MessagePort`, a timer set before the loop ran): asyncio's
   * `call_soon_threadsafe`. It wakes the loop if it is idle; debug mode
   * allows only this one there.
   */
  call_soon_threadsafe<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): Handle;
  /** `call_soon_threadsafe` without the trailing `{ context }`: the callback runs in a copy of the current Context. */
  call_soon_threadsafe<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: A
  ): Handle;
  call_soon_threadsafe(
    callback: (...args: unknown[]) => unknown,
    ...args: unknown[]
  ): Handle {
    this.#check_closed();
    check_function(callback, "call_soon_threadsafe(): callback");
    this.#called_threadsafe = true;
    const context = _take_context(args, "call_soon_threadsafe()");
    const handle = this._call_soon(callback, args.length === 0 ? null : args);
    if (context !== null) handle._context = context;
    return handle;
  }

  /**
   * `call_soon` with the arguments as an array the caller already has, or
   * `null` for none: no rest-parameter array, and no argument check (the
   * library's own callbacks). See `ONE_ARG` for the three conventions.
   *
   * @ignore
   */
  _call_soon(callback: AnyCallback, args: unknown[] | null): Handle {
    const handle = new Handle(callback, args, this);
    this._schedule(handle);
    return handle;
  }

  /**
   * `call_soon(callback, arg)` for the loop's own one-argument callbacks:
   * no arguments array at all (`ONE_ARG`).
   *
   * @ignore
   */
  _call_soon1<A>(callback: (arg: A) => unknown, arg: A): Handle {
    const handle = new Handle(callback, ONE_ARG as unknown[], this);
    handle._arg = arg;
    this._schedule(handle);
    return handle;
  }

  /**
   * `call_at(when, callback, arg)` for the loop's own one-argument timers.
   *
   * @ignore
   */
  _call_at1<A>(when: number, callback: (arg: A) => unknown, arg: A): TimerHandle {
    const timer = this._call_at(when, callback as AnyCallback, ONE_ARG as unknown[]);
    timer._arg = arg;
    return timer;
  }

  /**
   * Puts `entry` (a Handle, or a task due for its next step) at the end of
   * the ready queue, waking the loop if it is idle.
   *
   * @ignore
   */
  _schedule(entry: Runnable): void {
    this._ready.push(entry);
    if (this.#idle_resolve !== null) this.#wake();
  }

  /** Schedules `callback(...args)` to run `delay` seconds from now. */
  call_later<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): TimerHandle;
  /** `call_later` without the trailing `{ context }`: the callback runs in a copy of the current Context. */
  call_later<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  call_later(
    delay: number,
    callback: (...args: unknown[]) => unknown,
    ...args: unknown[]
  ): TimerHandle {
    check_seconds(delay, "call_later(): delay");
    check_function(callback, "call_later(): callback");
    this.#check_closed();
    if (this._debug) this.#check_thread("call_later");
    const context = _take_context(args, "call_later()");
    const timer = this._call_at(this.time() + delay, callback, args.length === 0 ? null : args);
    if (context !== null) timer._context = context;
    return timer;
  }

  /** Schedules `callback(...args)` to run at loop time `when` (seconds). */
  call_at<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: [...A, CallbackOptions]
  ): TimerHandle;
  /** `call_at` without the trailing `{ context }`: the callback runs in a copy of the current Context. */
  call_at<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  call_at(
    when: number,
    callback: (...args: unknown[]) => unknown,
    ...args: unknown[]
  ): TimerHandle {
    check_seconds(when, "call_at(): when");
    check_function(callback, "call_at(): callback");
    this.#check_closed();
    if (this._debug) this.#check_thread("call_at");
    const context = _take_context(args, "call_at()");
    const timer = this._call_at(when, callback, args.length === 0 ? null : args);
    if (context !== null) timer._context = context;
    return timer;
  }

  /**
   * `call_at` with an arguments array (or `null`), unchecked: `_call_soon`'s
   * convention for timers.
   *
   * @ignore
   */
  _call_at(when: number, callback: AnyCallback, args: unknown[] | null): TimerHandle {
    const timer = new TimerHandle(when, this.#timer_seq++, callback, args, this);
    this._scheduled.push(timer);
    timer._scheduled = true;
    if (this.#idle_resolve !== null) this.#wake();
    return timer;
  }

  /**
   * Runs `func(...args)` in `executor`, or in the loop's default
   * `WorkerPoolExecutor` when `executor` is `null`: asyncio's
   * `run_in_executor`, with Web Workers for threads. The function crosses
   * to the worker as source text, its arguments and result as structured
   * clones: it must be self-contained. Cancelling the Future cancels the
   * call if it has not started.
   *
   * @returns A Future of the call's result.
   * @throws {RuntimeError} When the loop is closed, or its default executor
   * was shut down.
   * @throws {TypeError} When `func` is not a function written in JavaScript.
   */
  run_in_executor<A extends unknown[], R>(
    executor: Executor | null,
    func: ExecutorFunction<A, R>,
    ...args: A
  ): Future<R> {
    this.#check_closed();
    if (executor === null) {
      if (this.#executor_shutdown_called) {
        throw new RuntimeError("Executor shutdown has been called");
      }
      executor = this.#default_executor ??= new WorkerPoolExecutor();
    }
    return wrap_future(executor.submit(func, ...args), { loop: this });
  }

  /**
   * Sets the executor `run_in_executor(null, ...)` uses.
   *
   * @throws {TypeError} When `executor` has no `submit` method.
   */
  set_default_executor(executor: Executor): void {
    if (typeof (executor as Executor | null)?.submit !== "function") {
      throw new TypeError(
        `set_default_executor(): executor must have a submit() method, got ${repr(executor)}`,
      );
    }
    this.#default_executor = executor;
  }

  /**
   * Shuts the default executor down and waits for the calls in progress:
   * `run()` does this before closing the loop. Later `run_in_executor(null,
   * ...)` calls are errors.
   *
   * @param timeout Seconds to wait at most (`null`: no limit); past it the
   * workers are stopped and a warning is logged.
   * @returns A Promise that settles once it is done.
   */
  async shutdown_default_executor(timeout: number | null = null): Promise<void> {
    this.#executor_shutdown_called = true;
    const executor = this.#default_executor;
    if (executor === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = timeout === null ? null : new Promise<boolean>((resolve) => {
      // Host timers take at most 2^31-1 ms: a longer wait is made of several.
      const wait = (left_ms: number): void => {
        timer = setTimeout(
          () => left_ms > MAX_HOST_DELAY_MS ? wait(left_ms - MAX_HOST_DELAY_MS) : resolve(true),
          Math.min(left_ms, MAX_HOST_DELAY_MS),
        );
      };
      wait(Math.max(timeout * 1000, 0));
    });
    const joined = executor.shutdown(true).then(() => false);
    const timed_out = await (expired === null ? joined : Promise.race([joined, expired]));
    clearTimeout(timer);
    if (timed_out) {
      get_logger().warning(
        `The executor did not finishing joining its threads within ${timeout} seconds.`,
      );
      await executor.shutdown(false);
    }
  }

  /**
   * Calls `callback(...args)` on the loop each time the process receives
   * `sig` (a name such as `"SIGINT"`, or its number), replacing the
   * handler `sig` had: asyncio's `add_signal_handler` (Unix). The loop
   * stops listening when it closes.
   *
   * @throws {TypeError} When `callback` is a coroutine function or not a
   * function, or `sig` is neither a name nor an integer.
   * @throws {ValueError} When `sig` is not a known signal.
   * @throws {RuntimeError} When the loop is closed, or the signal cannot be
   * caught (`SIGKILL`, `SIGSTOP`).
   */
  add_signal_handler<A extends unknown[]>(
    sig: string | number,
    callback: (...args: A) => unknown,
    ...args: A
  ): void {
    if (iscoroutinefunction(callback) || iscoroutine(callback)) {
      throw new TypeError("coroutines cannot be used with add_signal_handler()");
    }
    const name = signal_name(sig);
    this.#check_closed();
    check_function(callback, "add_signal_handler(): callback");
    const handle = new Handle(callback, args.length === 0 ? null : args, this);
    const listener = () => this.#handle_signal(name);
    listen_to_signal(name, listener, sig);
    const previous = this.#signal_handlers.get(name);
    if (previous !== undefined) stop_listening_to_signal(name, previous.listener);
    this.#signal_handlers.set(name, { handle, listener });
  }

  /**
   * Stops handling `sig`.
   *
   * @returns `true` if it had a handler, else `false`.
   * @throws {TypeError} When `sig` is neither a name nor an integer.
   * @throws {ValueError} When `sig` is not a known signal.
   */
  remove_signal_handler(sig: string | number): boolean {
    const name = signal_name(sig);
    const entry = this.#signal_handlers.get(name);
    if (entry === undefined) return false;
    this.#signal_handlers.delete(name);
    stop_listening_to_signal(name, entry.listener);
    return true;
  }

  /** A signal arrived: its handler runs on the loop (a cancelled one is removed). */
  #handle_signal(name: string): void {
    const entry = this.#signal_handlers.get(name);
    if (entry === undefined || this.#closed) return;
    if (entry.handle._cancelled) this.remove_signal_handler(name);
    else this._schedule(entry.handle);
  }

  /**
   * Connects to `host`:`port` over TCP (or TLS with `ssl`), as asyncio's:
   * `protocol_factory()` makes the protocol, whose `connection_made` has
   * been called when the coroutine returns. Needs `@aiots/asyncio/io`.
   *
   * @returns A coroutine of `[transport, protocol]`; it throws the
   * connection error under Python's name (`ConnectionRefusedError`, ...).
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   */
  create_connection<P extends BaseProtocol>(
    protocol_factory: () => P,
    host: string,
    port: number,
    options?: CreateConnectionOptions,
  ): Coroutine<[Transport, P]> {
    return loop_io("create_connection").create_connection(
      this,
      protocol_factory,
      host,
      port,
      options,
    );
  }

  /**
   * Listens on `host`:`port` over TCP (or TLS with `ssl`), as asyncio's:
   * each connection gets a protocol from `protocol_factory()`. Needs
   * `@aiots/asyncio/io`.
   *
   * @returns A coroutine of the server.
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   */
  create_server(
    protocol_factory: () => BaseProtocol,
    host: string | string[] | null,
    port: number,
    options?: CreateServerOptions,
  ): Coroutine<AbstractServer> {
    return loop_io("create_server").create_server(this, protocol_factory, host, port, options);
  }

  /**
   * Connects to the Unix socket at `path`, as asyncio's. Needs
   * `@aiots/asyncio/io`.
   *
   * @returns A coroutine of `[transport, protocol]`.
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   */
  create_unix_connection<P extends BaseProtocol>(
    protocol_factory: () => P,
    path: string,
  ): Coroutine<[Transport, P]> {
    return loop_io("create_unix_connection").create_unix_connection(
      this,
      protocol_factory,
      path,
    );
  }

  /**
   * Listens on the Unix socket at `path` (a socket file already there is
   * replaced), as asyncio's. Needs `@aiots/asyncio/io`.
   *
   * @returns A coroutine of the server.
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   */
  create_unix_server(
    protocol_factory: () => BaseProtocol,
    path: string,
    options?: CreateUnixServerOptions,
  ): Coroutine<AbstractServer> {
    return loop_io("create_unix_server").create_unix_server(this, protocol_factory, path, options);
  }

  /**
   * Serves a connection accepted elsewhere (a `Deno.Conn`) with a protocol,
   * as asyncio's. Needs `@aiots/asyncio/io`.
   *
   * @returns A coroutine of `[transport, protocol]`.
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   */
  connect_accepted_socket<P extends BaseProtocol>(
    protocol_factory: () => P,
    sock: unknown,
  ): Coroutine<[Transport, P]> {
    return loop_io("connect_accepted_socket").connect_accepted_socket(this, protocol_factory, sock);
  }

  /**
   * Opens a UDP endpoint, as asyncio's. Needs `@aiots/asyncio/io` (and
   * Deno's `--unstable-net`).
   *
   * @returns A coroutine of `[transport, protocol]`.
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   */
  create_datagram_endpoint<P extends DatagramProtocol>(
    protocol_factory: () => P,
    options?: DatagramEndpointOptions,
  ): Coroutine<[DatagramTransport, P]> {
    return loop_io("create_datagram_endpoint").create_datagram_endpoint(
      this,
      protocol_factory,
      options,
    );
  }

  /**
   * Upgrades the connection of `transport` to TLS, as asyncio's: the
   * returned transport serves `protocol`; the old one must not be used.
   * Needs `@aiots/asyncio/io`.
   *
   * @returns A coroutine of the new transport, once the handshake is done.
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   */
  start_tls(
    transport: BaseTransport,
    protocol: BaseProtocol,
    sslcontext: TlsContext,
    options?: StartTlsOptions,
  ): Coroutine<Transport> {
    return loop_io("start_tls").start_tls(this, transport, protocol, sslcontext, options);
  }

  /**
   * Starts `program` with `args` (a trailing options object sets the
   * pipes, `cwd` and `env`), as asyncio's: `protocol_factory()` makes the
   * `SubprocessProtocol`, whose `connection_made` has been called when the
   * coroutine returns; stdin, stdout and stderr are pipes by default.
   * Needs `@aiots/asyncio/io`.
   *
   * @returns A coroutine of `[transport, protocol]`; it throws when the
   * program cannot be started, under Python's name (`FileNotFoundError`, ...).
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   * @throws {TypeError} When `program` or an argument is not a string, or an option is unknown.
   * @throws {ValueError} As asyncio's: `universal_newlines`, `text`, `shell`, a
   * `bufsize` other than 0, an `encoding` or `errors`; or a pipe option's wrong value.
   */
  subprocess_exec<P extends SubprocessProtocol>(
    protocol_factory: () => P,
    program: string,
    ...args: [...string[]] | [...string[], SubprocessTransportOptions]
  ): Coroutine<[SubprocessTransport, P]> {
    return loop_io("subprocess_exec").subprocess_exec(this, protocol_factory, program, ...args);
  }

  /**
   * Runs `cmd` through the shell (`/bin/sh -c`), as asyncio's: the
   * protocol's callbacks as `subprocess_exec()`'s. Needs `@aiots/asyncio/io`.
   *
   * @returns A coroutine of `[transport, protocol]`.
   * @throws {RuntimeError} When `@aiots/asyncio/io` was not imported.
   * @throws {ValueError} When `cmd` is not a string (asyncio's "cmd must be a
   * string"), `shell` is false, or as `subprocess_exec()`.
   */
  subprocess_shell<P extends SubprocessProtocol>(
    protocol_factory: () => P,
    cmd: string,
    options?: SubprocessTransportOptions,
  ): Coroutine<[SubprocessTransport, P]> {
    return loop_io("subprocess_shell").subprocess_shell(this, protocol_factory, cmd, options);
  }

  /** @ignore */
  _timer_handle_cancelled(handle: TimerHandle): void {
    if (handle._scheduled) this._timer_cancelled_count++;
  }

  /** Makes a Future bound to this loop. */
  create_future<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /**
   * Wraps a coroutine in a Task scheduled to start on the next iteration.
   *
   * @throws {TypeError} When `coro` is not a coroutine or generator.
   */
  create_task<T>(coro: CoroutineLike<T>, options?: TaskOptions): Task<T> {
    this.#check_closed();
    if (this.#task_factory !== null) {
      return this.#task_factory(this, coro, options) as Task<T>;
    }
    return new Task(coro, options === undefined ? this.#task_options : { ...options, loop: this });
  }

  /** Sets the factory `create_task` uses; `null` restores the default. */
  set_task_factory(factory: TaskFactory | null): void {
    check_function(factory, "set_task_factory(): factory", true);
    this.#task_factory = factory;
  }

  /** The task factory in use, or `null`. */
  get_task_factory(): TaskFactory | null {
    return this.#task_factory;
  }

  /**
   * Runs the loop until `stop()` is called. The returned Promise settles
   * when the loop has stopped.
   *
   * @throws {RuntimeError} When the loop is closed or already running, or
   * another loop is running.
   */
  run_forever(): Promise<void> {
    try {
      this.#check_closed();
      this.#check_running();
    } catch (error) {
      return Promise.reject(error);
    }
    this.#running = true;
    _set_running_loop(this);
    // Callbacks and steps run in the loop's async context, so that a
    // library await in code they start is told apart from plain JavaScript.
    const running = async_context === null
      ? this.#run()
      : async_context.run(this, () => this.#run());
    return running.finally(() => {
      this.#stopping = false;
      this.#running = false;
      this.#clear_wake_timer();
      this.#host_turn.close();
      if (_get_running_loop() === this) _set_running_loop(null);
    });
  }

  /**
   * Runs the loop until `future` is done and returns its result (or throws
   * its error). A coroutine is wrapped in a Task first.
   *
   * @throws {RuntimeError} When the loop is closed or already running, or
   * stopped before the future was done.
   */
  async run_until_complete<T>(future: Awaitable<T>): Promise<T> {
    this.#check_closed();
    this.#check_running();
    const fut = ensure_future(future, this);
    fut.add_done_callback(stop_loop_of);
    try {
      await this.run_forever();
    } finally {
      fut.remove_done_callback(stop_loop_of);
    }
    if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    return fut.result();
  }

  /**
   * Stops the loop after the callbacks of the current iteration; if called
   * before the loop runs, the next run does one iteration.
   */
  stop(): void {
    this.#stopping = true;
    if (this.#idle_resolve !== null) this.#wake();
  }

  /** Whether the loop is running. */
  is_running(): boolean {
    return this.#running;
  }

  /** Whether the loop was closed. */
  is_closed(): boolean {
    return this.#closed;
  }

  /**
   * Closes the loop, dropping pending callbacks and timers, closing the
   * stream connections, servers and subprocesses still open on it,
   * removing its signal handlers, and stopping its default executor's
   * workers. Idempotent.
   *
   * @throws {RuntimeError} When the loop is running.
   */
  close(): void {
    if (this.#running) throw new RuntimeError("Cannot close a running event loop");
    if (this.#closed) return;
    this.#closed = true;
    this._ready.clear();
    this._scheduled.drain((timer) => {
      timer._scheduled = false;
    });
    this._timer_cancelled_count = 0;
    this.#clear_wake_timer();
    for (const resource of this._resources) resource._close_with_loop();
    this._resources.clear();
    for (const name of [...this.#signal_handlers.keys()]) this.remove_signal_handler(name);
    const executor = this.#default_executor;
    this.#default_executor = null;
    executor?.shutdown(false);
  }

  /** Turns debug mode on or off. */
  set_debug(enabled: boolean): void {
    this._debug = Boolean(enabled);
  }

  /** Whether debug mode is on. */
  get_debug(): boolean {
    return this._debug;
  }

  /** Sets the exception handler, called as `handler(loop, context)`; `null` restores the default. */
  set_exception_handler(handler: ExceptionHandler | null): void {
    check_function(handler, "set_exception_handler(): handler", true);
    this.#exception_handler = handler;
  }

  /** The exception handler in use, or `null` for the default. */
  get_exception_handler(): ExceptionHandler | null {
    return this.#exception_handler;
  }

  /** Logs `context` as asyncio does: the message, then the other keys. */
  default_exception_handler(context: ExceptionContext): void {
    const lines = [context.message || "Unhandled exception in event loop"];
    for (const key of Object.keys(context).sort()) {
      if (key === "message" || key === "exception") continue;
      const value = context[key];
      lines.push(
        key === "source_traceback"
          ? `Object created at (most recent call last):\n${value}`
          : `${key}: ${repr(value)}`,
      );
    }
    get_logger().error(lines.join("\n"), context.exception);
  }

  /** Passes `context` to the exception handler; errors in it are logged. */
  call_exception_handler(context: ExceptionContext): void {
    const handler = this.#exception_handler;
    if (handler === null) {
      try {
        this.default_exception_handler(context);
      } catch (error) {
        get_logger().error("Exception in default exception handler", error);
      }
      return;
    }
    try {
      handler(this, context);
    } catch (error) {
      try {
        this.default_exception_handler({
          message: "Unhandled error in exception handler",
          exception: error,
          context,
        });
      } catch (inner) {
        get_logger().error("Exception in default exception handler", inner);
      }
    }
  }

  /** Describes the loop: `<EventLoop running=false closed=false debug=false>`. */
  toString(): string {
    return `<EventLoop running=${this.#running} closed=${this.#closed} debug=${this._debug}>`;
  }

  #check_closed(): void {
    if (this.#closed) throw new RuntimeError("Event loop is closed");
  }

  /**
   * Debug mode's check that `method` is called from code the running loop
   * started (CPython's `_check_thread`: JavaScript outside the loop's
   * async context plays the other thread). Where the runtime cannot tell,
   * nothing is checked.
   */
  #check_thread(method: string): void {
    if (!this.#running || async_context === null) return;
    const store = async_context.getStore();
    if (store === this || (store instanceof Task && store._loop === this)) return;
    throw new RuntimeError(
      `Non-thread-safe operation invoked on an event loop other than the current one: ` +
        `${method}() was called from JavaScript the loop did not start; use call_soon_threadsafe()`,
    );
  }

  #check_running(): void {
    if (this.#running) throw new RuntimeError("This event loop is already running");
    if (_get_running_loop() !== null) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }

  /** The scheduler: one `#run_once` per iteration until stopped. */
  async #run(): Promise<void> {
    const ready = this._ready;
    this.#last_host_turn = performance.now();
    for (;;) {
      if (++this.#iterations_since_check >= HOST_TURN_CHECK) {
        this.#iterations_since_check = 0;
        // Keeps `may_have_reached` on time for pending timers if `Date` moved back.
        if (this._scheduled.length > 0) this.#clock.sync();
        if (performance.now() - this.#last_host_turn >= HOST_TURN_MS) {
          await this.#host_turn.wait();
          this.#last_host_turn = performance.now();
        }
      }
      this.#prune_timers();
      if (ready.length === 0 && !this.#stopping) {
        // Callbacks may have started plain JavaScript that is about to hand
        // the loop work (a native await of a library object, a settled
        // promise): give it a few microtask turns before going idle or
        // moving the virtual clock, and a host turn when foreign work is
        // pending and virtual time would otherwise run ahead of it.
        for (let turn = 0; turn < IDLE_MICROTASK_TURNS && ready.length === 0; turn++) {
          await undefined;
        }
        if (ready.length === 0 && this._external_pending > 0 && this.#clock.kind !== "real") {
          await this.#host_turn.wait();
        }
      }
      if (ready.length === 0 && !this.#stopping) {
        if (this.#clock.kind !== "real") await this.#move_virtual_time();
        else if (!this.#wake_idle_waiters()) {
          const next = this._scheduled.peek();
          // An infinite deadline is never reached: the loop waits as if no
          // timer were pending.
          if (next === undefined || next._when === Infinity) {
            await this.#idle(next === undefined ? null : Infinity);
          } else if (next._when > this.#clock.sync()) await this.#idle(next._when);
        }
      }
      this.#collect_due_timers();
      let ntodo = ready.length;
      while (ntodo-- > 0) {
        const entry = ready.shift() as Runnable;
        if (this._debug) this.#run_timed(entry);
        else entry._run();
        while (this._native_task !== null) {
          // An async-function step ends at its next library await, which
          // V8 reports a few microtask turns later: wait for it.
          const resumes = this._step_resumes;
          let turns = 0;
          do {
            await undefined;
            if (++turns === NATIVE_WATCH_TURNS) this._native_task?._watch_native();
          } while (this._native_task !== null && turns < NATIVE_STEP_TURNS);
          if (this._native_task === null) break;
          // An inner async function of the task returned meanwhile and the
          // task went on: a new step, which gets its turns too.
          if (this._step_resumes !== resumes) continue;
          // Still running: a long chain of native promises, or a wait on a
          // foreign one. After a host turn the chain has run out; a task
          // still not back awaits something foreign, and the loop goes on.
          // One that resumed its async function during the turn is in a
          // new step, waited for as any.
          await this.#host_turn_for(this._native_task);
          if (this._native_task === null || this._step_resumes !== resumes) continue;
          this._native_task._detach();
        }
      }
      if (this.#stopping) return;
    }
  }

  /**
   * Nothing is ready on the virtual or manual clock: jumps to the next
   * timer the clock may reach (any, on the virtual clock; on the manual
   * one, those due by the time a test advances it to), else wakes the
   * tasks waiting for the loop to be idle, else waits for outside work,
   * or raises when none can come. An infinite deadline is never reached.
   */
  async #move_virtual_time(): Promise<void> {
    for (let quiet_host_turns = 0;; quiet_host_turns++) {
      this.#prune_timers();
      const next = this._scheduled.peek();
      const until = this.#earliest_idle_waiter();
      const reachable = until ?? (this.#clock.kind === "virtual" ? Infinity : this.#clock.now());
      if (next !== undefined && next._when !== Infinity && next._when <= reachable) {
        this.#clock.advance_to(next._when);
        return;
      }
      if (until !== null) {
        this.#clock.advance_to(until);
        this.#wake_idle_waiters();
        return;
      }
      if (!this.#detects_deadlock || this.#outside_work_pending()) {
        return this.#idle(null);
      }
      if (quiet_host_turns > 0) throw this.#deadlock_error();
      // JavaScript outside may be about to call in (a message in flight, a
      // promise chain settling): it gets a host turn first.
      await this.#host_turn.wait();
      if (this._ready.length > 0 || this.#stopping) return;
    }
  }

  /** When the first task waiting for the loop to be idle wants it, or `null`. */
  #earliest_idle_waiter(): number | null {
    if (this.#idle_waiters.length === 0) return null;
    this.#idle_waiters = this.#idle_waiters.filter((waiter) => !waiter.future.done());
    let until: number | null = null;
    for (const waiter of this.#idle_waiters) {
      if (until === null || waiter.until < until) until = waiter.until;
    }
    return until;
  }

  /** Wakes the tasks waiting for the loop to be idle by now; `false` if there were none. */
  #wake_idle_waiters(): boolean {
    if (this.#idle_waiters.length === 0) return false;
    const now = this.#clock.now();
    let woken = false;
    this.#idle_waiters = this.#idle_waiters.filter((waiter) => {
      if (waiter.future.done()) return false;
      if (waiter.until > now && this.#clock.kind !== "real") return true;
      waiter.future.set_result(undefined);
      woken = true;
      return false;
    });
    return woken;
  }

  /**
   * A Future done once nothing is ready and the clock is at `until`, every
   * timer due by then having run: the testing module's `advance()` (the
   * manual clock) and `run_until_idle()` (any clock, `until` being now).
   *
   * @ignore
   */
  _wait_idle(until: number): Future<void> {
    const future = this.create_future<void>();
    this.#idle_waiters.push({ until, future });
    return future;
  }

  /**
   * A foreign promise the loop waited on settled. When it was the last
   * outside work, an idle loop wakes to look again: its Future may have
   * been cancelled already (a `wait_for` that timed out), so that nothing
   * else would wake it, and on the virtual clock that is a deadlock.
   *
   * @ignore
   */
  _foreign_promise_settled(): void {
    if (--this._external_pending === 0 && this.#idle_resolve !== null) this.#wake();
  }

  /**
   * Outside work that may still call in: foreign promises and detached
   * tasks (executor jobs among them), transports, servers and
   * subprocesses, signal handlers, and JavaScript that has called
   * `call_soon_threadsafe`.
   */
  #outside_work_pending(): boolean {
    return this._external_pending > 0 || this._resources.size > 0 ||
      this.#signal_handlers.size > 0 || this.#called_threadsafe;
  }

  /** The error of a loop that can never go on, naming each pending task and what it awaits. */
  #deadlock_error(): RuntimeError {
    const clock = `${this.#clock.kind} clock at ${this.#clock.now()} s`;
    const next = this._scheduled.peek();
    const timers = next === undefined || next._when === Infinity
      ? "no timer is pending"
      : `no timer is due before the clock is advanced (next at ${next._when} s)`;
    const tasks = all_tasks(this);
    let waiting = "no task is pending, and nothing will stop the loop";
    if (tasks.size > 0) {
      waiting = `${tasks.size === 1 ? "1 task waits" : `${tasks.size} tasks wait`} forever` +
        `${this._debug ? "" : " (debug mode says where each Future was made)"}:`;
      for (const task of tasks) waiting += `\n  ${task}`;
    }
    return new RuntimeError(
      `deadlock: nothing is ready, ${timers} and nothing outside the loop can call in ` +
        `(${clock}); ${waiting}`,
    );
  }

  /**
   * Gives the host a turn while `task`'s step has not come back. The host
   * may run timers and I/O that resume detached tasks before the turn
   * ends, so for that turn `task` counts as one of them: a library await
   * made meanwhile is taken for its own only if no other task is detached
   * (see `awaiting_task`), never for another task's by default.
   */
  async #host_turn_for(task: Task<unknown>): Promise<void> {
    close_window(task);
    set_detached(task, true);
    // What the host runs meanwhile is not the task's step.
    this._current_task = null;
    try {
      await this.#host_turn.wait();
    } finally {
      set_detached(task, false);
    }
  }

  #prune_timers(): void {
    const scheduled = this._scheduled;
    if (
      scheduled.length > MIN_SCHEDULED_TIMER_HANDLES &&
      this._timer_cancelled_count / scheduled.length > MIN_CANCELLED_TIMER_HANDLES_FRACTION
    ) {
      scheduled.filter((timer) => {
        if (!timer._cancelled) return true;
        timer._scheduled = false;
        return false;
      });
      this._timer_cancelled_count = 0;
      return;
    }
    for (let top = scheduled.peek(); top !== undefined && top._cancelled; top = scheduled.peek()) {
      this._timer_cancelled_count--;
      scheduled.pop();
      top._scheduled = false;
    }
  }

  #collect_due_timers(): void {
    const scheduled = this._scheduled;
    const first = scheduled.peek();
    if (first === undefined || !this.#clock.may_have_reached(first._when)) return;
    const now = this.#clock.sync();
    for (
      let top = scheduled.peek();
      top !== undefined && top._when <= now;
      top = scheduled.peek()
    ) {
      scheduled.pop();
      top._scheduled = false;
      this._ready.push(top);
    }
  }

  #run_timed(entry: Runnable): void {
    const start = performance.now();
    entry._run();
    const seconds = (performance.now() - start) / 1000;
    if (seconds >= this.slow_callback_duration) {
      get_logger().warning(`Executing ${entry} took ${seconds.toFixed(3)} seconds`);
    }
  }

  /** Waits for a timer deadline (real clock) or for outside work to arrive. */
  #idle(when: number | null): Promise<void> {
    this.#last_host_turn = performance.now();
    return new Promise((resolve) => {
      this.#idle_resolve = resolve;
      if (when === null) {
        // Signals keep no host resource alive, so a loop waiting only for
        // them holds a timer, as a loop blocked in select() would wait.
        if (this.#signal_handlers.size > 0) {
          this.#wake_timer = globalThis.setTimeout(this.#on_keep_alive_timer, MAX_HOST_DELAY_MS);
        }
        return;
      }
      const now = this.#clock.now();
      const wanted_ms = Math.max(Math.ceil((when - now) * 1000 - ROUNDING_SLACK_MS), 0);
      // Host timers take at most 2^31-1 ms (a longer delay fires at once):
      // a farther deadline is reached by waking up on the way to it.
      const delay_ms = Math.min(wanted_ms, MAX_HOST_DELAY_MS);
      // When it fires, the whole (rounded-up) host delay has passed since
      // `now`: clamp to that, not just to `when`, so timers set microseconds
      // apart under a fake clock are not pushed a millisecond late; and
      // never to `when` on a waking-up stop short of it.
      this.#wake_when = delay_ms === wanted_ms
        ? Math.max(when, now + delay_ms / 1000)
        : now + delay_ms / 1000;
      this.#wake_timer = globalThis.setTimeout(this.#on_wake_timer, delay_ms);
    });
  }

  #on_keep_alive_timer = (): void => {
    this.#wake_timer = undefined;
    this.#wake();
  };

  #on_wake_timer = (): void => {
    this.#wake_timer = undefined;
    this.#clock.advance_to(this.#wake_when);
    this.#wake();
  };

  #wake(): void {
    const resolve = this.#idle_resolve;
    if (resolve === null) return;
    this.#idle_resolve = null;
    this.#clear_wake_timer();
    // A wake comes from a host callback (I/O that set a Future, a timer)
    // whose microtasks may still resume coroutines from foreign promises.
    // An untracked one's next library await would be taken for the step
    // the loop opens next: while one is detached, the loop goes on only
    // once that callback's microtasks have run out.
    if (native.detached.size > 0) this.#host_turn.wait().then(resolve);
    else resolve();
  }

  #clear_wake_timer(): void {
    if (this.#wake_timer !== undefined) {
      globalThis.clearTimeout(this.#wake_timer);
      this.#wake_timer = undefined;
    }
  }
}

// The one upward lookup (see `_set_loop_maker`): futures and tasks made with
// no loop around get a default one from here.
_set_loop_maker(() => new EventLoop());
