/**
 * `Future`: a result that will be set later, with done callbacks run by
 * the loop, as asyncio's `futures` module.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import type { Runnable } from "./handles.ts";
import {
  _capture_context,
  _check_context,
  type CallbackOptions,
  type Context,
} from "./contextvars.ts";
import { _get_event_loop, _get_running_loop } from "./_running.ts";
import { CancelledError, InvalidStateError, RuntimeError } from "./exceptions.ts";
import { hand_to_task } from "./_native.ts";
import { repr } from "./_repr.ts";
import { check_function } from "./_checks.ts";
import { type ExecutorJob, is_cancelled_job } from "./executors.ts";
import {
  created_at,
  creation_stack_of,
  forget_unretrieved,
  record_creation,
  watch_unretrieved,
} from "./_debug.ts";

// A Future's `_state`. Small integers, not strings: the state test on every
// await and callback is one integer compare. Tasks read them too.
/** `_state` of a Future not done yet. @ignore */
export const PENDING = 0;
/** `_state` of a cancelled Future. @ignore */
export const CANCELLED = 1;
/** `_state` of a Future with a result or an error. @ignore */
export const FINISHED = 2;
type State = typeof PENDING | typeof CANCELLED | typeof FINISHED;

const STATE_NAMES = ["PENDING", "CANCELLED", "FINISHED"] as const;

/** Options of the `Future` constructor. */
export interface FutureOptions {
  /** The loop the Future belongs to: the running loop, else `get_event_loop()`. */
  loop?: AbstractEventLoop;
}

/** A done callback: called with the Future once it is done. */
export type DoneCallback<F> = (future: F) => unknown;

/**
 * A task waiting on a Future: when the Future is done, the task itself goes
 * on the loop's ready queue, with no callback closure or `Handle` per task.
 */
export type Waiter = Runnable;

/** A JavaScript listener from `then()` outside a task: called at completion. */
class Listener {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;

  constructor(resolve: (value: unknown) => void, reject: (error: unknown) => void) {
    this.resolve = resolve;
    this.reject = reject;
  }
}

/**
 * `callback` to be run in `context`: a done callback given (or capturing)
 * a Context. It keeps the callback's name, for reprs, and the callback as
 * `_callback`, for `remove_done_callback`.
 */
function run_in(
  context: Context,
  // deno-lint-ignore no-explicit-any
  callback: (future: any) => unknown,
): (future: unknown) => unknown {
  const in_context = (future: unknown) => context.run(callback, future);
  Object.defineProperty(in_context, "name", { value: callback.name });
  return Object.assign(in_context, { _callback: callback });
}

/** What a Future calls when it is done: done callbacks, waiting tasks, listeners. */
// deno-lint-ignore no-explicit-any
type Callback = ((future: any) => unknown) | Waiter | Listener;

