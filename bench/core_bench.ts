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
import { python, PythonServer } from "./_core_python.ts";
import { measure_memory } from "./_core_memory.ts";

const server = new PythonServer();
const no_python = python === null;
if (no_python) console.log("core_bench: no CPython 3.12+ found, the CPython cases are skipped");

// Our cases and the plain-JS ones are fast: a few warm-up runs, ten timed.
const OURS = { n: 10, warmup: 2 };
// A CPython run takes seconds; deno bench always adds one warm-up run.
const CPYTHON = { n: 2, warmup: 1 };

/** A group: our case (the baseline), plain-JS cases, and the CPython case. */
function group(
  name: string,
  ours: [string, () => Promise<void>],
  plain: [string, () => Promise<void>][],
  cpython: [module: string, variant: string, n: number],
): void {
  // deno bench awaits `fn` only when it is an `async function`, hence the wrappers.
  const [label, run] = ours;
  Deno.bench({
    name: `asyncio-ts: ${label}`,
    group: name,
    baseline: true,
    ...OURS,
    fn: async () => await run(),
  });
  for (const [label, run] of plain) {
    Deno.bench({ name: `plain JS: ${label}`, group: name, ...OURS, fn: async () => await run() });
  }
  const [module, variant, n] = cpython;
  Deno.bench({
    name: `CPython: ${module}.py ${variant}`,
    group: name,
    ignore: no_python,
    ...CPYTHON,
    async fn(b) {
      b.start();
      await server.run(module, variant, n);
      b.end();
    },
  });
}

const { call_soon, sleep0, spawn, timers } = w.SIZES;

group(
  "call_soon chain x1M",
  ["call_soon chain", () => w.call_soon_chain(call_soon)],
  [["queueMicrotask chain", () => w.microtask_chain(call_soon)]],
  ["core_call_soon", "chain", call_soon],
);

group(
  "call_soon batch x1M",
  ["call_soon batch", () => w.call_soon_batch(call_soon)],
  [["queueMicrotask batch", () => w.microtask_batch(call_soon)]],
  ["core_call_soon", "batch", call_soon],
);

group(
  "sleep(0) generator x1M",
  ["yield* sleep(0)", () => w.sleep0_generator(sleep0)],
  [],
  ["core_sleep0", "task", sleep0],
);

group(
  "sleep(0) async fn x1M",
  ["await sleep(0)", () => w.sleep0_async_fn(sleep0)],
  [
    ["await null", () => w.await_null(sleep0)],
    ["await Promise.resolve()", () => w.await_resolved(sleep0)],
  ],
  ["core_sleep0", "task", sleep0],
);

group(
  "spawn+await async x100k",
  ["create_task(async child)", () => w.spawn_async(spawn)],
  [["call async fn, await later", () => w.spawn_promises(spawn)]],
  ["core_spawn", "tasks", spawn],
);

group(
  "spawn+await generator x100k",
  ["create_task(generator child)", () => w.spawn_generator(spawn)],
  [],
  ["core_spawn", "tasks", spawn],
);

group(
  "timers x200k",
  ["call_later + cancel", () => w.timers(timers)],
  [["setTimeout + clearTimeout", () => w.host_timers(timers)]],
  ["core_timers", "call_later", timers],
);

// Memory is not a timing: measure it once, up front, and print it.
const memory = await measure_memory(w.SIZES.memory);
console.log(memory.text);
