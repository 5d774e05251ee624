/**
 * Memory per sleeping task: starts 100,000 tasks that each `await sleep(1000)`
 * and reports the growth of the V8 heap (`Deno.memoryUsage().heapUsed` after
 * a full GC) per task. Compared with `py/core_memory.py`.
 *
 * Needs `--expose-gc`; `core_bench.ts` and `compare.ts` run it as
 *
 *     deno run --v8-flags=--expose-gc bench/memory.ts [n]
 *
 * and read the one JSON line it prints:
 * `{"n", "async_bytes_per_task", "generator_bytes_per_task", "promise_bytes_per_task"}`.
 *
 * @module
 */

import { coroutine, create_task, new_event_loop, sleep, type Task } from "../mod.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("memory.ts: run with --v8-flags=--expose-gc");
  Deno.exit(2);
}

function heap_after_gc(): number {
  // Twice: the first pass may leave garbage found only by the second (weak refs, finalizers).
  gc!();
  gc!();
  return Deno.memoryUsage().heapUsed;
}

const sleeper_async = coroutine(async () => {
  await sleep(1000);
});

const sleeper_gen = coroutine(function* () {
  yield* sleep(1000);
});

/** Starts `n` sleeping tasks on a fresh virtual-clock loop; returns heap bytes per task. */
async function per_task(
  n: number,
  sleeper: typeof sleeper_async | typeof sleeper_gen,
): Promise<number> {
  const loop = new_event_loop({ clock: "virtual" });
  const main = coroutine(async () => {
    await sleep(0);
    const before = heap_after_gc();
    const tasks: Task<void>[] = new Array(n);
    for (let i = 0; i < n; i++) tasks[i] = create_task(sleeper());
    await sleep(0); // every task has started and is sleeping
    const after = heap_after_gc();
    const sleeping = tasks.filter((t) => !t.done()).length;
    if (sleeping !== n || loop._scheduled.length !== n) {
      throw new Error(`memory: ${sleeping} tasks and ${loop._scheduled.length} timers, not ${n}`);
    }
    for (const task of tasks) task.cancel();
    await sleep(0);
    await sleep(0);
    if (!tasks.every((t) => t.cancelled())) throw new Error("memory: tasks did not cancel");
    return (after - before) / n;
  });
  try {
    return await loop.run_until_complete(main());
  } finally {
    loop.close();
  }
}

/** Plain JS: `n` async functions each suspended on a pending promise. */
async function per_promise(n: number): Promise<number> {
  await null;
  const before = heap_after_gc();
  const resolvers: (() => void)[] = new Array(n);
  const pending: Promise<void>[] = new Array(n);
  const waiter = async (i: number): Promise<void> => {
    await new Promise<void>((resolve) => {
      resolvers[i] = resolve;
    });
  };
  for (let i = 0; i < n; i++) pending[i] = waiter(i);
  const after = heap_after_gc();
  for (const resolve of resolvers) resolve();
  await Promise.all(pending);
  return (after - before) / n;
}

const n = Number(Deno.args[0] ?? 100_000);
if (!Number.isInteger(n) || n <= 0) {
  console.error(`memory.ts: n must be a positive integer, got ${Deno.args[0]}`);
  Deno.exit(2);
}
const result = {
  n,
  async_bytes_per_task: Math.round(await per_task(n, sleeper_async)),
  generator_bytes_per_task: Math.round(await per_task(n, sleeper_gen)),
  promise_bytes_per_task: Math.round(await per_promise(n)),
};
console.log(JSON.stringify(result));