/**
 * A result that will be available later: pending, then finished (with a
 * result or an error) or cancelled. Awaitable from async coroutines
 * (`await fut`), generator coroutines (`yield* fut`) and plain JavaScript.
 *
 * @example
 * ```ts
 * import { coroutine, Future, get_running_loop, run } from "@aiots/asyncio";
 * const main = coroutine(async () => {
 *   const fut = new Future<number>();
 *   get_running_loop().call_later(1, () => fut.set_result(42));
 *   console.log(await fut); // 42
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export class Future<T = unknown> implements PromiseLike<T> {
  /** @ignore */
  _state: State = PENDING;
  /** The result once FINISHED; a subclass may fill it while PENDING (see `SleepFuture`). @ignore */
  _result: T | undefined = undefined;
  /**
   * The error once FINISHED; once CANCELLED, the `CancelledError` a task's
   * coroutine ended with, raised once (saves a field on every Future for
   * CPython's `_cancelled_exc`). @ignore
   */
  _exception: unknown = null;
  /** @ignore */
  _loop: AbstractEventLoop;
  /**
   * What to call when done: `null`, the one callback itself, or an array
   * once there are two. Most Futures have one waiter: this saves an array
   * per Future.
   *
   * @ignore
   */
  _callbacks: Callback | Callback[] | null = null;
  /** @ignore */
  _cancel_message: string | null = null;
  /**
   * Whether the Future holds an error nobody has retrieved yet (as
   * CPython's `__log_traceback`); in debug mode, a Future collected with
   * it set is reported.
   *
   * @ignore
   */
  _log_traceback = false;

  /** Makes a pending Future on `options.loop`, the running loop, or `get_event_loop()`. */
  constructor(options?: FutureOptions) {
    this._loop = options?.loop ?? _get_event_loop();
    if (this._loop._debug) record_creation(this);
  }

  /**
   * Where the Future was made, oldest frame first, when debug mode was on.
   *
   * @ignore
   */
  get _source_traceback(): string | null {
    return creation_stack_of(this);
  }

  /**
   * Its error was read, or it was cancelled: no "exception was never
   * retrieved" report.
   *
   * @ignore
   */
  _clear_log_traceback(): void {
    if (this._log_traceback) {
      this._log_traceback = false;
      forget_unretrieved(this);
    }
  }

  /** The loop the Future belongs to. */
  get_loop(): AbstractEventLoop {
    return this._loop;
  }

  /** Whether the Future was cancelled. */
  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  /** Whether the Future is done: it has a result or an error, or was cancelled. */
  done(): boolean {
    return this._state !== PENDING;
  }

  /**
   * The result.
   *
   * @throws {CancelledError} When the Future was cancelled.
   * @throws {InvalidStateError} When it is not done yet.
   * @throws The Future's error, when it has one.
   */
  result(): T {
    if (this._state === CANCELLED) throw this._make_cancelled_error();
    if (this._state !== FINISHED) throw new InvalidStateError("Result is not ready.");
    this._clear_log_traceback();
    if (this._exception !== null) throw this._exception;
    return this._result as T;
  }

  /**
   * The error the Future finished with, or `null`.
   *
   * @throws {CancelledError} When the Future was cancelled.
   * @throws {InvalidStateError} When it is not done yet.
   */
  exception(): unknown {
    if (this._state === CANCELLED) throw this._make_cancelled_error();
    if (this._state !== FINISHED) throw new InvalidStateError("Exception is not set.");
    this._clear_log_traceback();
    return this._exception;
  }

  /**
   * Adds a callback run (through `call_soon`) with this Future when it is
   * done; right away if it already is. Callbacks run in the order added.
   */
  add_done_callback(callback: DoneCallback<this>, options?: CallbackOptions): void {
    check_function(callback, "add_done_callback(): callback");
    const context = _check_context(options?.context, "add_done_callback()") ??
      _capture_context();
    if (context === null) {
      if (this._state !== PENDING) this._loop._call_soon1(callback, this);
      else this._add_callback(callback);
      return;
    }
    const in_context = run_in(context, callback);
    if (this._state !== PENDING) this._loop._call_soon1(in_context, this);
    else this._add_callback(in_context);
  }

  /**
   * Registers a task to wake when this pending Future is done.
   *
   * @ignore
   */
  _add_waiter(waiter: Waiter): void {
    this._add_callback(waiter);
  }

  /**
   * One callback is kept as is; the second makes an array.
   *
   * @ignore
   */
  _add_callback(callback: Callback): void {
    const callbacks = this._callbacks;
    if (callbacks === null) this._callbacks = callback;
    else if (Array.isArray(callbacks)) callbacks.push(callback);
    else this._callbacks = [callbacks, callback];
  }

  /** Removes every registration of `callback`; returns how many there were. */
  remove_done_callback(callback: DoneCallback<this>): number {
    const held = this._callbacks;
    if (held === null) return 0;
    const callbacks = Array.isArray(held) ? held : [held];
    const kept = callbacks.filter((cb) =>
      cb !== callback && (cb as { _callback?: unknown })._callback !== callback
    );
    const removed = callbacks.length - kept.length;
    if (removed > 0) this._callbacks = kept;
    return removed;
  }

  /**
   * Cancels the Future and schedules its callbacks.
   *
   * @returns `false` if it was already done, else `true`.
   */
  cancel(msg?: string | null): boolean {
    this._clear_log_traceback();
    if (this._state !== PENDING) return false;
    this._state = CANCELLED;
    this._cancel_message = msg ?? null;
    this._schedule_callbacks();
    return true;
  }

  /**
   * Marks the Future done with `result` and schedules its callbacks.
   *
   * @throws {InvalidStateError} When it is already done.
   */
  set_result(result: T): void {
    if (this._state !== PENDING) {
      throw new InvalidStateError(
        `set_result(): invalid state ${STATE_NAMES[this._state]}: ${this}`,
      );
    }
    this._result = result;
    this._state = FINISHED;
    this._schedule_callbacks();
  }

  /**
   * Marks the Future done with `exception` and schedules its callbacks.
   *
   * @throws {InvalidStateError} When it is already done.
   */
  set_exception(exception: unknown): void {
    if (this._state !== PENDING) {
      throw new InvalidStateError(
        `set_exception(): invalid state ${STATE_NAMES[this._state]}: ${this}`,
      );
    }
    if (exception === null || exception === undefined) {
      throw new TypeError("set_exception(): exception must not be null or undefined");
    }
    this._exception = exception;
    this._state = FINISHED;
    this._log_traceback = true;
    if (this._loop._debug) watch_unretrieved(this);
    this._schedule_callbacks();
  }

  /**
   * Makes the Future awaitable: inside a task, `await fut` suspends the task
   * on it; elsewhere it behaves as a Promise that settles with the Future.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    if (hand_to_task(this, onfulfilled, onrejected)) {
      return undefined as unknown as PromiseLike<R1 | R2>; // `await` ignores it
    }
    const stranded = this._stranded();
    if (stranded !== null) return Promise.reject(stranded).then(onfulfilled, onrejected);
    return new Promise<T>((resolve, reject) =>
      this._listen(new Listener(resolve as (v: unknown) => void, reject))
    )
      .then(onfulfilled, onrejected);
  }

  /**
   * Why waiting for this pending Future from plain JavaScript would never
   * end: its loop is closed, or neither it nor any loop is running (the
   * caller forgot `run()`). `null` when it can settle.
   *
   * @ignore
   */
  _stranded(): RuntimeError | null {
    if (this._state !== PENDING) return null;
    const loop = this._loop;
    if (loop.is_closed()) {
      return new RuntimeError(
        `${this} was awaited, but its event loop is closed: it can never finish`,
      );
    }
    if (!loop.is_running() && _get_running_loop() === null) {
      return new RuntimeError(
        `${this} was awaited outside a running event loop: use run() or loop.run_until_complete()`,
      );
    }
    return null;
  }

  /** Lets generator coroutines write `const value = yield* fut`. */
  *[Symbol.iterator](): Generator<Future<T>, T, unknown> {
    if (this._state === PENDING) yield this;
    return this.result();
  }

  /** Describes the Future: `<Future pending>`, `<Future finished result=1>`. */
  toString(): string {
    return `<${this.constructor.name} ${this._describe_state()}${created_at(this)}>`;
  }

  /** @ignore */
  _describe_state(): string {
    const state = STATE_NAMES[this._state].toLowerCase();
    if (this._state !== FINISHED) return state;
    if (this._exception !== null) return `${state} exception=${repr(this._exception)}`;
    return `${state} result=${repr(this._result)}`;
  }

  /** @ignore */
  _make_cancelled_error(): CancelledError {
    // A task ended by a CancelledError from its coroutine keeps it in
    // `_exception`, unused once cancelled, to raise it once (CPython's
    // `_cancelled_exc`).
    const saved = this._exception;
    if (this._state === CANCELLED && saved instanceof CancelledError) {
      this._exception = null;
      return saved;
    }
    return new CancelledError(this._cancel_message ?? undefined);
  }

  /** @ignore */
  _schedule_callbacks(): void {
    const callbacks = this._callbacks;
    if (callbacks === null) return;
    this._callbacks = null;
    if (!Array.isArray(callbacks)) {
      this._schedule_callback(callbacks);
      return;
    }
    for (let i = 0; i < callbacks.length; i++) this._schedule_callback(callbacks[i]);
  }

  /** Schedules one done callback or waiting task, or notifies a listener. */
  private _schedule_callback(callback: Callback): void {
    if (typeof callback === "function") this._loop._call_soon1(callback, this);
    else if (callback instanceof Listener) this._notify(callback);
    else this._loop._schedule(callback);
  }

  /**
   * Subscribes plain JavaScript code; it hears at completion, outside the
   * loop's order.
   *
   * @ignore
   */
  _listen(listener: Listener): void {
    if (this._state !== PENDING) this._notify(listener);
    else this._add_callback(listener);
  }

  /** Rejects `listener` with what `result()` throws. */
  private _notify_error(listener: Listener): void {
    try {
      this.result();
    } catch (error) {
      listener.reject(error);
    }
  }

  /** @ignore */
  _notify(listener: Listener): void {
    if (this._state === FINISHED && this._exception === null) {
      listener.resolve(this._result);
    } else {
      this._notify_error(listener);
    }
  }
}

