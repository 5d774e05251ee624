/**
 * Synchronization primitives, as asyncio's `locks` module: `Lock`,
 * `Event`, `Condition`, `Semaphore`, `BoundedSemaphore` and `Barrier`.
 *
 * Waiting coroutines queue up in FIFO order as Futures; a release wakes
 * the first waiter that is not cancelled, and a waiter cancelled after it
 * was woken passes the wake-up on, so a cancellation never leaves a
 * primitive stuck and never makes another waiter skip its turn.
 *
 * Methods that wait (`acquire()`, `wait()`, ...) return lazy `Coroutine`s:
 * `await` them in async coroutines, `yield*` them in generator coroutines.
 * The lock-like classes work with `async_with` (Python's `async with`) and,
 * through `acquire_context()`, with `using` / `await using`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { BrokenBarrierError, CancelledError, RuntimeError, ValueError } from "./exceptions.ts";
import type { Future } from "./futures.ts";
import { repr } from "./_repr.ts";
import { check_function, check_integer } from "./_checks.ts";
import { _get_loop, _named, _NO_ARGS, _remove_waiter, _wait_in_line } from "./_waiting.ts";
import { Deque } from "./_deque.ts";

/**
 * Resolves the first `n` waiters of `waiters` that are not done yet with
 * `value`; they stay queued (each removes itself when it wakes up).
 *
 * @returns How many waiters were woken.
 */
function wake(waiters: Deque<Future<boolean>>, n: number, value: boolean): number {
  let woken = 0;
  for (let i = 0; i < waiters.length && woken < n; i++) {
    const fut = waiters.at(i) as Future<boolean>;
    if (!fut.done()) {
      woken++;
      fut.set_result(value);
    }
  }
  return woken;
}

/** Whether every waiter of `waiters` (none included) is cancelled. */
function all_cancelled(waiters: Deque<Future<unknown>>): boolean {
  for (let i = 0; i < waiters.length; i++) {
    if (!(waiters.at(i) as Future<unknown>).cancelled()) return false;
  }
  return true;
}

/**
 * What `acquire_context()` gives: disposing of it releases what was
 * acquired, once. Works with `using` (the release is synchronous) and with
 * `await using`, in async-function and generator coroutines.
 *
 * @example
 * ```ts
 * import { type Acquired, coroutine, run, Semaphore } from "@aiots/asyncio";
 * const sem = new Semaphore(1);
 * await run(coroutine(function* () {
 *   {
 *     using _slot: Acquired = yield* sem.acquire_context();
 *     console.log(sem.locked()); // true
 *   }
 *   console.log(sem.locked()); // false: released at the end of the block
 * })());
 * ```
 */
export interface Acquired extends Disposable, AsyncDisposable {
  /** Releases what was acquired; later calls do nothing. */
  release(): void;
}

/** The object behind `Acquired`. */
class Guard implements Acquired {
  #owner: { release(): void } | null;

  constructor(owner: { release(): void }) {
    this.#owner = owner;
  }

  release(): void {
    const owner = this.#owner;
    if (owner === null) return;
    this.#owner = null;
    owner.release();
  }

  [Symbol.dispose](): void {
    this.release();
  }

  [Symbol.asyncDispose](): Promise<void> {
    this.release();
    return Promise.resolve();
  }
}

/**
 * What `Lock`, `Condition`, `Semaphore` and `BoundedSemaphore` share (as
 * asyncio's `_ContextManagerMixin`): built on their `acquire()` and
 * `release()`, it makes them asynchronous context managers for
 * `async_with` (Python's `async with`) and gives `acquire_context()` for
 * `using` / `await using`.
 *
 * @example One way to hold any of them
 * ```ts
 * import {
 *   type AcquireContextManager,
 *   async_with,
 *   BoundedSemaphore,
 *   Condition,
 *   coroutine,
 *   Lock,
 *   run,
 *   Semaphore,
 * } from "@aiots/asyncio";
 * const primitives: AcquireContextManager[] = [
 *   new Lock(),
 *   new Condition(),
 *   new Semaphore(),
 *   new BoundedSemaphore(),
 * ];
 * await run(coroutine(async () => {
 *   for (const primitive of primitives) {
 *     await async_with(primitive, async () => console.log(`${primitive}`)); // <Lock [locked]>, ...
 *   }
 * })());
 * ```
 */
