/**
 * `shield`: protect an awaitable from the cancellation of whoever awaits
 * it, as `asyncio.shield`.
 *
 * Exports: `shield`.
 *
 * @module
 */

import type { Awaitable } from "./coroutines.ts";
import { check_awaitable } from "./_checks.ts";
import type { Future } from "./futures.ts";
import { ensure_future } from "./tasks.ts";
import { _stands_for } from "./graph.ts";

/**
 * Waits for `aw` while shielding it from cancellation: cancelling the task
 * that awaits the shield (or the returned Future) raises `CancelledError`
 * there, but `aw` keeps running. If `aw` is cancelled by other means, the
 * shield is cancelled too. A coroutine is scheduled as a Task (keep a
 * reference to it if you need its result later); a Promise is adapted with
 * `ensure_future`. When `aw` is already done it is returned as it is.
 *
 * @param aw A Future, Task, coroutine, generator or Promise.
 * @returns A Future that follows `aw`, or `aw` itself when it is done.
 * @throws {TypeError} When `aw` is not awaitable.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, run, shield, sleep, wait_for } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const save = create_task(sleep(3, "saved"));
 *   try {
 *     await wait_for(shield(save), 1); // gives up waiting, but the save goes on
 *   } catch (error) {
 *     console.log((error as Error).name, save.cancelled()); // TimeoutError false
 *   }
 *   console.log(await save); // saved
 * })(), { clock: "virtual" });
 * ```
 */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  check_awaitable(aw, "shield(): aw");
  const inner = ensure_future(aw);
  if (inner.done()) return inner;
  const outer = inner._loop.create_future<T>();
  const inner_done = (inner: Future<T>): void => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception(); // mark the result as retrieved
      return;
    }
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const error = inner.exception();
    if (error !== null) outer.set_exception(error);
    else outer.set_result(inner.result());
  };
  const outer_done = (): void => {
    if (!inner.done()) inner.remove_done_callback(inner_done);
  };
  // The inner future is awaited by the task that shields it (call graphs).
  const current = inner._loop._current_task;
  if (current !== null) _stands_for(inner_done, current);
  inner.add_done_callback(inner_done);
  outer.add_done_callback(outer_done);
  return outer;
}
