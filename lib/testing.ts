/**
 * Testing with the loop, under any test runner: `asyncio_test` makes a
 * test function that runs its body on a fresh loop in debug mode and fails
 * on what the body leaves behind (as Python's `IsolatedAsyncioTestCase`,
 * and stricter); `advance` and `run_until_idle` drive time and the loop
 * from inside a test.
 *
 * @module
 */

import type { EventLoop } from "./base_events.ts";
import type { ClockKind } from "./clocks.ts";
import { Coroutine, coroutine, type CoroutineLike, iscoroutinefunction } from "./coroutines.ts";
import { get_running_loop, Handle } from "./events.ts";
import { RuntimeError, ValueError } from "./exceptions.ts";
import { _named } from "./_waiting.ts";
import { repr } from "./_repr.ts";
import { check_function } from "./_checks.ts";
import { Runner } from "./runners.ts";
import { all_tasks } from "./tasks.ts";
import { wait } from "./wait.ts";
import { forget_coroutine, forget_unretrieved, hold_leftovers, Leftovers } from "./_debug.ts";

/** A test body: an async function, a generator function or a coroutine function. */
export type TestBody = () => PromiseLike<unknown> | Generator<unknown, unknown, unknown>;

/** Options of `asyncio_test`. */
export interface AsyncioTestOptions {
  /**
   * The loop's clock: `"virtual"` (the default: starts at 0 and jumps to
   * the next timer whenever nothing is ready), `"manual"` (starts at 0 and
   * moves only by `advance()`) or `"real"` (for fake-timer libraries).
   */
  clock?: ClockKind;
  /**
   * `false` turns off the deadlock check of the virtual and manual clocks
   * (see `EventLoopOptions.deadlock`).
   */
  deadlock?: boolean;
}

/**
 * Thrown by an `asyncio_test` whose body passed but left work behind: tasks
 * still pending, errors nobody retrieved, coroutines never awaited,
 * callbacks or timers left on the loop, reports to its exception handler.
 */
export class LeftoversError extends Error {
  /** Makes the error; `problems` are the report's paragraphs. */
  constructor(problems: string[]) {
    super(`the test left work behind:\n${problems.join("\n")}`);
    this.name = "LeftoversError";
  }
}

/**
 * Makes a test function (for `Deno.test`, or any runner that awaits the
 * Promise a test returns) that runs `body` as a Task on a fresh loop in
 * debug mode, on the virtual clock by default, then closes the loop.
 *
 * The test fails with the body's own error if it throws, with a
 * `RuntimeError` naming every pending task and what it awaits if the
 * virtual or manual clock's loop deadlocks, and else with a
 * `LeftoversError` if the body left behind tasks still pending (they are
 * cancelled; those it cancelled itself are not counted), Future or Task
 * errors nobody retrieved, coroutines never awaited, callbacks or timers
 * on the loop, or errors that reached the loop's exception handler (which
 * logs them as usual).
 *
 * @param body The test: an async, generator or coroutine function.
 * @param options `clock` (`"virtual"`, `"manual"` or `"real"`) and
 * `deadlock`.
 * @returns The test function.
 * @throws {TypeError} When `body` is not a function.
 *
 * @example An hour of virtual time in a millisecond
 * ```ts
 * import { create_task, get_running_loop, sleep } from "@aiots/asyncio";
 * import { asyncio_test } from "@aiots/asyncio/testing";
 *
 * Deno.test("a job that takes an hour", asyncio_test(async () => {
 *   const job = create_task(sleep(3600, "done"));
 *   console.log(await job, get_running_loop().time()); // done 3600
 * }));
 * ```
 */
export function asyncio_test(
  body: TestBody,
  options: AsyncioTestOptions = {},
): () => Promise<void> {
  check_function(body, "asyncio_test(): body");
  return () => run_test(body, options);
}

/** Runs `body` as `asyncio_test` says. */
async function run_test(body: TestBody, options: AsyncioTestOptions): Promise<void> {
  const runner = new Runner({
    clock: options.clock ?? "virtual",
    deadlock: options.deadlock,
    debug: true,
  });
  const loop = runner.get_loop();
  const reported: string[] = [];
  loop.set_exception_handler((_loop, context) => {
    reported.push(context.message);
    loop.default_exception_handler(context);
  });
  const leftovers = new Leftovers();
  hold_leftovers(leftovers);
  try {
    const main = iscoroutinefunction(body) ? body() : coroutine(body as () => Promise<unknown>)();
    await runner.run(main as CoroutineLike<unknown>);
    const problems = await find_leftovers(loop, leftovers);
    if (reported.length > 0) {
      problems.push(
        `${count(reported.length, "report")} to the loop's exception handler (logged above):` +
          lines(reported),
      );
    }
    if (problems.length > 0) throw new LeftoversError(problems);
  } finally {
    hold_leftovers(null);
    for (const future of leftovers.unretrieved.keys()) forget_unretrieved(future);
    for (const coro of leftovers.unawaited.keys()) forget_coroutine(coro);
    await runner.close();
  }
}

