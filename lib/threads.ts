/**
 * `to_thread`: run a function off the loop's thread, as asyncio's
 * `threads` module, in a Web Worker of the loop's default executor.
 *
 * @module
 */

import { Coroutine } from "./coroutines.ts";
import { get_running_loop } from "./events.ts";
import type { ExecutorFunction } from "./executors.ts";
import { _named } from "./_waiting.ts";
import { check_function } from "./_checks.ts";

const to_thread_body = _named(
  "to_thread",
  function* <A extends unknown[], R>(
    func: ExecutorFunction<A, R>,
    args: A,
  ): Generator<unknown, R, unknown> {
    return (yield get_running_loop().run_in_executor(null, func, ...args)) as R;
  },
);

/**
 * Runs `func(...args)` in a Web Worker and gives its result, as asyncio's
 * `to_thread`: the loop goes on meanwhile. The function crosses to the
 * worker as source text, its arguments and result as structured clones,
 * so it must be self-contained (no variables from around it; `await
 * import(...)` what it needs). Use the real clock: the virtual one does not
 * wait for workers.
 *
 * @param func A self-contained function, possibly async.
 * @param args Its arguments: cloneable values.
 * @returns A coroutine of the result.
 * @throws {TypeError} When `func` is not a function.
 *
 * @example
 * ```ts
 * import { coroutine, run, to_thread } from "@aiots/asyncio";
 * const fib = (n: number): number => {
 *   const step = (k: number): number => (k < 2 ? k : step(k - 1) + step(k - 2));
 *   return step(n);
 * };
 * console.log(await run(coroutine(async () => await to_thread(fib, 25))())); // 75025
 * ```
 */
export function to_thread<A extends unknown[], R>(
  func: ExecutorFunction<A, R>,
  ...args: A
): Coroutine<R> {
  check_function(func, "to_thread(): func");
  return new Coroutine(to_thread_body, undefined, [func, args]);
}
