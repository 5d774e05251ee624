/**
 * Benchmarks of the functions that compose awaitables (`wait_for`, ...),
 * against CPython asyncio on the same workload in the same run, and plain
 * JavaScript where there is an equivalent.
 *
 * Each group's baseline is our case, so the "x faster than" lines of the
 * summary are our speed-up over CPython. The CPython cases run
 * `py/composition_<name>.py` workloads in one long-lived interpreter and
 * time only the workload, not the interpreter's startup (see
 * `_harness.ts`). Without CPython 3.12+ they are skipped.
 *
 *     deno bench -A bench/composition_bench.ts
 *
 * @module
 */

import { type Coroutine, coroutine, sleep, wait_for } from "../mod.ts";
import { bench_group, check_sum, on_new_loop } from "./_harness.ts";

// Our cases take milliseconds: a few warm-up runs, then many timed ones.
const RUNS = { ours: { n: 30, warmup: 10 }, cpython: { n: 5, warmup: 1 } };

// ------------------------------------------------------------------ wait_for
// 10,000 `wait_for(work(i), 10)` in one task; each `work` does one
// `sleep(0)` and returns long before its timeout. CPython:
// `py/composition_wait_for.py`, the same loop.

const WAIT_FOR_N = 10_000;

const work_async = coroutine(async (i: number) => {
  await sleep(0);
  return i;
});

const wait_for_async = coroutine(async (n: number) => {
  let total = 0;
  for (let i = 0; i < n; i++) total += await wait_for(work_async(i), 10);
  return total;
});

const work_gen = coroutine(function* (i: number) {
  yield* sleep(0);
  return i;
});

const wait_for_gen = coroutine(function* (n: number) {
  let total = 0;
  for (let i = 0; i < n; i++) total += yield* wait_for(work_gen(i), 10);
  return total;
});

/** Runs `main(n)` on a fresh real-clock loop and checks the sum of `0..n-1`. */
async function run_wait_for(main: (n: number) => Coroutine<number>, n: number): Promise<void> {
  check_sum(await on_new_loop(() => main(n)), n, "wait_for workload");
}

/** Plain JS: `Promise.race` of the work and a `setTimeout`, cleared afterwards. */
async function plain_wait_for(n: number): Promise<void> {
  const work = async (i: number): Promise<number> => {
    await null;
    return i;
  };
  let total = 0;
  for (let i = 0; i < n; i++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), 10_000);
    });
    try {
      total += await Promise.race([work(i), expiry]);
    } finally {
      clearTimeout(timer);
    }
  }
  check_sum(total, n, "plain wait_for");
}

bench_group("wait_for async fn x10k", {
  ours: [["await wait_for(async work, 10)", () => run_wait_for(wait_for_async, WAIT_FOR_N)]],
  plain: [["Promise.race + setTimeout", () => plain_wait_for(WAIT_FOR_N)]],
  cpython: ["composition_wait_for", "coroutine", WAIT_FOR_N],
}, RUNS);

bench_group("wait_for generator x10k", {
  ours: [["yield* wait_for(generator work, 10)", () => run_wait_for(wait_for_gen, WAIT_FOR_N)]],
  cpython: ["composition_wait_for", "coroutine", WAIT_FOR_N],
}, RUNS);
