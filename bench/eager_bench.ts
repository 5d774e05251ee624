/**
 * Eager tasks against lazy ones: one main task spawns 100,000 child tasks
 * that return without awaiting, then awaits each, with
 * `eager_task_factory` and with the default factory, beside CPython's
 * eager factory (and its default one) in the same run. CPython:
 * `py/eager_spawn.py`.
 *
 *     deno bench -A bench/eager_bench.ts
 *
 * @module
 */

import { coroutine, create_task, eager_task_factory, get_running_loop, type Task } from "../mod.ts";
import { bench_group, on_new_loop } from "./_harness.ts";

const RUNS = { ours: { n: 20, warmup: 5 }, cpython: { n: 5, warmup: 1 } };
const N = 100_000;

// deno-lint-ignore require-yield
const child_gen = coroutine(function* () {
  return 1;
});
// deno-lint-ignore require-await
const child_async = coroutine(async () => 1);

const spawn = coroutine(
  function* (n: number, eager: boolean, child: typeof child_gen | typeof child_async) {
    if (eager) get_running_loop().set_task_factory(eager_task_factory);
    const tasks: Task<number>[] = new Array(n);
    for (let i = 0; i < n; i++) tasks[i] = create_task(child());
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (yield tasks[i]) as number;
    if (sum !== n) throw new Error(`spawn: sum ${sum} != ${n}`);
  },
);

function run_spawn(eager: boolean, child: typeof child_gen | typeof child_async): Promise<void> {
  return on_new_loop(() => spawn(N, eager, child));
}

bench_group("spawn x100k, child returns at once: eager", {
  ours: [
    ["eager_task_factory, generator child", () => run_spawn(true, child_gen)],
    ["eager_task_factory, async-function child", () => run_spawn(true, child_async)],
  ],
  cpython: ["eager_spawn", "eager", N],
}, RUNS);

bench_group("spawn x100k, child returns at once: lazy", {
  ours: [
    ["default factory, generator child", () => run_spawn(false, child_gen)],
    ["default factory, async-function child", () => run_spawn(false, child_async)],
  ],
  cpython: ["eager_spawn", "lazy", N],
}, RUNS);
