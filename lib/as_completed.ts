/**
 * `as_completed`: the awaitables of a group in the order they finish, as
 * Python 3.13's `asyncio.as_completed` (plain and asynchronous iteration).
 *
 * Exports: `as_completed`, `AsCompletedIterator`, `AsCompletedOptions`,
 * `CompletedFuture`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { type Awaitable, Coroutine } from "./coroutines.ts";
import { check_awaitable, check_seconds_or_null } from "./_checks.ts";
import type { TimerHandle } from "./handles.ts";
import { TimeoutError } from "./exceptions.ts";
import { Future } from "./futures.ts";
import { Deque } from "./_deque.ts";
import { repr } from "./_repr.ts";
import { _get_event_loop } from "./_running.ts";
import { ensure_future } from "./tasks.ts";

/**
 * Options of `as_completed()`: Python's keyword argument `timeout`.
 *
 * @example
 * ```ts
 * import { as_completed, type AsCompletedOptions, coroutine, run, sleep } from "@aiots/asyncio";
 * const options: AsCompletedOptions = { timeout: 10 };
 * await run(coroutine(async () => {
 *   for (const next of as_completed([sleep(1, "done")], options)) console.log(await next);
 * })(), { clock: "virtual" });
 * ```
 */
export interface AsCompletedOptions {
  /** Seconds after which the remaining awaits raise `TimeoutError` (`null`: no limit). */
  timeout?: number | null;
}

/**
 * The type of what `for await` over `as_completed()` gives: the finished
 * Future or Task itself, typed without `then`. (TypeScript types the
 * variable of a `for await` loop as the awaited value, so a thenable
 * `Future<T>` would be typed as `T`, which it is not.) Read it with
 * `result()`; to use it as a Future, compare it with your Tasks or cast it.
 *
 * @example
 * ```ts
 * import { as_completed, type CompletedFuture, coroutine, create_task, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const task = create_task(sleep(1, 7));
 *   for await (const fut of as_completed([task])) {
 *     const done: CompletedFuture<number> = fut;
 *     console.log(done === task, done.result()); // true 7
 *   }
 * })(), { clock: "virtual" });
 * ```
 */
export type CompletedFuture<T> = Omit<Future<T>, "then">;

function handle_timeout<T>(it: AsCompletedIterator<T>): void {
  it._handle_timeout();
}

/**
 * What `as_completed()` returns. Iterated with `for...of` it gives, for
 * each awaitable, a coroutine that waits for the next one to finish and
 * returns its result (or throws its error); iterated with `for await` it
 * gives the finished Futures themselves: the very Futures and Tasks that
 * were passed in, and the Tasks made for coroutines and Promises (typed as
 * `CompletedFuture<T>`: read them with `result()`).
 *
 * @example
 * ```ts
 * import { as_completed, coroutine, create_task, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const slow = create_task(sleep(2, "slow"));
 *   const fast = create_task(sleep(1, "fast"));
 *   for await (const task of as_completed([slow, fast])) {
 *     console.log(task === fast ? "fast first" : "slow second", task.result());
 *   }
 * })(), { clock: "virtual" });
 * ```
 */