export abstract class AcquireContextManager {
  /**
   * Acquires the primitive, waiting in FIFO order while it is taken.
   *
   * @returns A coroutine resolving to `true` once acquired.
   */
  abstract acquire(): Coroutine<boolean>;

  /** Releases what `acquire()` took. */
  abstract release(): void;

  /**
   * `async with primitive`: acquires it, as `acquire()` does.
   *
   * @returns A coroutine resolving to `null` once acquired.
   *
   * @example
   * ```ts
   * import { coroutine, Lock, run } from "@aiots/asyncio";
   * const lock = new Lock();
   * await run(coroutine(async () => {
   *   console.log(await lock.__aenter__()); // null
   *   console.log(lock.locked()); // true
   *   await lock.__aexit__();
   * })());
   * ```
   */
  __aenter__(): Coroutine<null> {
    return new Coroutine<null>(this._aenter_body, this, _NO_ARGS);
  }

  /** `__aenter__()`'s body. */
  private *_aenter_body(): Generator<unknown, null, unknown> {
    yield* this.acquire();
    return null;
  }

  /**
   * Leaves `async with primitive`: releases it. Errors pass through.
   *
   * @param _error The error the body raised, if any.
   * @returns A coroutine resolving to `false` (errors are not swallowed).
   *
   * @example
   * ```ts
   * import { coroutine, run, Semaphore } from "@aiots/asyncio";
   * const sem = new Semaphore(1);
   * await run(coroutine(async () => {
   *   await sem.__aenter__();
   *   console.log(await sem.__aexit__(new Error("from the body"))); // false
   *   console.log(sem.locked()); // false
   * })());
   * ```
   */
  __aexit__(_error?: unknown): Coroutine<false> {
    return new Coroutine<false>(this._aexit_body, this, _NO_ARGS);
  }

  /** `__aexit__()`'s body. */
  // deno-lint-ignore require-yield
  private *_aexit_body(): Generator<unknown, false, unknown> {
    this.release();
    return false;
  }

  /**
   * Acquires the primitive and gives a guard that releases it when
   * disposed: `using _ = await lock.acquire_context()` in an async
   * coroutine, `using _ = yield* lock.acquire_context()` in a generator
   * coroutine. (The primitive itself is not disposable: the acquire must
   * finish before `using` takes the resource.)
   *
   * @returns A coroutine resolving to the guard once acquired.
   *
   * @example
   * ```ts
   * import { coroutine, Lock, run } from "@aiots/asyncio";
   * const lock = new Lock();
   * await run(coroutine(async () => {
   *   {
   *     using _held = await lock.acquire_context();
   *     console.log(lock.locked()); // true
   *   }
   *   console.log(lock.locked()); // false
   * })());
   * ```
   */
  acquire_context(): Coroutine<Acquired> {
    return new Coroutine<Acquired>(this._acquire_context_body, this, _NO_ARGS);
  }

  /** `acquire_context()`'s body. */
  private *_acquire_context_body(): Generator<unknown, Acquired, unknown> {
    yield* this.acquire();
    return new Guard(this);
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("__aenter__", this.prototype._aenter_body);
    _named("__aexit__", this.prototype._aexit_body);
    _named("acquire_context", this.prototype._acquire_context_body);
  }
}

// ---------------------------------------------------------------------------
// Lock

/**
 * A mutual-exclusion lock, not owned by any task. `acquire()` waits until
 * the lock is free and takes it; `release()` frees it and lets the first
 * waiting task (FIFO) take it.
 *
 * Use it with `async_with` so that it is released on every exit path, or
 * with `using _ = await lock.acquire_context()`.
 *
 * @example Guarding a critical section
 * ```ts
 * import { async_with, coroutine, create_task, gather, Lock, run, sleep } from "@aiots/asyncio";
 * const lock = new Lock();
 * const worker = coroutine(async (name: string) => {
 *   await async_with(lock, async () => {
 *     console.log(name, "in");
 *     await sleep(1);
 *     console.log(name, "out");
 *   });
 * });
 * await run(coroutine(async () => {
 *   await gather(create_task(worker("a")), create_task(worker("b")));
 * })(), { clock: "virtual" }); // a in, a out, b in, b out
 * ```
 */
