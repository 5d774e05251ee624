/**
 * Waiting on several Futures (`wait`) and on one awaitable with a time
 * limit (`wait_for`), as the functions of the same names in asyncio's
 * `tasks` module.
 *
 * Exports: `wait`, `wait_for`, `FIRST_COMPLETED`, `FIRST_EXCEPTION`,
 * `ALL_COMPLETED`, `ReturnWhen`, `WaitOptions`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { type Awaitable, Coroutine } from "./coroutines.ts";
import { check_awaitable, check_seconds_or_null, isgenerator } from "./_checks.ts";
import type { TimerHandle } from "./handles.ts";
import { CancelledError, TimeoutError, ValueError } from "./exceptions.ts";
import { _own_rejection, Future } from "./futures.ts";
import { _get_running_loop } from "./_running.ts";
import { repr } from "./_repr.ts";
import { ensure_future } from "./tasks.ts";
import { Timeout } from "./timeouts.ts";

/**
 * `wait()` returns when any Future finishes or is cancelled.
 *
 * @example
 * ```ts
 * import { create_task, coroutine, FIRST_COMPLETED, run, sleep, wait } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const fast = create_task(sleep(1, "fast"));
 *   const slow = create_task(sleep(2, "slow"));
 *   const [done, pending] = await wait([fast, slow], { return_when: FIRST_COMPLETED });
 *   console.log(done.has(fast), pending.has(slow)); // true true
 *   slow.cancel();
 * })(), { clock: "virtual" });
 * ```
 */
export const FIRST_COMPLETED = "FIRST_COMPLETED";

/**
 * `wait()` returns when any Future finishes with an error, or when all are
 * done; the same as `ALL_COMPLETED` if none fails.
 *
 * @example
 * ```ts
 * import { create_task, coroutine, FIRST_EXCEPTION, run, sleep, wait } from "@aiots/asyncio";
 * const fail = coroutine(async () => {
 *   await sleep(1);
 *   throw new Error("boom");
 * });
 * await run(coroutine(async () => {
 *   const bad = create_task(fail());
 *   const slow = create_task(sleep(5));
 *   const [done, pending] = await wait([bad, slow], { return_when: FIRST_EXCEPTION });
 *   console.log(done.has(bad), pending.has(slow), String(bad.exception())); // true true Error: boom
 *   slow.cancel();
 * })(), { clock: "virtual" });
 * ```
 */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";

/**
 * `wait()` returns when every Future is done (the default).
 *
 * @example
 * ```ts
 * import { ALL_COMPLETED, create_task, coroutine, run, sleep, wait } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const tasks = [create_task(sleep(1)), create_task(sleep(2))];
 *   const [done, pending] = await wait(tasks, { return_when: ALL_COMPLETED });
 *   console.log(done.size, pending.size); // 2 0
 * })(), { clock: "virtual" });
 * ```
 */
export const ALL_COMPLETED = "ALL_COMPLETED";

/**
 * When `wait()` returns: `FIRST_COMPLETED`, `FIRST_EXCEPTION` or `ALL_COMPLETED`.
 *
 * @example
 * ```ts
 * import { FIRST_COMPLETED, type ReturnWhen } from "@aiots/asyncio";
 * const when: ReturnWhen = FIRST_COMPLETED;
 * console.log(when); // FIRST_COMPLETED
 * ```
 */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/**
 * Options of `wait()`: Python's keyword arguments `timeout` and `return_when`.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, FIRST_COMPLETED, run, sleep, wait, type WaitOptions } from "@aiots/asyncio";
 * const options: WaitOptions = { timeout: 5, return_when: FIRST_COMPLETED };
 * await run(coroutine(async () => {
 *   const [done] = await wait([create_task(sleep(1))], options);
 *   console.log(done.size); // 1
 * })(), { clock: "virtual" });
 * ```
 */
export interface WaitOptions {
  /** Return after this many seconds at the latest (`null`: no limit). No error is raised. */
  timeout?: number | null;
  /** When to return; `ALL_COMPLETED` by default. */
  return_when?: ReturnWhen;
}

function release_waiter(waiter: Future<unknown>): void {
  if (!waiter.done()) waiter.set_result(undefined);
}