export class AsCompletedIterator<T>
  implements IterableIterator<Coroutine<T>>, AsyncIterable<CompletedFuture<T>> {
  /** @ignore */
  readonly _loop: AbstractEventLoop;
  /** @ignore */
  readonly _done: Deque<Future<T> | null> = new Deque();
  /** @ignore */
  readonly _getters: Deque<Future<void>> = new Deque();
  /** @ignore */
  readonly _todo: Set<Future<T>>;
  /** @ignore */
  _todo_left: number;
  /** @ignore */
  _timeout_handle: TimerHandle | null = null;
  readonly #on_completion: (future: Future<T>) => void;

  /**
   * Schedules `aws` and starts watching them; prefer `as_completed()`.
   *
   * @throws {TypeError} When `aws` is not an iterable of awaitables or the timeout has the wrong type.
   * @throws {ValueError} When the timeout is NaN.
   */
  constructor(aws: Iterable<Awaitable<T>>, options?: AsCompletedOptions) {
    // A generator object here is an iterable of awaitables, not a coroutine.
    if (
      aws instanceof Future || aws instanceof Coroutine ||
      typeof (aws as unknown as PromiseLike<T>)?.then === "function"
    ) {
      throw new TypeError(
        `as_completed(): aws must be an iterable of awaitables, not a single awaitable ${
          repr(aws)
        }`,
      );
    }
    if (
      aws === null || typeof aws !== "object" ||
      typeof (aws as Iterable<T>)[Symbol.iterator] !== "function"
    ) {
      throw new TypeError(
        `as_completed(): aws must be an iterable of awaitables, got ${repr(aws)}`,
      );
    }
    if (options !== undefined && (options === null || typeof options !== "object")) {
      throw new TypeError(`as_completed(): options must be an object, got ${repr(options)}`);
    }
    const timeout = options?.timeout === undefined
      ? null
      : check_seconds_or_null(options.timeout, "as_completed(): options.timeout");
    const unique = new Set(aws);
    for (const aw of unique) check_awaitable(aw, "as_completed(): every item of aws");
    const loop = _get_event_loop();
    this._loop = loop;
    const todo = new Set<Future<T>>();
    for (const aw of unique) todo.add(ensure_future(aw, loop));
    this.#on_completion = (future) => this._handle_completion(future);
    for (const f of todo) f.add_done_callback(this.#on_completion);
    if (todo.size > 0 && timeout !== null && timeout !== Infinity) {
      this._timeout_handle = loop._call_at(loop.time() + timeout, handle_timeout, [this]);
    }
    this._todo = todo;
    this._todo_left = todo.size;
  }

  /** Plain iteration: the object is its own iterator. */
  [Symbol.iterator](): this {
    return this;
  }

  /**
   * The next coroutine: awaiting it returns the result of the next
   * awaitable to finish, or throws its error (or `TimeoutError`).
   */
  next(): IteratorResult<Coroutine<T>, undefined> {
    if (this._todo_left === 0) return { done: true, value: undefined };
    this._todo_left--;
    return { done: false, value: new Coroutine(wait_for_one<T>, undefined, [this, true]) };
  }

  /**
   * Asynchronous iteration (`for await`): each step waits for the next
   * Future to finish and gives it; it throws `TimeoutError` when time runs
   * out. Each `next()` returns a library coroutine (typed as a Promise for
   * `for await`): await it from a task, do not chain `.catch()` on it.
   */
  [Symbol.asyncIterator](): AsyncIterator<CompletedFuture<T>, undefined> {
    return {
      next: (): Promise<IteratorResult<CompletedFuture<T>, undefined>> => {
        // A library coroutine, so that `for await` in a task keeps the loop's order.
        return new Coroutine(anext_body<T>, undefined, [this]) as unknown as Promise<
          IteratorResult<CompletedFuture<T>, undefined>
        >;
      },
    };
  }

  /** @ignore */
  _handle_timeout(): void {
    for (const f of this._todo) {
      f.remove_done_callback(this.#on_completion);
      this._put(null); // one marker per awaitable left: each wait raises TimeoutError
    }
    this._todo.clear();
  }

  /** @ignore */
  _handle_completion(future: Future<T>): void {
    if (this._todo.size === 0) return; // the timeout came first
    this._todo.delete(future);
    this._put(future);
    if (this._todo.size === 0 && this._timeout_handle !== null) this._timeout_handle.cancel();
  }

  /**
   * Queue.put_nowait: stores `item` and wakes the first waiting getter.
   *
   * @ignore
   */
  _put(item: Future<T> | null): void {
    this._done.push(item);
    wakeup_next(this._getters);
  }
}

function wakeup_next(getters: Deque<Future<void>>): void {
  while (getters.length > 0) {
    const getter = getters.shift() as Future<void>;
    if (!getter.done()) {
      getter.set_result(undefined);
      break;
    }
  }
}

/** Queue.get on the finished Futures, then the result (`resolve`) or the Future itself. */
function* wait_for_one<T>(
  it: AsCompletedIterator<T>,
  resolve: boolean,
): Generator<unknown, T | Future<T>, unknown> {
  const done = it._done;
  while (done.length === 0) {
    const getter = it._loop.create_future<void>();
    it._getters.push(getter);
    try {
      yield getter;
    } catch (error) {
      getter.cancel();
      it._getters.remove(getter);
      if (done.length > 0 && !getter.cancelled()) wakeup_next(it._getters);
      throw error;
    }
  }
  const f = done.shift() as Future<T> | null;
  if (f === null) throw new TimeoutError();
  return resolve ? f.result() : f;
}

function* anext_body<T>(
  it: AsCompletedIterator<T>,
): Generator<unknown, IteratorResult<Future<T>, undefined>, unknown> {
  if (it._todo_left === 0) return { done: true, value: undefined };
  it._todo_left--;
  const f = (yield* wait_for_one(it, false)) as Future<T>;
  return { done: false, value: f };
}

/**
 * Runs awaitables concurrently and gives them back in the order they
 * finish, as Python 3.13's `asyncio.as_completed`. Coroutines and Promises
 * are scheduled with `ensure_future` right away; duplicates count once.
 *
 * - `for (const next of as_completed(aws))` gives coroutines: each returns
 *   the result of the next awaitable to finish, or throws its error.
 * - `for await (const fut of as_completed(aws))` (async functions) gives
 *   the finished Futures: the originals for Futures and Tasks. Read them
 *   with `fut.result()` (`CompletedFuture<T>`).
 *
 * With `timeout`, the awaits still open when it runs out throw
 * `TimeoutError`; the awaitables are not cancelled.
 *
 * @param aws An iterable of Futures, Tasks, coroutines, generators or Promises.
 * @param options `timeout` in seconds (`null`: no limit).
 * @returns An iterable and async-iterable `AsCompletedIterator`.
 * @throws {TypeError} When `aws` is a single awaitable or not an iterable
 * of awaitables, or `options.timeout` has the wrong type.
 * @throws {ValueError} When `options.timeout` is NaN.
 *
 * @example Plain iteration, generator coroutine
 * ```ts
 * import { as_completed, coroutine, run, sleep } from "@aiots/asyncio";
 * const main = coroutine(function* () {
 *   for (const next of as_completed([sleep(3, "c"), sleep(1, "a"), sleep(2, "b")])) {
 *     const value: string = yield* next;
 *     console.log(value); // a, then b, then c
 *   }
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 *
 * @example With a timeout
 * ```ts
 * import { as_completed, coroutine, run, sleep, TimeoutError } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   try {
 *     for (const next of as_completed([sleep(1, "a"), sleep(5, "b")], { timeout: 2 })) {
 *       console.log(await next); // a
 *     }
 *   } catch (error) {
 *     console.log(error instanceof TimeoutError); // true
 *   }
 * })(), { clock: "virtual" });
 * ```
 */
export function as_completed<T>(
  aws: Iterable<Awaitable<T>>,
  options?: AsCompletedOptions,
): AsCompletedIterator<T> {
  return new AsCompletedIterator(aws, options);
}