export class Lock extends AcquireContextManager {
  /** @ignore */
  _waiters: Deque<Future<boolean>> | null = null;
  /** @ignore */
  _locked = false;
  /** @ignore */
  _loop: AbstractEventLoop | null = null;

  /**
   * Whether the lock is held.
   *
   * @returns `true` when some task holds the lock.
   */
  locked(): boolean {
    return this._locked;
  }

  /**
   * Takes the lock, waiting in FIFO order while it is held. A task
   * cancelled while waiting does not take the lock and does not keep the
   * next waiter from taking it.
   *
   * @returns A coroutine that resolves to `true` once the lock is held.
   *
   * @example
   * ```ts
   * import { coroutine, Lock, run } from "@aiots/asyncio";
   * const lock = new Lock();
   * await run(coroutine(async () => {
   *   await lock.acquire();
   *   try {
   *     console.log(lock.locked()); // true
   *   } finally {
   *     lock.release();
   *   }
   * })());
   * ```
   */
  acquire(): Coroutine<true> {
    return new Coroutine<true>(this._acquire_body, this, _NO_ARGS);
  }

  /**
   * `acquire()`'s body; `Barrier` runs it inline, with no coroutine of its own.
   *
   * @ignore
   */
  *_acquire_body(): Generator<unknown, true, unknown> {
    if (!this._locked && (this._waiters === null || all_cancelled(this._waiters))) {
      this._locked = true;
      return true;
    }
    const waiters = this._waiters ??= new Deque();
    const fut = _get_loop(this).create_future<boolean>();
    // Inline, not `_wait_in_line`: a contended acquire is a hot path, and
    // a delegated generator per wait costs it.
    waiters.push(fut);
    try {
      try {
        yield fut;
      } finally {
        _remove_waiter(waiters, fut);
      }
    } catch (error) {
      // Woken but cancelled before taking the lock: pass the wake-up on.
      if (error instanceof CancelledError && !this._locked) this._wake_up_first();
      throw error;
    }
    this._locked = true;
    return true;
  }

  /**
   * Frees the lock and wakes the first waiting task, if any.
   *
   * @throws {RuntimeError} When the lock is not held.
   */
  release(): void {
    if (!this._locked) throw new RuntimeError("Lock is not acquired.");
    this._locked = false;
    this._wake_up_first();
  }

  /** @ignore */
  _wake_up_first(): void {
    const first = this._waiters?.peek();
    // A done first waiter wakes up later anyway: it takes the lock, or
    // passes the wake-up on if it was cancelled.
    if (first !== undefined && !first.done()) first.set_result(true);
  }

  /**
   * Describes the lock: `<Lock [locked, waiters:2]>`.
   *
   * @returns The description.
   */
  override toString(): string {
    let extra = this._locked ? "locked" : "unlocked";
    if (this._waiters !== null && this._waiters.length > 0) {
      extra += `, waiters:${this._waiters.length}`;
    }
    return `<Lock [${extra}]>`;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Lock.acquire", this.prototype._acquire_body);
  }
}

// ---------------------------------------------------------------------------
// Event

/**
 * A flag tasks can wait for: `set()` wakes every waiting task, `clear()`
 * lowers the flag again.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, Event, run, sleep } from "@aiots/asyncio";
 * const event = new Event();
 * const waiter = coroutine(async () => {
 *   await event.wait();
 *   console.log("event was set");
 * });
 * await run(coroutine(async () => {
 *   const task = create_task(waiter());
 *   await sleep(1);
 *   event.set();
 *   await task;
 * })(), { clock: "virtual" });
 * ```
 */