function* wait_body<F extends Future<unknown>>(
  aws: Iterable<F>,
  options: WaitOptions | undefined,
): Generator<unknown, [Set<F>, Set<F>], unknown> {
  // A generator object here is an iterable of Futures, not a coroutine.
  if (aws instanceof Future || aws instanceof Coroutine) {
    throw new TypeError(
      `wait(): aws must be an iterable of Futures or Tasks, not a single ${
        aws instanceof Future ? aws.constructor.name : "coroutine"
      }`,
    );
  }
  if (
    aws === null || typeof aws !== "object" ||
    typeof (aws as Iterable<F>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(`wait(): aws must be an iterable of Futures or Tasks, got ${repr(aws)}`);
  }
  if (options !== undefined && (options === null || typeof options !== "object")) {
    throw new TypeError(`wait(): options must be an object, got ${repr(options)}`);
  }
  const fs = new Set<F>(aws);
  if (fs.size === 0) throw new ValueError("wait(): aws is empty: Set of Tasks/Futures is empty.");
  const return_when = options?.return_when === undefined ? ALL_COMPLETED : options.return_when;
  if (
    return_when !== FIRST_COMPLETED && return_when !== FIRST_EXCEPTION &&
    return_when !== ALL_COMPLETED
  ) {
    throw new ValueError(
      `wait(): invalid return_when value: ${
        repr(return_when)
      } (expected FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED)`,
    );
  }
  for (const f of fs) {
    if (f instanceof Coroutine || isgenerator(f)) {
      throw new TypeError("wait(): passing coroutines is forbidden, use tasks explicitly.");
    }
    if (!(f instanceof Future)) {
      throw new TypeError(
        `wait(): aws must contain only Futures or Tasks, got ${
          repr(f)
        } (wrap Promises with ensure_future())`,
      );
    }
  }
  const timeout = options?.timeout === undefined
    ? null
    : check_seconds_or_null(options.timeout, "wait(): options.timeout");
  const loop = _get_running_loop() as AbstractEventLoop; // the body runs in a task

  const waiter = loop.create_future<void>();
  let timeout_handle: TimerHandle | null = null;
  if (timeout !== null && timeout !== Infinity) {
    timeout_handle = loop._call_at(loop.time() + timeout, release_waiter, [waiter]);
  }
  let counter = fs.size;
  const on_completion = (f: F): void => {
    counter--;
    if (
      counter <= 0 || return_when === FIRST_COMPLETED ||
      return_when === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null
    ) {
      if (timeout_handle !== null) timeout_handle.cancel();
      if (!waiter.done()) waiter.set_result(undefined);
    }
  };
  for (const f of fs) f.add_done_callback(on_completion);
  try {
    yield waiter;
  } finally {
    if (timeout_handle !== null) timeout_handle.cancel();
    for (const f of fs) f.remove_done_callback(on_completion);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const f of fs) {
    if (f.done()) done.add(f);
    else pending.add(f);
  }
  return [done, pending];
}

/**
 * Waits for Futures and Tasks to finish, and returns them as two `Set`s:
 * `[done, pending]`. It cancels nothing and raises nothing for them (nor on
 * timeout: what is not done is in `pending`). `return_when` says when to
 * return: `ALL_COMPLETED` (default), `FIRST_COMPLETED` or
 * `FIRST_EXCEPTION`. As in Python 3.12, coroutines are refused: wrap them
 * with `create_task` (and Promises with `ensure_future`) so that you can
 * find them in the result.
 *
 * The arguments are checked when the returned coroutine is awaited, as in
 * Python (`wait` is an `async def`).
 *
 * @param aws An iterable of Futures or Tasks (duplicates count once).
 * @param options `timeout` in seconds (`null`: none), `return_when`.
 * @returns A coroutine of `[done, pending]`.
 * @throws {TypeError} When `aws` is not an iterable of Futures (a single
 * Future or coroutine, coroutines inside, other values), or `options` or
 * `options.timeout` has the wrong type.
 * @throws {ValueError} When `aws` is empty, `return_when` is not one of the
 * three constants, or `options.timeout` is NaN.
 *
 * @example Async function
 * ```ts
 * import { coroutine, create_task, run, sleep, wait } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const tasks = [create_task(sleep(1, "a")), create_task(sleep(3, "b"))];
 *   const [done, pending] = await wait(tasks, { timeout: 2 });
 *   console.log(done.size, pending.size); // 1 1
 *   for (const task of pending) task.cancel();
 * })(), { clock: "virtual" });
 * ```
 *
 * @example Generator
 * ```ts
 * import { coroutine, create_task, run, sleep, wait } from "@aiots/asyncio";
 * const main = coroutine(function* () {
 *   const tasks = [create_task(sleep(1, "a")), create_task(sleep(2, "b"))];
 *   const [done] = yield* wait(tasks);
 *   console.log([...done].map((t) => t.result()).sort().join(",")); // a,b
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export function wait<F extends Future<unknown>>(
  aws: Iterable<F>,
  options?: WaitOptions,
): Coroutine<[Set<F>, Set<F>]> {
  // Promises are refused when the coroutine runs; theirs are errors of their own.
  if (Array.isArray(aws) || aws instanceof Set) { for (const aw of aws) _own_rejection(aw); }
  return new Coroutine(wait_body<F>, undefined, [aws, options]);
}

/** Cancels `fut` and waits until it is done, without being cancellable through it. */
function* cancel_and_wait(
  fut: Future<unknown>,
  loop: AbstractEventLoop,
): Generator<unknown, void, unknown> {
  const waiter = loop.create_future<void>();
  const cb = (): void => release_waiter(waiter);
  fut.add_done_callback(cb);
  try {
    fut.cancel();
    yield waiter;
  } finally {
    fut.remove_done_callback(cb);
  }
}

function* wait_for_body<T>(aw: Awaitable<T>, timeout: unknown): Generator<unknown, T, unknown> {
  check_awaitable(aw, "wait_for(): aw");
  const seconds = check_seconds_or_null(timeout, "wait_for(): timeout");
  const loop = _get_running_loop() as AbstractEventLoop; // the body runs in a task

  if (seconds !== null && seconds <= 0) {
    // As CPython: schedule it, and cancel it before it can start.
    const fut = ensure_future(aw, loop);
    if (fut.done()) return fut.result();
    yield* cancel_and_wait(fut, loop);
    try {
      return fut.result();
    } catch (error) {
      if (error instanceof CancelledError) throw new TimeoutError("", { cause: error });
      throw error;
    }
  }

  // `async with timeout(seconds): return await aw`, with the context
  // manager's enter and exit done inline.
  const now = seconds === null ? null : loop.time();
  const cm = new Timeout(now === null ? null : now + (seconds as number));
  cm._enter(now);
  let result: T;
  try {
    const target = aw instanceof Future || aw instanceof Coroutine || isgenerator(aw)
      ? aw
      : ensure_future(aw, loop);
    result = (yield target) as T;
  } catch (error) {
    cm._exit(error);
    throw error;
  }
  cm._exit(undefined);
  return result;
}

/**
 * Waits for `aw` with a time limit, as Python 3.12's `asyncio.wait_for`
 * (which is `async with timeout(seconds): return await aw`). A coroutine
 * runs inline in the awaiting task; a Promise is adapted with
 * `ensure_future`. When time runs out, `aw` is cancelled and awaited, then
 * `TimeoutError` is raised with the `CancelledError` as `cause` (if `aw`
 * swallows the cancellation and returns a value, that value is returned).
 * Cancelling the waiting task cancels `aw` too; wrap it in `shield()` to
 * prevent that. `timeout` `null` waits forever; 0 or less cancels `aw` at
 * once, before a coroutine even starts.
 *
 * The arguments are checked when the returned coroutine is awaited.
 *
 * @param aw A Future, Task, coroutine, generator or Promise.
 * @param timeout Seconds, or `null` for no limit.
 * @returns A coroutine of the result of `aw`.
 * @throws {TimeoutError} When time ran out.
 * @throws {TypeError} When `aw` is not awaitable or `timeout` is neither a number nor `null`.
 * @throws {ValueError} When `timeout` is NaN.
 *
 * @example Async function
 * ```ts
 * import { coroutine, run, sleep, TimeoutError, wait_for } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   console.log(await wait_for(sleep(1, "quick"), 5)); // quick
 *   try {
 *     await wait_for(sleep(10), 2);
 *   } catch (error) {
 *     console.log(error instanceof TimeoutError); // true
 *   }
 * })(), { clock: "virtual" });
 * ```
 *
 * @example Generator
 * ```ts
 * import { coroutine, run, sleep, wait_for } from "@aiots/asyncio";
 * const main = coroutine(function* () {
 *   const value: string = yield* wait_for(sleep(1, "quick"), 5);
 *   console.log(value); // quick
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export function wait_for<T>(aw: Awaitable<T>, timeout: number | null): Coroutine<T> {
  _own_rejection(aw);
  return new Coroutine(wait_for_body<T>, undefined, [aw, timeout]);
}
