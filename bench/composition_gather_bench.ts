/**
 * Benchmarks of `gather` and `TaskGroup` with 100,000 children, against
 * CPython asyncio on the same workload in the same run, and plain
 * JavaScript (`Promise.all`) where there is an equivalent.
 *
 * Every child does one `sleep(0)` and gives back its index; the totals are
 * checked. Each group's baseline is our case, so the "x faster than" lines
 * of the summary are our speed-up over CPython. The CPython cases run the
 * `coroutine` workload of `py/composition_gather.py` and
 * `py/composition_taskgroup.py` in one long-lived interpreter, and time only
 * the workload, not the interpreter's startup (see `_harness.ts`); each
 * script also runs standalone and prints its own elapsed time
 * (`python3 bench/py/composition_gather.py coroutine 100000`). Without
 * CPython 3.12+ those cases are skipped.
 *
 *     deno bench -A bench/composition_gather_bench.ts
 *
 * @module
 */

import { async_with, type Coroutine, coroutine, gather, sleep, TaskGroup } from "../mod.ts";
import { bench_group, check_sum, on_new_loop } from "./_harness.ts";

const N = 100_000;
// A run takes a few hundred milliseconds here and over a second in CPython.
// V8 sizes its heap for 100,000 live tasks over the first five or so runs of
// the process; the warm-up runs let the timed ones see the steady state.
const RUNS = { ours: { n: 10, warmup: 6 }, cpython: { n: 3, warmup: 1 } };

// -------------------------------------------------------------------- gather

const child_async = coroutine(async (i: number) => {
  await sleep(0);
  return i;
});

const child_gen = coroutine(function* (i: number) {
  yield* sleep(0);
  return i;
});

const gather_async = coroutine(async (n: number) => {
  const coros = [];
  for (let i = 0; i < n; i++) coros.push(child_async(i));
  const results = await gather(...coros);
  let total = 0;
  for (const value of results) total += value;
  return total;
});

const gather_gen = coroutine(function* (n: number) {
  const coros = [];
  for (let i = 0; i < n; i++) coros.push(child_gen(i));
  const results = yield* gather(...coros);
  let total = 0;
  for (const value of results) total += value;
  return total;
});

// ----------------------------------------------------------------- TaskGroup

const taskgroup_async = coroutine(async (n: number) => {
  let total = 0;
  const child = coroutine(async (i: number) => {
    await sleep(0);
    total += i;
  });
  // deno-lint-ignore require-await
  await async_with(new TaskGroup(), async (tg) => {
    for (let i = 0; i < n; i++) tg.create_task(child(i));
  });
  return total;
});

const taskgroup_gen = coroutine(function* (n: number) {
  let total = 0;
  const child = coroutine(function* (i: number) {
    yield* sleep(0);
    total += i;
  });
  yield* async_with(new TaskGroup(), function* (tg) {
    for (let i = 0; i < n; i++) tg.create_task(child(i));
  });
  return total;
});

// ------------------------------------------------------------------- helpers

/** Runs `main(N)` on a fresh real-clock loop and checks the total. */
async function run_main(main: (n: number) => Coroutine<number>): Promise<void> {
  check_sum(await on_new_loop(() => main(N)), N, "workload");
}

/** Plain JS: `Promise.all` of async functions that each await once. */
async function promise_all(n: number): Promise<void> {
  const child = async (i: number): Promise<number> => {
    await null;
    return i;
  };
  const promises: Promise<number>[] = [];
  for (let i = 0; i < n; i++) promises.push(child(i));
  let total = 0;
  for (const value of await Promise.all(promises)) total += value;
  check_sum(total, n, "Promise.all");
}

// -------------------------------------------------------------------- groups

bench_group("gather x100k async fn", {
  ours: [["await gather(...100k async coroutines)", () => run_main(gather_async)]],
  plain: [["Promise.all of 100k async functions", () => promise_all(N)]],
  cpython: ["composition_gather", "coroutine", N],
}, RUNS);

bench_group("gather x100k generator", {
  ours: [["yield* gather(...100k generator coroutines)", () => run_main(gather_gen)]],
  cpython: ["composition_gather", "coroutine", N],
}, RUNS);

bench_group("TaskGroup x100k async fn", {
  ours: [["TaskGroup of 100k async children", () => run_main(taskgroup_async)]],
  plain: [["Promise.all of 100k async functions (no cancellation)", () => promise_all(N)]],
  cpython: ["composition_taskgroup", "coroutine", N],
}, RUNS);

bench_group("TaskGroup x100k generator", {
  ours: [["TaskGroup of 100k generator children", () => run_main(taskgroup_gen)]],
  cpython: ["composition_taskgroup", "coroutine", N],
}, RUNS);