export class Event {
  /** @ignore */
  readonly _waiters: Deque<Future<boolean>> = new Deque();
  /** @ignore */
  _value = false;
  /** @ignore */
  _loop: AbstractEventLoop | null = null;

  /**
   * Whether the flag is set.
   *
   * @returns `true` after `set()` and before `clear()`.
   */
  is_set(): boolean {
    return this._value;
  }

  /** Sets the flag and wakes every waiting task; later `wait()`s return at once. */
  set(): void {
    if (this._value) return;
    this._value = true;
    wake(this._waiters, Infinity, true);
  }

  /** Lowers the flag: `wait()` blocks again until the next `set()`. */
  clear(): void {
    this._value = false;
  }

  /**
   * Waits until the flag is set.
   *
   * @returns A coroutine resolving to `true`.
   *
   * @example
   * ```ts
   * import { coroutine, Event, run } from "@aiots/asyncio";
   * const event = new Event();
   * event.set();
   * await run(coroutine(async () => console.log(await event.wait()))()); // true
   * ```
   */
  wait(): Coroutine<true> {
    return new Coroutine<true>(this._wait_body, this, _NO_ARGS);
  }

  /** `wait()`'s body. */
  private *_wait_body(): Generator<unknown, true, unknown> {
    if (this._value) return true;
    yield* _wait_in_line(this._waiters, _get_loop(this).create_future<boolean>());
    return true;
  }

  /**
   * Describes the event: `<Event [unset, waiters:1]>`.
   *
   * @returns The description.
   */
  toString(): string {
    let extra = this._value ? "set" : "unset";
    if (this._waiters.length > 0) extra += `, waiters:${this._waiters.length}`;
    return `<Event [${extra}]>`;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Event.wait", this.prototype._wait_body);
  }
}

// ---------------------------------------------------------------------------
// Condition

const NO_ERROR: unique symbol = Symbol("no error");

/**
 * A condition variable: tasks holding its lock `wait()` until another task
 * holding the lock calls `notify()`. The lock is its own `Lock` or one
 * shared with other conditions.
 *
 * @example Producer and consumer
 * ```ts
 * import { async_with, Condition, coroutine, create_task, run, sleep } from "@aiots/asyncio";
 * const cond = new Condition();
 * const items: string[] = [];
 * const consumer = coroutine(async () => {
 *   await async_with(cond, async () => {
 *     await cond.wait_for(() => items.length > 0);
 *     console.log("got", items.shift());
 *   });
 * });
 * await run(coroutine(async () => {
 *   const task = create_task(consumer());
 *   await sleep(1);
 *   await async_with(cond, async () => {
 *     items.push("x");
 *     cond.notify();
 *   });
 *   await task;
 * })(), { clock: "virtual" });
 * ```
 */
export class Condition extends AcquireContextManager {
  /** @ignore */
  readonly _lock: Lock;
  /** @ignore */
  readonly _waiters: Deque<Future<boolean>> = new Deque();
  /** @ignore */
  _loop: AbstractEventLoop | null = null;

  /**
   * Makes a condition over `lock`, or over a new `Lock`.
   *
   * @param lock The lock to use; `null`/`undefined` for a new one.
   * @throws {TypeError} When `lock` is not a `Lock`.
   */
  constructor(lock?: Lock | null) {
    super();
    if (lock === undefined || lock === null) lock = new Lock();
    else if (!(lock instanceof Lock)) {
      throw new TypeError(`Condition(): lock must be a Lock, got ${repr(lock)}`);
    }
    this._lock = lock;
  }

  /**
   * Whether the underlying lock is held.
   *
   * @returns `true` when the lock is held.
   */
  locked(): boolean {
    return this._lock.locked();
  }

  /**
   * Acquires the underlying lock.
   *
   * @returns A coroutine resolving to `true` once the lock is held.
   */
  acquire(): Coroutine<true> {
    return this._lock.acquire();
  }

  /**
   * Releases the underlying lock.
   *
   * @throws {RuntimeError} When the lock is not held.
   */
  release(): void {
    this._lock.release();
  }

