/**
 * Benchmarks of the functions that compose awaitables (`wait_for`, ...),
 * against CPython asyncio on the same workload in the same run, and plain
 * JavaScript where there is an equivalent.
 *
 * Each group's baseline is our case, so the "x faster than" lines of the
 * summary are our speed-up over CPython. The CPython cases run
 * `py/composition_<name>.py` workloads in one long-lived interpreter (started
 * with `Deno.Command`, found by `find_python()`) and time only the workload,
 * not the interpreter's startup. Without CPython 3.12+ they are skipped.
 *
 *     deno bench -A bench/composition_bench.ts
 *
 * @module
 */

import { coroutine, new_event_loop, sleep, wait_for } from "../mod.ts";
import { python, PythonServer } from "./_core_python.ts";

const server = new PythonServer();
const no_python = python === null;
if (no_python) {
  console.log("composition_bench: no CPython 3.12+ found, the CPython cases are skipped");
}

// Our cases take milliseconds: a few warm-up runs, then many timed ones.
const OURS = { n: 30, warmup: 10 };
const CPYTHON = { n: 5, warmup: 1 };

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
async function run_wait_for(main: (n: number) => PromiseLike<number>, n: number): Promise<void> {
  const loop = new_event_loop();
  try {
    const total = await loop.run_until_complete(main(n) as never) as number;
    if (total !== n * (n - 1) / 2) throw new Error(`wait_for workload: wrong total ${total}`);
  } finally {
    loop.close();
  }
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
  if (total !== n * (n - 1) / 2) throw new Error(`plain wait_for: wrong total ${total}`);
}

function cpython_case(group: string, module: string, variant: string, n: number): void {
  Deno.bench({
    name: `CPython: ${module}.py ${variant}`,
    group,
    ignore: no_python,
    ...CPYTHON,
    async fn(b) {
      b.start();
      await server.run(module, variant, n);
      b.end();
    },
  });
}

Deno.bench({
  name: "asyncio-ts: await wait_for(async work, 10)",
  group: "wait_for async fn x10k",
  baseline: true,
  ...OURS,
  fn: async () => await run_wait_for(wait_for_async, WAIT_FOR_N),
});
Deno.bench({
  name: "plain JS: Promise.race + setTimeout",
  group: "wait_for async fn x10k",
  ...OURS,
  fn: async () => await plain_wait_for(WAIT_FOR_N),
});
cpython_case("wait_for async fn x10k", "composition_wait_for", "coroutine", WAIT_FOR_N);

Deno.bench({
  name: "asyncio-ts: yield* wait_for(generator work, 10)",
  group: "wait_for generator x10k",
  baseline: true,
  ...OURS,
  fn: async () => await run_wait_for(wait_for_gen, WAIT_FOR_N),
});
cpython_case("wait_for generator x10k", "composition_wait_for", "coroutine", WAIT_FOR_N);
