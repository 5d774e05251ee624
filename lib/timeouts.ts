/**
 * Timeouts around a block of code: `timeout(delay)`, `timeout_at(when)`
 * and the `Timeout` context manager they return, as asyncio's `timeouts`
 * module. Use them through `async_with`:
 *
 * ```ts ignore
 * await async_with(timeout(1.5), async () => { await slow(); });
 * yield* async_with(timeout(1.5), function* () { yield* slow(); });
 * ```
 *
 * Exports: `Timeout`, `timeout`, `timeout_at`.
 *
 * @module
 */

import { Coroutine } from "./coroutines.ts";
import type { Handle } from "./handles.ts";
import { CancelledError, RuntimeError, TimeoutError } from "./exceptions.ts";
import { _get_running_loop } from "./_running.ts";
import { check_seconds_or_null } from "./_checks.ts";
import { _named, _NO_ARGS } from "./_waiting.ts";
import type { Task } from "./tasks.ts";

const CREATED = "created";
const ENTERED = "active";
const EXPIRING = "expiring";
const EXPIRED = "expired";
const EXITED = "finished";
type State = typeof CREATED | typeof ENTERED | typeof EXPIRING | typeof EXPIRED | typeof EXITED;

function on_timeout(timeout: Timeout): void {
  timeout._on_timeout();
}

/** Whether `error` is exactly a `CancelledError` (Python's `exc_type is CancelledError`). */
function is_cancelled_error(error: unknown): error is CancelledError {
  return error instanceof CancelledError &&
    Object.getPrototypeOf(error) === CancelledError.prototype;
}

/**
 * An asynchronous context manager that cancels the block it guards when
 * its deadline passes, and then turns that cancellation into a
 * `TimeoutError` (whose `cause` is the `CancelledError`). Make one with
 * `timeout(delay)` or `timeout_at(when)` and enter it with `async_with`.
 *
 * Only the cancellation the Timeout itself asked for is converted: it
 * counts requests with `task.cancelling()` and `task.uncancel()`, so
 * nested timeouts, and a `cancel()` from outside in the same step, behave
 * as in CPython (the outside cancellation wins and stays a
 * `CancelledError`).
 *
 * The block is interrupted at the library await it is suspended on. A
 * plain Promise awaited in an async body is foreign to the loop: the task
 * cannot be interrupted while it waits on one, so the cancellation lands
 * at its next library await. Await `ensure_future(promise)` instead to
 * make that wait interruptible (the Promise's own work goes on).
 *
 * `await using` is not supported: `Symbol.asyncDispose` is not told about
 * the error leaving the block and cannot replace it, so it could not turn
 * the cancellation into a `TimeoutError`. Use `async_with`.
 *
 * @example Using the Timeout's deadline
 * ```ts
 * import { async_with, coroutine, run, sleep, timeout, TimeoutError } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   try {
 *     await async_with(timeout(1), async (cm) => {
 *       cm.reschedule(cm.when()! + 1); // give it one more second
 *       await sleep(10);
 *     });
 *   } catch (error) {
 *     console.log(error instanceof TimeoutError); // true
 *   }
 * })(), { clock: "virtual" });
 * ```
 */
export class Timeout {
  /** @ignore */
  _state: State = CREATED;
  /** @ignore */
  _when: number | null;
  /** @ignore */
  _handle: Handle | null = null;
  /** @ignore */
  _task: Task<unknown> | null = null;
  /** @ignore */
  _cancelling = 0;

  /**
   * Makes a Timeout with deadline `when` in loop time (`null`: none);
   * prefer `timeout()` and `timeout_at()`. It starts counting only when
   * entered.
   *
   * @throws {TypeError} When `when` is neither a number nor `null`.
   * @throws {ValueError} When `when` is NaN.
   */
  constructor(when: number | null) {
    this._when = check_seconds_or_null(when, "Timeout(): when");
  }

  /** The deadline in loop time, or `null` when there is none. */
  when(): number | null {
    return this._when;
  }