  /**
   * Releases the lock, waits for a `notify()`, and takes the lock again
   * before returning, even when the wait is cancelled (the cancellation is
   * raised once the lock is held again).
   *
   * @returns A coroutine resolving to `true`.
   * @throws {RuntimeError} (from the coroutine) When the lock is not held.
   *
   * @example
   * ```ts
   * import { Condition, coroutine, create_task, run, sleep } from "@aiots/asyncio";
   * const cond = new Condition();
   * await run(coroutine(async () => {
   *   const waiter = create_task(coroutine(async () => {
   *     await cond.acquire();
   *     await cond.wait();
   *     console.log("notified, lock held:", cond.locked());
   *     cond.release();
   *   })());
   *   await sleep(1);
   *   await cond.acquire();
   *   cond.notify();
   *   cond.release();
   *   await waiter;
   * })(), { clock: "virtual" });
   * ```
   */
  wait(): Coroutine<true> {
    return new Coroutine<true>(this._wait_body, this, _NO_ARGS);
  }

  /** `wait()`'s body. */
  private *_wait_body(): Generator<unknown, true, unknown> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    this.release();
    let failure: unknown = NO_ERROR;
    try {
      yield* _wait_in_line(this._waiters, _get_loop(this).create_future<boolean>());
    } catch (error) {
      failure = error;
    }
    // The lock is held again on every way out, cancellation included.
    let cancelled = false;
    for (;;) {
      try {
        yield this._lock.acquire();
        break;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        cancelled = true;
      }
    }
    if (cancelled) throw new CancelledError();
    if (failure !== NO_ERROR) throw failure;
    return true;
  }

  /**
   * Waits until `predicate()` is truthy, calling `wait()` between checks;
   * the lock must be held.
   *
   * @param predicate Called with the lock held; its truthy result ends the wait.
   * @returns A coroutine resolving to the predicate's last result.
   * @throws {TypeError} When `predicate` is not a function.
   *
   * @example
   * ```ts
   * import { Condition, coroutine, run } from "@aiots/asyncio";
   * const cond = new Condition();
   * await run(coroutine(async () => {
   *   await cond.acquire();
   *   console.log(await cond.wait_for(() => "ready")); // ready
   *   cond.release();
   * })());
   * ```
   */
  wait_for<R>(predicate: () => R): Coroutine<R> {
    check_function(predicate, "Condition.wait_for(): predicate");
    return new Coroutine<R>(this._wait_for_body, this, [predicate]);
  }

  /**
   * `wait_for()`'s body; `Barrier` runs it inline, with no coroutine of its own.
   *
   * @ignore
   */
  *_wait_for_body<R>(predicate: () => R): Generator<unknown, R, unknown> {
    let result = predicate();
    while (!result) {
      yield* this._wait_body();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting tasks (FIFO); the lock must be held. Woken
   * tasks return from `wait()` once they get the lock back.
   *
   * @param n How many waiters to wake; 1 by default.
   * @throws {RuntimeError} When the lock is not held.
   * @throws {TypeError} When `n` is not a number.
   */
  notify(n: number = 1): void {
    if (typeof n !== "number") {
      throw new TypeError(`Condition.notify(): n must be a number, got ${repr(n)}`);
    }
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    wake(this._waiters, n, false);
  }

  /**
   * Wakes every waiting task; the lock must be held.
   *
   * @throws {RuntimeError} When the lock is not held.
   */
  notify_all(): void {
    this.notify(this._waiters.length);
  }

  /**
   * Describes the condition: `<Condition [locked, waiters:1]>`.
   *
   * @returns The description.
   */
  override toString(): string {
    let extra = this.locked() ? "locked" : "unlocked";
    if (this._waiters.length > 0) extra += `, waiters:${this._waiters.length}`;
    return `<Condition [${extra}]>`;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Condition.wait", this.prototype._wait_body);
    _named("Condition.wait_for", this.prototype._wait_for_body);
  }
}

// ---------------------------------------------------------------------------
// Semaphore

/**
 * A counter of free slots: `acquire()` takes one, waiting (FIFO) while
 * there is none; `release()` gives one back.
 *
 * @example At most two at a time
 * ```ts
 * import { async_with, coroutine, create_task, gather, run, Semaphore, sleep } from "@aiots/asyncio";
 * const sem = new Semaphore(2);
 * const job = coroutine(async (n: number) => {
 *   await async_with(sem, async () => {
 *     console.log("start", n);
 *     await sleep(1);
 *   });
 * });
 * await run(coroutine(async () => {
 *   await gather(...[1, 2, 3].map((n) => create_task(job(n))));
 * })(), { clock: "virtual" }); // 1 and 2 start at 0 s, 3 at 1 s
 * ```
 */
export class Semaphore extends AcquireContextManager {
  /** @ignore */
  _value: number;
  /** @ignore */
  _waiters: Deque<Future<boolean>> | null = null;
  /** @ignore */
  _loop: AbstractEventLoop | null = null;

  /**
   * Makes a semaphore with `value` free slots.
   *
   * @param value The initial count, an integer >= 0; 1 by default.
   * @throws {TypeError} When `value` is not a number.
   * @throws {ValueError} When `value` is negative or not an integer.
   */
  constructor(value: number = 1) {
    super();
    check_integer(value, "Semaphore(): value");
    if (value < 0) throw new ValueError(`Semaphore initial value must be >= 0, got ${value}`);
    this._value = value;
  }

  /**
   * Whether `acquire()` would have to wait.
   *
   * @returns `true` when no slot is free or other tasks are already waiting.
   */
  locked(): boolean {
    return this._value === 0 || (this._waiters !== null && !all_cancelled(this._waiters));
  }

  /**
   * Takes a slot, waiting in FIFO order while there is none.
   *
   * @returns A coroutine resolving to `true` once a slot is taken.
   *
   * @example
   * ```ts
   * import { coroutine, run, Semaphore } from "@aiots/asyncio";
   * const sem = new Semaphore(1);
   * await run(coroutine(async () => {
   *   await sem.acquire();
   *   console.log(sem.locked()); // true
   *   sem.release();
   * })());
   * ```
   */
  acquire(): Coroutine<true> {
    return new Coroutine<true>(this._acquire_body, this, _NO_ARGS);
  }

  /** `acquire()`'s body. */
  private *_acquire_body(): Generator<unknown, true, unknown> {
    if (!this.locked()) {
      this._value--;
      return true;
    }
    const waiters = this._waiters ??= new Deque();
    const fut = _get_loop(this).create_future<boolean>();
    // Inline, not `_wait_in_line`: a contended acquire is a hot path, and
    // a delegated generator per wait costs it.
    waiters.push(fut);
    try {
      try {
        yield fut;
      } finally {
        _remove_waiter(waiters, fut);
      }
    } catch (error) {
      // Woken (the count was taken for us) but cancelled: give it back.
      if (error instanceof CancelledError && !fut.cancelled()) {
        this._value++;
        this._wake_up_next();
      }
      throw error;
    }
    if (this._value > 0) this._wake_up_next();
    return true;
  }

  /** Gives a slot back and wakes the first waiting task, if any. */
  release(): void {
    this._value++;
    this._wake_up_next();
  }

  /** @ignore */
  _wake_up_next(): void {
    // The woken waiter's slot is taken for it (set_result only schedules its wake-up).
    if (this._waiters !== null && wake(this._waiters, 1, true) === 1) this._value--;
  }

  /**
   * Describes the semaphore: `<Semaphore [unlocked, value:2]>`.
   *
   * @returns The description.
   */
  override toString(): string {
    let extra = this.locked() ? "locked" : `unlocked, value:${this._value}`;
    if (this._waiters !== null && this._waiters.length > 0) {
      extra += `, waiters:${this._waiters.length}`;
    }
    return `<${this.constructor.name} [${extra}]>`;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Semaphore.acquire", this.prototype._acquire_body);
  }
}

/**
 * A `Semaphore` that refuses to be released above its initial value,
 * which catches a release without a matching acquire.
 *
 * @example
 * ```ts
 * import { BoundedSemaphore, ValueError } from "@aiots/asyncio";
 * const sem = new BoundedSemaphore(1);
 * try {
 *   sem.release();
 * } catch (error) {
 *   console.log(error instanceof ValueError); // true
 * }
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  /** @ignore */
  readonly _bound_value: number;

  /**
   * Makes a bounded semaphore with `value` free slots, at most.
   *
   * @param value The initial and highest count, an integer >= 0; 1 by default.
   * @throws {TypeError} When `value` is not a number.
   * @throws {ValueError} When `value` is negative or not an integer.
   */
  constructor(value: number = 1) {
    super(value);
    this._bound_value = value;
  }

  /**
   * Gives a slot back.
   *
   * @throws {ValueError} When that would raise the count above the initial value.
   */
  override release(): void {
    if (this._value >= this._bound_value) {
      throw new ValueError("BoundedSemaphore released too many times");
    }
    super.release();
  }
}

