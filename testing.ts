/**
 * Testing asyncio code: `asyncio_test(body)` makes a test function whose
 * body runs as a Task on a fresh loop, on the virtual clock by default and
 * in debug mode, and that fails on what the body leaves behind (tasks
 * still pending, errors nobody retrieved, coroutines never awaited,
 * callbacks and timers left on the loop) and on a deadlock. `advance()`
 * moves a manual clock; `run_until_idle()` lets the other tasks run. Like
 * the core, it needs no Deno API: any test runner that awaits a test's
 * Promise can run it.
 *
 * @example One line per test
 * ```ts
 * import { coroutine, create_task, Event, gather } from "@aiots/asyncio";
 * import { asyncio_test } from "@aiots/asyncio/testing";
 *
 * Deno.test("two tasks meet", asyncio_test(async () => {
 *   const here = new Event();
 *   const waiter = create_task(coroutine(async () => await here.wait())());
 *   here.set();
 *   console.log(await gather(waiter)); // [ true ]
 * }));
 * ```
 *
 * @example Manual time
 * ```ts
 * import { coroutine, create_task, sleep } from "@aiots/asyncio";
 * import { advance, asyncio_test } from "@aiots/asyncio/testing";
 *
 * Deno.test("the reminder comes after a minute, not before", asyncio_test(async () => {
 *   let reminded = false;
 *   const reminder = create_task(coroutine(async () => {
 *     await sleep(60);
 *     reminded = true;
 *   })());
 *   await advance(59);
 *   console.log(reminded); // false
 *   await advance(1);
 *   console.log(reminded, reminder.done()); // true true
 * }, { clock: "manual" }));
 * ```
 *
 * @module
 */

export {
  advance,
  asyncio_test,
  type AsyncioTestOptions,
  LeftoversError,
  run_until_idle,
  type TestBody,
} from "./lib/testing.ts";
