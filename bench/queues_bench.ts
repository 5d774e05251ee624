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
 * Each group's baseline is our async-function version, the everyday style;
 * the generator-coroutine version and the CPython script are the other
 * cases, so the "x faster than" lines of the summary are ratios to ours.
 * The CPython case asks one long-lived interpreter to run the workload and
 * times only that run (no interpreter startup); it is skipped without
 * CPython 3.12+.
 *
 *     deno bench -A bench/queues_bench.ts
 *
 * @module
 */

import {
  async_with,
  coroutine,
  create_task,
  gather,
  Lock,
  new_event_loop,
  Queue,
  sleep,
} from "../mod.ts";
import type { Coroutine } from "../mod.ts";
import { find_python } from "../tests/_python.ts";

// ---------------------------------------------------------------------------
// Our workloads

const PINGPONG = 200_000;
const LOCK_TASKS = 1_000;
const LOCK_ROUNDS = 100;
const UNBOUNDED = 100_000;

/** Runs `main` on a fresh loop (real clock: no timers are involved). */
async function on_new_loop(main: Coroutine<void>): Promise<void> {
  const loop = new_event_loop();
  try {
    await loop.run_until_complete(main);
  } finally {
    loop.close();
  }
}

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

// ---------------------------------------------------------------------------
// The CPython side: one interpreter serving `module variant n` requests

const PY_DIR = new URL("./py/", import.meta.url).pathname;
const python = await find_python();
if (python === null) {
  console.log("queues_bench: no CPython 3.12+ found, the CPython cases are skipped");
}

const SERVER = `
import gc, importlib, json, sys
sys.path.insert(0, sys.argv[1])
for line in sys.stdin:
    module, variant, n = line.split()
    workload = importlib.import_module(module).WORKLOADS[variant]
    gc.collect()
    seconds = workload(int(n))
    print(json.dumps({"ms": seconds * 1000}), flush=True)
`;

/** A CPython process started on first use; unref'd so that it never keeps Deno alive. */
class PythonServer {
  #child: Deno.ChildProcess | null = null;
  #writer: WritableStreamDefaultWriter<Uint8Array> | null = null;
  #reader: ReadableStreamDefaultReader<string> | null = null;
  #buffer = "";

  /** Runs `WORKLOADS[variant](n)` of `py/<module>.py`; resolves with its own timing. */
  async run(module: string, variant: string, n: number): Promise<number> {
    if (this.#child === null) {
      const child = new Deno.Command(python as string, {
        args: ["-c", SERVER, PY_DIR],
        stdin: "piped",
        stdout: "piped",
        stderr: "inherit",
        env: { PYTHONHASHSEED: "0" },
      }).spawn();
      this.#child = child;
      this.#writer = child.stdin.getWriter();
      this.#reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    }
    const child = this.#child;
    child.ref();
    try {
      await this.#writer!.write(new TextEncoder().encode(`${module} ${variant} ${n}\n`));
      return (JSON.parse(await this.#read_line()) as { ms: number }).ms;
    } finally {
      child.unref();
    }
  }

  async #read_line(): Promise<string> {
    for (;;) {
      const newline = this.#buffer.indexOf("\n");
      if (newline >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        return line;
      }
      const { value, done } = await this.#reader!.read();
      if (done) throw new Error("the CPython benchmark server exited");
      this.#buffer += value;
    }
  }
}

const server = new PythonServer();

// ---------------------------------------------------------------------------
// The groups

const OURS = { n: 10, warmup: 3 };
const CPYTHON = { n: 3, warmup: 1 };

function group(
  name: string,
  cases: [label: string, run: () => Coroutine<void>][],
  cpython: [module: string, n: number],
): void {
  cases.forEach(([label, run], index) => {
    Deno.bench({
      name: `asyncio-ts: ${label}`,
      group: name,
      baseline: index === 0,
      ...OURS,
      fn: async () => await on_new_loop(run()),
    });
  });
  const [module, n] = cpython;
  Deno.bench({
    name: `CPython: ${module}.py`,
    group: name,
    ignore: python === null,
    ...CPYTHON,
    async fn(b) {
      b.start();
      await server.run(module, "task", n);
      b.end();
    },
  });
}

group("Queue(1) ping-pong x200k", [
  ["async functions", () => pingpong_async(PINGPONG)],
  ["generator coroutines", () => pingpong_generator(PINGPONG)],
], ["queues_pingpong", PINGPONG]);

group("Lock x1000 tasks x100", [
  ["async functions, async_with", () => lock_async_with(LOCK_TASKS)],
  ["async functions, using acquire_context()", () => lock_using(LOCK_TASKS)],
  ["generator coroutines, async_with", () => lock_generator(LOCK_TASKS)],
  ["generator coroutines, using acquire_context()", () => lock_generator_using(LOCK_TASKS)],
], ["queues_lock", LOCK_TASKS]);

group("unbounded Queue x100k", [
  ["async functions", () => unbounded_async(UNBOUNDED)],
  ["generator coroutines", () => unbounded_generator(UNBOUNDED)],
], ["queues_unbounded", UNBOUNDED]);
