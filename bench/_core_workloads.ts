/**
 * The foundation's benchmark workloads, shared by `core_bench.ts` (under
 * `deno bench`) and `compare.ts` (one timed run each, as a table). Each
 * workload has our version and, where one makes sense, a plain-JavaScript
 * equivalent (Promises, microtasks, host timers). The CPython versions are
 * `py/core_<name>.py`, written to do the same work step for step.
 *
 * @module
 */

import {
  coroutine,
  create_task,
  get_running_loop,
  new_event_loop,
  sleep,
  type Task,
  type TimerHandle,
} from "../mod.ts";
import { on_new_loop } from "./_harness.ts";

/** The sizes the issue asks for. */
export const SIZES = {
  call_soon: 1_000_000,
  sleep0: 1_000_000,
  spawn: 100_000,
  timers: 200_000,
  memory: 100_000,
} as const;

// ---------------------------------------------------------------- call_soon

/** `n` callbacks, each scheduling the next one: one callback per loop iteration. */
export async function call_soon_chain(n: number): Promise<void> {
  const loop = new_event_loop();
  let left = n;
  const tick = (): void => {
    if (--left > 0) loop.call_soon(tick);
    else loop.stop();
  };
  loop.call_soon(tick);
  await loop.run_forever();
  loop.close();
  if (left !== 0) throw new Error(`call_soon_chain: ${left} callbacks did not run`);
}

/** `n` callbacks scheduled up front, then run in one loop iteration. */
export async function call_soon_batch(n: number): Promise<void> {
  const loop = new_event_loop();
  let count = 0;
  const tick = (): void => {
    count++;
  };
  for (let i = 0; i < n; i++) loop.call_soon(tick);
  loop.call_soon(() => loop.stop());
  await loop.run_forever();
  loop.close();
  if (count !== n) throw new Error(`call_soon_batch: ${count} of ${n} callbacks ran`);
}

/** Plain JS: a chain of `n` microtasks, each queueing the next. */
export function microtask_chain(n: number): Promise<void> {
  return new Promise((resolve) => {
    let left = n;
    const tick = (): void => {
      if (--left > 0) queueMicrotask(tick);
      else resolve();
    };
    queueMicrotask(tick);
  });
}

/** Plain JS: `n` microtasks queued up front. */
export function microtask_batch(n: number): Promise<void> {
  return new Promise((resolve) => {
    let count = 0;
    const tick = (): void => {
      if (++count === n) resolve();
    };
    for (let i = 0; i < n; i++) queueMicrotask(tick);
  });
}

// ------------------------------------------------------------------- sleep0

const sleep0_gen = coroutine(function* (n: number) {
  for (let i = 0; i < n; i++) yield* sleep(0);
});

const sleep0_async = coroutine(async (n: number) => {
  for (let i = 0; i < n; i++) await sleep(0);
});

/** One generator-coroutine task doing `n` `yield* sleep(0)`. */
export function sleep0_generator(n: number): Promise<void> {
  return on_new_loop(() => sleep0_gen(n));
}

/** One async-function-coroutine task doing `n` `await sleep(0)`. */
export function sleep0_async_fn(n: number): Promise<void> {
  return on_new_loop(() => sleep0_async(n));
}

/** Plain JS: one async function doing `n` `await null`. */
export async function await_null(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await null;
}

/** Plain JS: one async function doing `n` `await Promise.resolve()`. */
export async function await_resolved(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

// -------------------------------------------------------------------- spawn

// The children do nothing, as `async def child(): return 1` in py/core_spawn.py.
// deno-lint-ignore require-await
const child_async = coroutine(async () => 1);
// deno-lint-ignore require-yield
const child_gen = coroutine(function* () {
  return 1;
});

const spawn_async_main = coroutine(async (n: number) => {
  const tasks: Task<number>[] = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = create_task(child_async());
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await tasks[i];
  if (sum !== n) throw new Error(`spawn: sum ${sum} != ${n}`);
});

const spawn_gen_main = coroutine(function* (n: number) {
  const tasks: Task<number>[] = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = create_task(child_gen());
  let sum = 0;
  for (let i = 0; i < n; i++) sum += yield* tasks[i];
  if (sum !== n) throw new Error(`spawn: sum ${sum} != ${n}`);
});

/** `n` async-function child tasks created by an async main task, then each awaited. */
export function spawn_async(n: number): Promise<void> {
  return on_new_loop(() => spawn_async_main(n));
}

/** `n` generator child tasks created by a generator main task, then each awaited. */
export function spawn_generator(n: number): Promise<void> {
  return on_new_loop(() => spawn_gen_main(n));
}

/** Plain JS: `n` async function calls started, then each awaited. */
export async function spawn_promises(n: number): Promise<void> {
  // deno-lint-ignore require-await
  const child = async (): Promise<number> => 1;
  const promises: Promise<number>[] = new Array(n);
  for (let i = 0; i < n; i++) promises[i] = child();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await promises[i];
  if (sum !== n) throw new Error(`spawn: sum ${sum} != ${n}`);
}

// ------------------------------------------------------------------- timers

/**
 * The delay of timer `i` of `n`: distinct, between 10 and 11 seconds, in a
 * scattered order (7919 is prime and coprime with the sizes used), so the
 * heap does real sifting. `py/core_timers.py` uses the same formula.
 */
export function timer_delay(i: number, n: number): number {
  return 10 + ((i * 7919) % n) / n;
}

function noop(): void {}

const timers_main = coroutine(async (n: number) => {
  const loop = get_running_loop();
  const handles: TimerHandle[] = new Array(n);
  for (let i = 0; i < n; i++) handles[i] = loop.call_later(timer_delay(i, n), noop);
  for (let i = 0; i < n; i++) handles[i].cancel();
  await sleep(0); // the next iteration drops the cancelled timers from the heap
  if (loop._scheduled.length !== 0) {
    throw new Error(`timers: ${loop._scheduled.length} cancelled timers left in the heap`);
  }
});

/** `n` `call_later` timers with distinct delays, all cancelled, then one loop iteration. */
export function timers(n: number): Promise<void> {
  return on_new_loop(() => timers_main(n));
}

/** Plain JS: `n` host `setTimeout` timers with the same delays, all cleared. */
export function host_timers(n: number): Promise<void> {
  const ids: ReturnType<typeof setTimeout>[] = new Array(n);
  for (let i = 0; i < n; i++) ids[i] = setTimeout(noop, timer_delay(i, n) * 1000);
  for (let i = 0; i < n; i++) clearTimeout(ids[i]);
  return Promise.resolve();
}