/**
 * Whether `value` is a Future (or Task) of this library.
 *
 * @example
 * ```ts
 * import { Future, isfuture, new_event_loop } from "@aiots/asyncio";
 * const loop = new_event_loop();
 * console.log(isfuture(new Future({ loop })), isfuture(Promise.resolve())); // true false
 * loop.close();
 * ```
 */
export function isfuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}

/** Sets `result` on `future` unless it was cancelled meanwhile. */
export function _set_result_unless_cancelled<T>(future: Future<T>, result: T): void {
  if (!future.cancelled()) future.set_result(result);
}

/**
 * What a thrown value becomes as a Future's error: `null` and `undefined`
 * become a `TypeError` (a Future's error is never "none").
 *
 * @ignore
 */
export function _error_of(thrown: unknown): unknown {
  return thrown === null || thrown === undefined ? new TypeError(`${thrown} was thrown`) : thrown;
}

function ignore(): void {}

/**
 * Marks a native Promise's rejection as handled, for a function that takes
 * it now but reads it later (a lazy coroutine such as `wait_for`): the
 * host would otherwise report the rejection, or end the process, before
 * the library reads it. What rejects is still raised where it is awaited.
 *
 * @ignore
 */
export function _own_rejection(value: unknown): void {
  if (value instanceof Promise) value.then(undefined, ignore);
}

