/**
 * Benchmarks of `gather` and `TaskGroup` with 100,000 children, against
 * CPython asyncio on the same workload in the same run, and plain
 * JavaScript (`Promise.all`) where there is an equivalent.
 *
 * Every child does one `sleep(0)` and gives back its index; the totals are
 * checked. Each group's baseline is our case, so the "x faster than" lines
 * of the summary are our speed-up over CPython. The CPython cases run the
 * `coroutine` workload of `py/composition_gather.py` and
 * `py/composition_taskgroup.py` in one long-lived interpreter (started with
 * `Deno.Command`, found by `find_python()`), and time only the workload, not
 * the interpreter's startup; each script also runs standalone and prints its
 * own elapsed time (`python3 bench/py/composition_gather.py coroutine 100000`).
 * Without CPython 3.12+ those cases are skipped.
 *
 *     deno bench -A bench/composition_gather_bench.ts
 *
 * @module
 */

import { async_with, coroutine, gather, new_event_loop, sleep, TaskGroup } from "../mod.ts";
import { python, PythonServer } from "./_core_python.ts";

const server = new PythonServer();
const no_python = python === null;
if (no_python) {
  console.log("composition_gather_bench: no CPython 3.12+ found, the CPython cases are skipped");
}

const N = 100_000;
const EXPECTED = N * (N - 1) / 2;
// A run takes a few hundred milliseconds here and over a second in CPython.
const OURS = { n: 10, warmup: 3 };
const CPYTHON = { n: 3, warmup: 1 };

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

/** Runs `main(n)` on a fresh real-clock loop and checks the total. */
async function on_new_loop(main: (n: number) => PromiseLike<number>): Promise<void> {
  const loop = new_event_loop();
  try {
    const total = await loop.run_until_complete(main(N) as never) as number;
    if (total !== EXPECTED) throw new Error(`wrong total ${total}`);
  } finally {
    loop.close();
  }
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
  if (total !== EXPECTED) throw new Error(`Promise.all: wrong total ${total}`);
}

function cpython_case(group: string, module: string): void {
  Deno.bench({
    name: `CPython: ${module}.py coroutine`,
    group,
    ignore: no_python,
    ...CPYTHON,
    async fn(b) {
      b.start();
      const report = await server.run(module, "coroutine", N);
      b.end();
      if (typeof report.ms !== "number") throw new Error(`${module}.py: no timing reported`);
    },
  });
}

// -------------------------------------------------------------------- groups
// `fn` must be an async function: Deno.bench awaits only those.

Deno.bench({
  name: "asyncio-ts: await gather(...100k async coroutines)",
  group: "gather x100k async fn",
  baseline: true,
  ...OURS,
  fn: async () => await on_new_loop(gather_async),
});
Deno.bench({
  name: "plain JS: Promise.all of 100k async functions",
  group: "gather x100k async fn",
  ...OURS,
  fn: async () => await promise_all(N),
});
cpython_case("gather x100k async fn", "composition_gather");

Deno.bench({
  name: "asyncio-ts: yield* gather(...100k generator coroutines)",
  group: "gather x100k generator",
  baseline: true,
  ...OURS,
  fn: async () => await on_new_loop(gather_gen),
});
cpython_case("gather x100k generator", "composition_gather");

Deno.bench({
  name: "asyncio-ts: TaskGroup of 100k async children",
  group: "TaskGroup x100k async fn",
  baseline: true,
  ...OURS,
  fn: async () => await on_new_loop(taskgroup_async),
});
Deno.bench({
  name: "plain JS: Promise.all of 100k async functions (no cancellation)",
  group: "TaskGroup x100k async fn",
  ...OURS,
  fn: async () => await promise_all(N),
});
cpython_case("TaskGroup x100k async fn", "composition_taskgroup");

Deno.bench({
  name: "asyncio-ts: TaskGroup of 100k generator children",
  group: "TaskGroup x100k generator",
  baseline: true,
  ...OURS,
  fn: async () => await on_new_loop(taskgroup_gen),
});
cpython_case("TaskGroup x100k generator", "composition_taskgroup");