// ---------------------------------------------------------------------------
// Barrier

const FILLING = "filling";
const DRAINING = "draining";
const RESETTING = "resetting";
const BROKEN = "broken";
type BarrierState = typeof FILLING | typeof DRAINING | typeof RESETTING | typeof BROKEN;

/**
 * A meeting point for a fixed number of tasks: each `wait()` blocks until
 * `parties` tasks are waiting, then all go on together. `abort()` breaks
 * it and `reset()` brings it back; both make the tasks waiting in it raise
 * `BrokenBarrierError`.
 *
 * @example
 * ```ts
 * import { Barrier, coroutine, create_task, gather, run, sleep } from "@aiots/asyncio";
 * const barrier = new Barrier(3);
 * const party = coroutine(async (delay: number) => {
 *   await sleep(delay);
 *   const index = await barrier.wait();
 *   console.log("arrived at", delay, "index", index);
 * });
 * await run(coroutine(async () => {
 *   await gather(...[1, 2, 3].map((d) => create_task(party(d))));
 * })(), { clock: "virtual" }); // all three go on at 3 s
 * ```
 */
export class Barrier {
  /** @ignore */
  readonly _cond: Condition = new Condition();
  /** @ignore */
  readonly _parties: number;
  /** @ignore */
  _state: BarrierState = FILLING;
  /** @ignore */
  _count = 0;
  /** @ignore */
  readonly _not_busy: () => boolean = () => this._state !== DRAINING && this._state !== RESETTING;
  /** @ignore */
  readonly _not_filling: () => boolean = () => this._state !== FILLING;