/**
 * Describes what the test left behind, after cancelling the tasks it left
 * pending (those it had cancelled itself are not reported) and waiting for
 * them.
 */
async function find_leftovers(loop: EventLoop, leftovers: Leftovers): Promise<string[]> {
  const problems: string[] = [];
  const pending = all_tasks(loop);
  const leaked = [...pending].filter((task) => task.cancelling() === 0);
  if (leaked.length > 0) {
    problems.push(`${count(leaked.length, "task")} still pending (now cancelled):` + lines(leaked));
  }
  if (pending.size > 0) {
    for (const task of leaked) task.cancel();
    await loop.run_until_complete(wait(pending));
  }
  const callbacks = [...loop._ready].filter((entry) =>
    entry instanceof Handle && !entry._cancelled
  );
  if (callbacks.length > 0) {
    problems.push(`${count(callbacks.length, "callback")} left on the loop:` + lines(callbacks));
  }
  const timers = [...loop._scheduled].filter((timer) => !timer._cancelled);
  if (timers.length > 0) {
    problems.push(`${count(timers.length, "timer")} left on the loop:` + lines(timers));
  }
  for (const [future, message] of leftovers.unretrieved) {
    const error = future._exception;
    const text = (error instanceof Error ? error.stack : undefined) ?? repr(error);
    problems.push(`${message}: ${future}\n  ${text.replaceAll("\n", "\n  ")}`);
  }
  for (const report of leftovers.unawaited.values()) problems.push(report);
  return problems;
}

/** `"1 task"`, `"2 tasks"`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Each item on a line of its own, indented. */
function lines(items: Iterable<unknown>): string {
  let text = "";
  for (const item of items) text += `\n  ${item}`;
  return text;
}

const advance_clock = _named(
  "advance",
  function* (seconds: number): Generator<unknown, void, unknown> {
    const loop = get_running_loop();
    if (loop.clock !== "manual") {
      throw new RuntimeError(
        `advance() needs a loop on the manual clock; this loop's ${loop.clock} clock moves by ` +
          `itself (make the loop with { clock: "manual" })`,
      );
    }
    yield loop._wait_idle(loop.time() + seconds);
  },
);

/**
 * Moves a manual clock `seconds` forward, running everything due up to
 * then in the loop's order (each timer at its own time, and what it
 * starts), and returns once nothing is ready at the new time.
 *
 * @param seconds How far to move the clock; 0 runs what is due now.
 * @returns A coroutine to await in a task on a loop with the manual clock.
 * @throws {TypeError} When `seconds` is not a number.
 * @throws {ValueError} When `seconds` is negative, NaN or infinite.
 * @throws {RuntimeError} (when awaited) When the loop's clock is not
 * manual.
 *
 * @example A heartbeat, one beat at a time
 * ```ts
 * import { coroutine, create_task, get_running_loop, sleep } from "@aiots/asyncio";
 * import { advance, asyncio_test } from "@aiots/asyncio/testing";
 *
 * Deno.test("a beat a second", asyncio_test(async () => {
 *   const beats: number[] = [];
 *   const heart = create_task(coroutine(async () => {
 *     for (;;) {
 *       await sleep(1);
 *       beats.push(get_running_loop().time());
 *     }
 *   })());
 *   await advance(2.5);
 *   console.log(beats); // [ 1, 2 ]
 *   heart.cancel();
 * }, { clock: "manual" }));
 * ```
 */
export function advance(seconds: number): Coroutine<void> {
  if (typeof seconds !== "number") {
    throw new TypeError(`advance(): seconds must be a number, got ${repr(seconds)}`);
  }
  if (!(seconds >= 0) || seconds === Infinity) {
    throw new ValueError(
      `advance(): seconds must be a finite number of seconds, 0 or more, got ${repr(seconds)}`,
    );
  }
  return new Coroutine<void>(advance_clock, null, [seconds]);
}

const wait_until_idle = _named(
  "run_until_idle",
  function* (): Generator<unknown, void, unknown> {
    const loop = get_running_loop();
    yield loop._wait_idle(loop.time());
  },
);

/**
 * Lets every other task and callback run until nothing is ready, without
 * moving the clock (on the virtual clock, before it jumps), then returns.
 *
 * @returns A coroutine to await in a task.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, Queue } from "@aiots/asyncio";
 * import { asyncio_test, run_until_idle } from "@aiots/asyncio/testing";
 *
 * Deno.test("the consumer takes what is queued", asyncio_test(async () => {
 *   const queue = new Queue<string>();
 *   const consumer = create_task(coroutine(async () => {
 *     for (;;) console.log("got", await queue.get());
 *   })());
 *   queue.put_nowait("a");
 *   queue.put_nowait("b");
 *   await run_until_idle(); // got a, got b
 *   console.log(queue.empty()); // true
 *   consumer.cancel();
 * }));
 * ```
 */
export function run_until_idle(): Coroutine<void> {
  return new Coroutine<void>(wait_until_idle, null, []);
}
