/**
 * `async_with`: Python's `async with` statement as a function, for
 * async-function and generator bodies.
 *
 * @module
 */

import { type Awaitable, Coroutine, InlineCall } from "./coroutines.ts";
import { is_awaitable } from "./_checks.ts";
import { AcquireContextManager } from "./locks.ts";
import { _call_in_task } from "./tasks.ts";

/**
 * An asynchronous context manager: `__aenter__()` gives the value bound by
 * `as`, `__aexit__(error)` runs on every exit; a truthy result from it
 * swallows the error.
 */
export interface AsyncContextManager<T> {
  /** Enters the context; its result is passed to the body. */
  __aenter__(): Awaitable<T>;
  /** Leaves the context, with the body's error or `undefined`; truthy swallows the error. */
  __aexit__(error: unknown): Awaitable<boolean | void | undefined | null> | boolean | void;
}

/** The body of `async_with`: an async function or a generator function. */
export type AsyncWithBody<T, R> =
  | ((value: T) => PromiseLike<R> | Coroutine<R>)
  // deno-lint-ignore no-explicit-any
  | ((value: T) => Generator<unknown, R, any>);

/** The value `manager.__aenter__()` gives (awaited): what `async with ... as` binds. */
export type EnteredValue<M> = M extends { __aenter__(): infer E }
  ? E extends Awaitable<infer V> ? V : E
  : never;

/**
 * The result type of `async_with(manager, body)` for a body giving `R`:
 * `R` when the manager's `__aexit__` is typed never to resolve truthy
 * (`Lock`, `TaskGroup`, `timeout()`...: `false`, `undefined` or `null`, as
 * Python type checkers read `__aexit__`), else `R | undefined`, since a
 * truthy `__aexit__` swallows the body's error and the result is then
 * `undefined`.
 */
export type AsyncWithResult<M, R> = M extends { __aexit__(error: unknown): infer X }
  ? [X extends Awaitable<infer V> ? V : X] extends [false | null | undefined | void] ? R
  : R | undefined
  : R | undefined;

const NO_AWAIT: unique symbol = Symbol("no await");

/**
 * What to yield for a value a call made inside the task's step gave back:
 * a promise from an async function runs inline in the task, a generator,
 * Coroutine, Future or thenable is yielded as it is; anything else is
 * already the result (`NO_AWAIT`).
 */
function awaitable_of(produced: unknown): unknown {
  if (produced === null || typeof produced !== "object") return NO_AWAIT;
  if (produced instanceof Promise) return new InlineCall(produced);
  return is_awaitable(produced) ? produced : NO_AWAIT;
}

/** `async with manager as value: body(value)`, as one generator for both body styles. */
function* run_with<T, R>(
  manager: AsyncContextManager<T>,
  body: (value: T) => unknown,
): Generator<unknown, R | undefined, unknown> {
  const entered = manager.__aenter__();
  let awaitable = awaitable_of(entered);
  const value = (awaitable === NO_AWAIT ? entered : yield awaitable) as T;
  let result: unknown;
  try {
    result = _call_in_task(body, value);
    awaitable = awaitable_of(result);
    if (awaitable !== NO_AWAIT) result = yield awaitable;
  } catch (error) {
    const exit = manager.__aexit__(error);
    awaitable = awaitable_of(exit);
    if (awaitable === NO_AWAIT ? exit : yield awaitable) return undefined;
    throw error;
  }
  const exit = manager.__aexit__(undefined);
  awaitable = awaitable_of(exit);
  if (awaitable !== NO_AWAIT) yield awaitable;
  return result as R;
}

/**
 * Whether `manager` is a lock-like primitive with the stock `__aenter__`
 * (await `acquire()`, give `null`) and `__aexit__` (call `release()`), so
 * that `async_with` may call `acquire()` and `release()` itself.
 */
function is_stock_primitive(manager: object): manager is AcquireContextManager {
  return manager instanceof AcquireContextManager &&
    manager.__aenter__ === AcquireContextManager.prototype.__aenter__ &&
    manager.__aexit__ === AcquireContextManager.prototype.__aexit__;
}

/**
 * `run_with` for a stock primitive, without the two coroutines of its
 * `__aenter__` and `__aexit__`: a `Lock` taken in a loop spends most of
 * its time there otherwise.
 */
function* run_with_primitive<R>(
  primitive: AcquireContextManager,
  body: (value: null) => unknown,
): Generator<unknown, R, unknown> {
  yield primitive.acquire();
  try {
    const result = _call_in_task(body, null);
    const awaitable = awaitable_of(result);
    return (awaitable === NO_AWAIT ? result : yield awaitable) as R;
  } finally {
    primitive.release();
  }
}

/**
 * Runs `body` inside the asynchronous context manager `manager`, as
 * Python's `async with manager as value: ...`. Returns a coroutine: `await`
 * it in an async function, `yield*` it in a generator coroutine. It
 * resolves to the body's result, or `undefined` when `__aexit__` swallowed
 * the body's error; the result is typed `R` when `__aexit__` is typed
 * never to swallow (`Lock`, `Semaphore`, `Condition`, `TaskGroup`,
 * `timeout()`), `R | undefined` otherwise (see `AsyncWithResult`).
 *
 * @param manager Anything with `__aenter__` and `__aexit__`.
 * @param body An async function or a generator function given the value of `__aenter__`.
 * @returns A coroutine of the body's result.
 * @throws {TypeError} When `manager` lacks the protocol or `body` is not a function.
 *
 * @example
 * ```ts
 * import { async_with, coroutine, run } from "@aiots/asyncio";
 * const manager = {
 *   __aenter__: async () => "resource",
 *   __aexit__: async (error: unknown) => { console.log("exit", error); return false; },
 * };
 * await run(coroutine(async () => {
 *   await async_with(manager, async (value) => console.log("inside with", value));
 * })());
 * ```
 */
export function async_with<M extends AsyncContextManager<unknown>, R>(
  manager: M,
  body: AsyncWithBody<EnteredValue<M>, R>,
): Coroutine<AsyncWithResult<M, R>> {
  if (
    manager === null || typeof manager !== "object" ||
    typeof manager.__aenter__ !== "function" || typeof manager.__aexit__ !== "function"
  ) {
    throw new TypeError(
      "async_with(): manager must have __aenter__() and __aexit__() methods",
    );
  }
  if (typeof body !== "function") {
    throw new TypeError(`async_with(): body must be a function, got ${typeof body}`);
  }
  type Result = AsyncWithResult<M, R>;
  if (is_stock_primitive(manager)) {
    return new Coroutine(run_with_primitive<Result>, undefined, [manager, body]);
  }
  return new Coroutine(run_with<EnteredValue<M>, Result>, undefined, [manager, body]);
}