  /**
   * Makes a barrier for `parties` tasks.
   *
   * @param parties How many tasks must wait before all go on; an integer >= 1.
   * @throws {TypeError} When `parties` is not a number.
   * @throws {ValueError} When `parties` is less than 1 or not an integer.
   */
  constructor(parties: number) {
    check_integer(parties, "Barrier(): parties");
    if (parties < 1) throw new ValueError(`Barrier(): parties must be > 0, got ${parties}`);
    this._parties = parties;
  }

  /**
   * Waits until `parties` tasks wait on the barrier, then all go on.
   *
   * @returns A coroutine resolving to this task's arrival index, from 0 to
   *   `parties - 1`; it raises `BrokenBarrierError` when the barrier is
   *   aborted or reset while waiting.
   *
   * @example
   * ```ts
   * import { Barrier, coroutine, run } from "@aiots/asyncio";
   * const barrier = new Barrier(1);
   * await run(coroutine(async () => console.log(await barrier.wait()))()); // 0
   * ```
   */
  wait(): Coroutine<number> {
    return new Coroutine<number>(this._wait_body, this, _NO_ARGS);
  }

  /** `wait()`'s body. */
  private *_wait_body(): Generator<unknown, number, unknown> {
    const cond = this._cond;
    yield* cond._lock._acquire_body();
    try {
      // Block while the barrier drains or resets.
      yield* cond._wait_for_body(this._not_busy);
      if (this._state === BROKEN) throw new BrokenBarrierError("Barrier aborted");
      try {
        const index = this._count++;
        if (index + 1 === this._parties) {
          this._state = DRAINING; // the last one in releases the others
          cond.notify_all();
        } else {
          yield* cond._wait_for_body(this._not_filling);
          const state = this._state as BarrierState; // changed while we waited
          if (state === BROKEN || state === RESETTING) {
            throw new BrokenBarrierError("Abort or reset of barrier");
          }
        }
        return index;
      } finally {
        this._count--;
        this._exit();
      }
    } finally {
      cond.release();
    }
  }

