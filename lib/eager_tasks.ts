/**
 * Eager task factories, as asyncio's `eager_task_factory` and
 * `create_eager_task_factory`: every task the loop makes starts its
 * coroutine inside `create_task`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import type { CoroutineLike } from "./coroutines.ts";
import type { Future } from "./futures.ts";
import { repr } from "./_repr.ts";
import { Task, type TaskConstructorOptions, type TaskOptions } from "./tasks.ts";

/** A Task class (or subclass) that a factory constructs with `eager_start: true`. */
export type TaskConstructor = new <T>(
  coro: CoroutineLike<T>,
  options?: TaskConstructorOptions,
) => Task<T>;

/**
 * Makes a task factory that constructs `custom_task_constructor` with
 * `eager_start: true`: the coroutine's first step runs inside
 * `create_task`, and a coroutine that finishes there gives a task that is
 * already done, never scheduled. (For async functions, see the
 * `eager_start` option: their first step runs eagerly up to the first
 * await, and their end is seen at the loop's next iteration.)
 *
 * @param custom_task_constructor `Task` or a subclass.
 * @returns A factory for `loop.set_task_factory()`.
 * @throws {TypeError} When `custom_task_constructor` is not a function.
 *
 * @example
 * ```ts
 * import { coroutine, create_eager_task_factory, create_task, get_running_loop, run, Task } from "@aiots/asyncio";
 * const quick = coroutine(function* () {
 *   return 1;
 * });
 * await run(coroutine(async () => {
 *   get_running_loop().set_task_factory(create_eager_task_factory(Task));
 *   console.log(create_task(quick()).done()); // true
 * })());
 * ```
 */
export function create_eager_task_factory(
  custom_task_constructor: TaskConstructor,
): <T>(loop: AbstractEventLoop, coro: CoroutineLike<T>, options?: TaskOptions) => Future<T> {
  if (typeof custom_task_constructor !== "function") {
    throw new TypeError(
      `create_eager_task_factory(): custom_task_constructor must be a Task class, got ${
        repr(custom_task_constructor)
      }`,
    );
  }
  return function factory<T>(
    loop: AbstractEventLoop,
    coro: CoroutineLike<T>,
    options?: TaskOptions,
  ) {
    return new custom_task_constructor(coro, { ...options, loop, eager_start: true });
  };
}

/**
 * The task factory that starts every task eagerly:
 * `loop.set_task_factory(eager_task_factory)`.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, eager_task_factory, get_running_loop, run } from "@aiots/asyncio";
 * const log: string[] = [];
 * const child = coroutine(function* () {
 *   log.push("child runs");
 * });
 * await run(coroutine(async () => {
 *   get_running_loop().set_task_factory(eager_task_factory);
 *   create_task(child());
 *   log.push("after create_task");
 * })());
 * console.log(log); // [ "child runs", "after create_task" ]
 * ```
 */
export const eager_task_factory: ReturnType<typeof create_eager_task_factory> =
  create_eager_task_factory(Task);
