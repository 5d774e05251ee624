/**
 * The foundation's benchmarks (event loop, Futures, Tasks), against CPython
 * asyncio on the same workload in the same run, and against plain
 * JavaScript (Promises, microtasks, host timers) where that makes sense.
 *
 * Each group's baseline is our case, so the "x faster than" lines of the
 * summary are our speed-up over CPython. The CPython cases ask one
 * long-lived interpreter to run `py/core_<name>.py` workloads and time only
 * that run (no interpreter startup). Without CPython 3.12+ they are
 * skipped. `compare.ts` prints the same comparison as one table with the
 * targets.
 *
 *     deno task bench                   # everything in bench/
 *     deno bench -A bench/core_bench.ts # just these
 *
 * @module
 */

import * as w from "./_core_workloads.ts";
import { bench_group } from "./_harness.ts";
import { measure_memory } from "./_core_memory.ts";

const RUNS = {
  // Our cases and the plain-JS ones are fast: a few warm-up runs, ten timed.
  ours: { n: 10, warmup: 2 },
  // A CPython run takes seconds; deno bench always adds one warm-up run.
  cpython: { n: 2, warmup: 1 },
};

const { call_soon, sleep0, spawn, timers } = w.SIZES;

bench_group("call_soon chain x1M", {
  ours: [["call_soon chain", () => w.call_soon_chain(call_soon)]],
  plain: [["queueMicrotask chain", () => w.microtask_chain(call_soon)]],
  cpython: ["core_call_soon", "chain", call_soon],
}, RUNS);

bench_group("call_soon batch x1M", {
  ours: [["call_soon batch", () => w.call_soon_batch(call_soon)]],
  plain: [["queueMicrotask batch", () => w.microtask_batch(call_soon)]],
  cpython: ["core_call_soon", "batch", call_soon],
}, RUNS);

bench_group("sleep(0) generator x1M", {
  ours: [["yield* sleep(0)", () => w.sleep0_generator(sleep0)]],
  cpython: ["core_sleep0", "task", sleep0],
}, RUNS);

bench_group("sleep(0) async fn x1M", {
  ours: [["await sleep(0)", () => w.sleep0_async_fn(sleep0)]],
  plain: [
    ["await null", () => w.await_null(sleep0)],
    ["await Promise.resolve()", () => w.await_resolved(sleep0)],
  ],
  cpython: ["core_sleep0", "task", sleep0],
}, RUNS);

bench_group("spawn+await async x100k", {
  ours: [["create_task(async child)", () => w.spawn_async(spawn)]],
  plain: [["call async fn, await later", () => w.spawn_promises(spawn)]],
  cpython: ["core_spawn", "tasks", spawn],
}, RUNS);

bench_group("spawn+await generator x100k", {
  ours: [["create_task(generator child)", () => w.spawn_generator(spawn)]],
  cpython: ["core_spawn", "tasks", spawn],
}, RUNS);

bench_group("timers x200k", {
  ours: [["call_later + cancel", () => w.timers(timers)]],
  plain: [["setTimeout + clearTimeout", () => w.host_timers(timers)]],
  cpython: ["core_timers", "call_later", timers],
}, RUNS);

// Memory is not a timing: measure it once, up front, and print it.
const memory = await measure_memory(w.SIZES.memory);
console.log(memory.text);