/**
 * Adapts a Promise or thenable to a Future on `loop` that settles with it.
 * With `cancel_source` (an executor job's `cancel`), cancelling the Future
 * cancels the job, and the job's "cancelled" rejection cancels the Future.
 *
 * @ignore
 */
export function _chain_thenable<T>(
  thenable: PromiseLike<T>,
  loop: AbstractEventLoop,
  cancel_source: (() => void) | null = null,
): Future<T> {
  const future = loop.create_future<T>();
  loop._external_pending++;
  try {
    thenable.then(
      (value) => {
        loop._foreign_promise_settled();
        if (!future.done()) future.set_result(value);
      },
      (error) => {
        loop._foreign_promise_settled();
        if (future.done()) return;
        if (cancel_source !== null && is_cancelled_job(error)) future.cancel();
        else future.set_exception(_error_of(error));
      },
    );
  } catch (error) {
    loop._foreign_promise_settled();
    future.set_exception(_error_of(error));
  }
  if (cancel_source !== null) {
    future.add_done_callback((done) => {
      if (done.cancelled()) cancel_source();
    });
  }
  return future;
}

/**
 * Wraps what another world computes in a Future of `options.loop` (the
 * running loop, else `get_event_loop()`), as asyncio's `wrap_future`: an
 * executor's job (`loop.run_in_executor`'s kind: cancelling the Future
 * cancels the job if it has not started), or any Promise or thenable. A
 * Future comes back as it is.
 *
 * @param source A Future, an `ExecutorJob`, or a Promise or thenable.
 * @param options `loop`: the loop of the new Future.
 * @returns A Future that settles with `source`.
 * @throws {TypeError} When `source` is none of those.
 *
 * @example
 * ```ts
 * import { coroutine, run, WorkerPoolExecutor, wrap_future } from "@aiots/asyncio";
 * const pool = new WorkerPoolExecutor(1);
 * await run(coroutine(async () => {
 *   const job = pool.submit((a: number, b: number) => a + b, 2, 3);
 *   console.log(await wrap_future(job)); // 5
 *   console.log(await wrap_future(Promise.resolve("from a promise"))); // from a promise
 * })());
 * await pool.shutdown();
 * ```
 */
export function wrap_future<T>(
  source: Future<T> | ExecutorJob<T> | PromiseLike<T>,
  options?: FutureOptions,
): Future<T> {
  if (source instanceof Future) return source;
  const loop = options?.loop ?? _get_event_loop();
  const job = source as Partial<ExecutorJob<T>>;
  if (typeof job.cancel === "function" && typeof job.promise?.then === "function") {
    return _chain_thenable(job.promise, loop, () => job.cancel!());
  }
  if (typeof (source as PromiseLike<T>)?.then === "function") {
    return _chain_thenable(source as PromiseLike<T>, loop);
  }
  throw new TypeError(
    `wrap_future(): a Future, an executor job or a Promise is required, got ${repr(source)}`,
  );
}