  /**
   * Moves the deadline to `when` (loop time; `null` disables it). A
   * deadline not in the future fires on the next loop iteration.
   *
   * @throws {RuntimeError} When the Timeout is not active (not entered yet,
   * expiring, expired or finished).
   * @throws {TypeError} When `when` is neither a number nor `null`.
   * @throws {ValueError} When `when` is NaN.
   */
  reschedule(when: number | null): void {
    if (this._state !== ENTERED) {
      if (this._state === CREATED) throw new RuntimeError("Timeout has not been entered");
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._schedule(check_seconds_or_null(when, "Timeout.reschedule(): when"), null);
  }

  /**
   * Sets the deadline and its timer; `now` is the loop time if the caller just read it.
   *
   * @ignore
   */
  _schedule(when: number | null, now: number | null): void {
    this._when = when;
    if (this._handle !== null) this._handle.cancel();
    if (when === null || when === Infinity) {
      this._handle = null; // an infinite deadline never fires: no timer
      return;
    }
    const loop = (this._task as Task<unknown>)._loop;
    this._handle = when <= (now ?? loop.time())
      ? loop._call_soon1(on_timeout, this)
      : loop._call_at1(when, on_timeout, this);
  }

  /** Whether the deadline passed while the block ran (expiring or expired). */
  expired(): boolean {
    return this._state === EXPIRING || this._state === EXPIRED;
  }

  /** Describes the Timeout: `<Timeout [active] when=12.5>`, `<Timeout [expired]>`. */
  toString(): string {
    if (this._state !== ENTERED) return `<Timeout [${this._state}]>`;
    const when = this._when === null ? "None" : String(Math.round(this._when * 1000) / 1000);
    return `<Timeout [${this._state}] when=${when}>`;
  }

  /**
   * Enters the block: starts the deadline for the current task. Returns a
   * coroutine (errors are raised when it is awaited, as Python's
   * `async def __aenter__`); `async_with` calls it.
   *
   * @returns A coroutine of the Timeout itself.
   * @throws {RuntimeError} When already entered, or not awaited inside a task.
   */
  __aenter__(): Coroutine<Timeout> {
    return new Coroutine(this._aenter_body, this, _NO_ARGS);
  }

  /** `__aenter__()`'s body; it never suspends. */
  // deno-lint-ignore require-yield
  private *_aenter_body(): Generator<never, Timeout, unknown> {
    this._enter();
    return this;
  }

  /**
   * Leaves the block with the error that ends it (`undefined` when none).
   * If the deadline cancelled the block and no other cancellation is
   * pending, the `CancelledError` becomes a `TimeoutError` with it as
   * `cause`; otherwise nothing is swallowed.
   *
   * @returns A coroutine that throws the `TimeoutError`, else returns `undefined`.
   */
  __aexit__(error: unknown): Coroutine<undefined> {
    return new Coroutine(this._aexit_body, this, [error]);
  }

  /** `__aexit__()`'s body; it never suspends. */
  // deno-lint-ignore require-yield
  private *_aexit_body(error: unknown): Generator<never, undefined, unknown> {
    this._exit(error);
    return undefined;
  }

  /**
   * The synchronous work of `__aenter__`; `now` is the loop time if the
   * caller just read it.
   *
   * @ignore
   */
  _enter(now: number | null = null): void {
    if (this._state !== CREATED) throw new RuntimeError("Timeout has already been entered");
    const loop = _get_running_loop();
    const task = loop === null ? null : loop._current_task;
    if (task === null) throw new RuntimeError("Timeout should be used inside a task");
    this._state = ENTERED;
    this._task = task;
    this._cancelling = task.cancelling();
    this._schedule(this._when, now);
  }

  /**
   * The synchronous work of `__aexit__`; throws the `TimeoutError`.
   *
   * @ignore
   */
  _exit(error: unknown): void {
    if (this._state !== ENTERED && this._state !== EXPIRING) {
      throw new RuntimeError(
        this._state === CREATED
          ? "Timeout has not been entered"
          : `Cannot exit ${this._state} Timeout again`,
      );
    }
    if (this._handle !== null) {
      this._handle.cancel();
      this._handle = null;
    }
    if (this._state === EXPIRING) {
      this._state = EXPIRED;
      const task = this._task as Task<unknown>;
      if (task.uncancel() <= this._cancelling && is_cancelled_error(error)) {
        // No cancellation was asked for besides ours: this one is ours.
        throw new TimeoutError("", { cause: error });
      }
    } else {
      this._state = EXITED;
    }
  }

  /** @ignore */
  _on_timeout(): void {
    (this._task as Task<unknown>).cancel();
    this._state = EXPIRING;
    this._handle = null;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Timeout.__aenter__", this.prototype._aenter_body);
    _named("Timeout.__aexit__", this.prototype._aexit_body);
  }
}

/**
 * A `Timeout` that expires `delay` seconds from now (loop time); `null`
 * never expires. If the block is still running then, it is cancelled and
 * `async_with` raises `TimeoutError` (its `cause` is the
 * `CancelledError`). A delay of 0 or less expires on the next loop
 * iteration. Of nested timeouts, each converts only its own cancellation.
 *
 * @param delay Seconds from now, or `null` for no deadline.
 * @returns A Timeout to enter with `async_with`.
 * @throws {RuntimeError} When no loop is running.
 * @throws {TypeError} When `delay` is neither a number nor `null`.
 * @throws {ValueError} When `delay` is NaN.
 *
 * @example Async function body
 * ```ts
 * import { async_with, coroutine, run, sleep, timeout, TimeoutError } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   try {
 *     await async_with(timeout(1.5), async () => {
 *       await sleep(10);
 *     });
 *   } catch (error) {
 *     console.log(error instanceof TimeoutError); // true
 *   }
 * })(), { clock: "virtual" });
 * ```
 *
 * @example Generator body
 * ```ts
 * import { async_with, coroutine, run, sleep, timeout } from "@aiots/asyncio";
 * const main = coroutine(function* () {
 *   const value: string | undefined = yield* async_with(timeout(5), function* () {
 *     yield* sleep(1);
 *     return "in time";
 *   });
 *   console.log(value); // in time
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export function timeout(delay: number | null): Timeout {
  const loop = _get_running_loop();
  if (loop === null) throw new RuntimeError("timeout(): no running event loop");
  const seconds = check_seconds_or_null(delay, "timeout(): delay");
  return new Timeout(seconds === null ? null : loop.time() + seconds);
}

/**
 * A `Timeout` that expires at loop time `when` (compare with
 * `loop.time()`, not wall-clock time); `null` never expires. Otherwise as
 * `timeout()`.
 *
 * @param when The deadline in loop time, or `null`.
 * @returns A Timeout to enter with `async_with`.
 * @throws {TypeError} When `when` is neither a number nor `null`.
 * @throws {ValueError} When `when` is NaN.
 *
 * @example
 * ```ts
 * import {
 *   async_with, coroutine, get_running_loop, run, sleep, timeout_at, TimeoutError,
 * } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const loop = get_running_loop();
 *   try {
 *     await async_with(timeout_at(loop.time() + 2), async () => await sleep(5));
 *   } catch (error) {
 *     console.log(error instanceof TimeoutError, loop.time()); // true 2
 *   }
 * })(), { clock: "virtual" });
 * ```
 */
export function timeout_at(when: number | null): Timeout {
  return new Timeout(when);
}
