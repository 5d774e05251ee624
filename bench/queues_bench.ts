/**
 * Queue and Lock benchmarks against CPython asyncio on the same workloads,
 * in the same run:
 *
 * - "Queue(1) ping-pong x200k": a producer and a consumer passing 200,000
 *   items through `Queue(1)` (`py/queues_pingpong.py`);
 * - "Lock x1000 tasks x100": 1,000 tasks each taking one `Lock` 100 times,
 *   with one `sleep(0)` inside (`py/queues_lock.py`);
 * - "unbounded Queue x100k": 100,000 items through an unbounded `Queue`,
 *   with `task_done()` and `join()` (`py/queues_unbounded.py`).
 *
 * The unbounded group also times what its async-function version cannot
 * go below: 200,000 native awaits of a thenable, no queue at all.
 *
 * Each group's baseline is our async-function version, the everyday style;
 * the generator-coroutine version and the CPython script are the other
 * cases, so the "x faster than" lines of the summary are ratios to ours.
 * The CPython case asks one long-lived interpreter to run the workload and
 * times only that run (no interpreter startup); it is skipped without
 * CPython 3.12+ (see `_harness.ts`).
 *
 *     deno bench -A bench/queues_bench.ts
 *
 * @module
 */

import { async_with, coroutine, create_task, gather, Lock, Queue, sleep } from "../mod.ts";
import { bench_group, on_new_loop } from "./_harness.ts";

// ---------------------------------------------------------------------------
// Our workloads

const PINGPONG = 200_000;
const LOCK_TASKS = 1_000;
const LOCK_ROUNDS = 100;
const UNBOUNDED = 100_000;

const pingpong_async = coroutine(async (n: number) => {
  const q = new Queue<number>(1);
  const producer = coroutine(async () => {
    for (let i = 0; i < n; i++) await q.put(i);
  });
  const consumer = coroutine(async () => {
    for (let i = 0; i < n; i++) await q.get();
  });
  await gather(producer(), consumer());
});

const pingpong_generator = coroutine(function* (n: number) {
  const q = new Queue<number>(1);
  const producer = coroutine(function* () {
    for (let i = 0; i < n; i++) yield* q.put(i);
  });
  const consumer = coroutine(function* () {
    for (let i = 0; i < n; i++) yield* q.get();
  });
  yield* gather(producer(), consumer());
});

const lock_async_with = coroutine(async (tasks: number) => {
  const lock = new Lock();
  const worker = coroutine(async () => {
    for (let i = 0; i < LOCK_ROUNDS; i++) {
      await async_with(lock, async () => {
        await sleep(0);
      });
    }
  });
  await gather(...Array.from({ length: tasks }, () => worker()));
});

const lock_using = coroutine(async (tasks: number) => {
  const lock = new Lock();
  const worker = coroutine(async () => {
    for (let i = 0; i < LOCK_ROUNDS; i++) {
      using _held = await lock.acquire_context();
      await sleep(0);
    }
  });
  await gather(...Array.from({ length: tasks }, () => worker()));
});

const lock_generator = coroutine(function* (tasks: number) {
  const lock = new Lock();
  const body = function* () {
    yield* sleep(0);
  };
  const worker = coroutine(function* () {
    for (let i = 0; i < LOCK_ROUNDS; i++) yield* async_with(lock, body);
  });
  yield* gather(...Array.from({ length: tasks }, () => worker()));
});

const lock_generator_using = coroutine(function* (tasks: number) {
  const lock = new Lock();
  const worker = coroutine(function* () {
    for (let i = 0; i < LOCK_ROUNDS; i++) {
      using _held = yield* lock.acquire_context();
      yield* sleep(0);
    }
  });
  yield* gather(...Array.from({ length: tasks }, () => worker()));
});

const unbounded_async = coroutine(async (n: number) => {
  const q = new Queue<number>();
  const consumer = coroutine(async () => {
    for (let i = 0; i < n; i++) {
      await q.get();
      q.task_done();
    }
  });
  const worker = create_task(consumer());
  for (let i = 0; i < n; i++) await q.put(i);
  await q.join();
  await worker;
});

const unbounded_generator = coroutine(function* (n: number) {
  const q = new Queue<number>();
  const consumer = coroutine(function* () {
    for (let i = 0; i < n; i++) {
      yield* q.get();
      q.task_done();
    }
  });
  const worker = create_task(consumer());
  for (let i = 0; i < n; i++) yield* q.put(i);
  yield* q.join();
  yield* worker;
});

/**
 * Plain JS: the floor of the unbounded workload for async functions, the
 * 2n awaits of library objects (thenables, so that they stay lazy) alone,
 * each on a thenable that answers at once.
 */
async function plain_thenable_awaits(n: number): Promise<void> {
  const ready = {
    then(resolve: (value: number) => void) {
      resolve(1);
    },
  };
  for (let i = 0; i < 2 * n; i++) await ready;
}

// ---------------------------------------------------------------------------
// The groups

const RUNS = { ours: { n: 10, warmup: 3 }, cpython: { n: 3, warmup: 1 } };

bench_group("Queue(1) ping-pong x200k", {
  ours: [
    ["async functions", () => on_new_loop(() => pingpong_async(PINGPONG))],
    ["generator coroutines", () => on_new_loop(() => pingpong_generator(PINGPONG))],
  ],
  cpython: ["queues_pingpong", "task", PINGPONG],
}, RUNS);

bench_group("Lock x1000 tasks x100", {
  ours: [
    ["async functions, async_with", () => on_new_loop(() => lock_async_with(LOCK_TASKS))],
    ["async functions, using acquire_context()", () => on_new_loop(() => lock_using(LOCK_TASKS))],
    ["generator coroutines, async_with", () => on_new_loop(() => lock_generator(LOCK_TASKS))],
    [
      "generator coroutines, using acquire_context()",
      () => on_new_loop(() => lock_generator_using(LOCK_TASKS)),
    ],
  ],
  cpython: ["queues_lock", "task", LOCK_TASKS],
}, RUNS);

bench_group("unbounded Queue x100k", {
  ours: [
    ["async functions", () => on_new_loop(() => unbounded_async(UNBOUNDED))],
    ["generator coroutines", () => on_new_loop(() => unbounded_generator(UNBOUNDED))],
  ],
  plain: [["200k awaits of a ready thenable", () => plain_thenable_awaits(UNBOUNDED)]],
  cpython: ["queues_unbounded", "task", UNBOUNDED],
}, RUNS);