  /**
   * Brings the barrier back to its empty state; tasks waiting in it raise
   * `BrokenBarrierError`.
   *
   * @returns A coroutine that resolves once the barrier is reset.
   */
  reset(): Coroutine<void> {
    return new Coroutine<void>(this._reset_body, this, _NO_ARGS);
  }

  /** `reset()`'s body. */
  private *_reset_body(): Generator<unknown, void, unknown> {
    const cond = this._cond;
    yield* cond._lock._acquire_body();
    try {
      if (this._count > 0) this._state = RESETTING;
      else this._state = FILLING;
      cond.notify_all();
    } finally {
      cond.release();
    }
  }

  /**
   * Breaks the barrier: waiting tasks and later `wait()`s raise
   * `BrokenBarrierError` until `reset()`.
   *
   * @returns A coroutine that resolves once the barrier is broken.
   *
   * @example
   * ```ts
   * import { Barrier, BrokenBarrierError, coroutine, run } from "@aiots/asyncio";
   * const barrier = new Barrier(2);
   * await run(coroutine(async () => {
   *   await barrier.abort();
   *   console.log(barrier.broken); // true
   *   try {
   *     await barrier.wait();
   *   } catch (error) {
   *     console.log(error instanceof BrokenBarrierError); // true
   *   }
   * })());
   * ```
   */
  abort(): Coroutine<void> {
    return new Coroutine<void>(this._abort_body, this, _NO_ARGS);
  }

  /** `abort()`'s body. */
  private *_abort_body(): Generator<unknown, void, unknown> {
    const cond = this._cond;
    yield* cond._lock._acquire_body();
    try {
      this._state = BROKEN;
      cond.notify_all();
    } finally {
      cond.release();
    }
  }

  /** The number of tasks needed to trip the barrier. */
  get parties(): number {
    return this._parties;
  }

  /** The number of tasks waiting while the barrier fills; 0 otherwise. */
  get n_waiting(): number {
    return this._state === FILLING ? this._count : 0;
  }

  /** Whether the barrier is broken (aborted). */
  get broken(): boolean {
    return this._state === BROKEN;
  }

  /** @ignore */
  _exit(): void {
    // The last task out ends draining or resetting and wakes the blocked.
    if (this._count === 0) {
      if (this._state === RESETTING || this._state === DRAINING) this._state = FILLING;
      this._cond.notify_all();
    }
  }

  /**
   * `async with barrier`: waits on the barrier.
   *
   * @returns A coroutine resolving to the arrival index.
   */
  __aenter__(): Coroutine<number> {
    return this.wait();
  }

  /**
   * Leaves `async with barrier`; does nothing.
   *
   * @param _error The error the body raised, if any.
   * @returns A coroutine resolving to `false` (errors are not swallowed).
   */
  __aexit__(_error?: unknown): Coroutine<false> {
    return new Coroutine<false>(this._aexit_body, this, _NO_ARGS);
  }

  /** `__aexit__()`'s body. */
  // deno-lint-ignore require-yield
  private *_aexit_body(): Generator<unknown, false, unknown> {
    return false;
  }

  /**
   * Describes the barrier: `<Barrier [filling, waiters:1/3]>`.
   *
   * @returns The description.
   */
  toString(): string {
    let extra: string = this._state;
    if (!this.broken) extra += `, waiters:${this.n_waiting}/${this._parties}`;
    return `<Barrier [${extra}]>`;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Barrier.wait", this.prototype._wait_body);
    _named("Barrier.reset", this.prototype._reset_body);
    _named("Barrier.abort", this.prototype._abort_body);
    _named("Barrier.__aexit__", this.prototype._aexit_body);
  }
}
