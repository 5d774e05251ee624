// A seeded storm of worker calls that misbehave every way a call can (throw,
// throw after answering, close or exit their worker, return what cannot be
// cloned, never return), mixed with well-behaved calls, through
// run_in_executor and to_thread as a program makes them: each call is
// answered by its own result or its own clear error, nothing hangs, and the
// pools shut down clean (the sanitizers would report a worker or timer left).
import {
  BrokenWorkerError,
  coroutine,
  gather,
  get_running_loop,
  type Logger,
  run,
  RuntimeError,
  set_logger,
  to_thread,
  wait_for,
  WorkerPoolExecutor,
} from "../../mod.ts";
import { assertEquals, assertOk, assertStrictEquals } from "../_assert.ts";

/**
 * The calls of the storm, each self-contained (it runs in a worker). `i` is
 * the call's place in the storm, so that each answer and error is its own;
 * `delay` (ms) varies where in a worker's life the call acts.
 */
const CALLS = {
  answer: async function answer(i: number, delay: number) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    return { i, square: i * i };
  },
  throw: async function fail(i: number, delay: number) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    throw new RangeError(`call ${i} failed`);
  },
  throw_late: function throw_late(i: number, delay: number) {
    setTimeout(() => {
      throw new Error(`call ${i} left this behind`);
    }, delay);
    return { i, late: true };
  },
  close: async function close_worker(_i: number, delay: number) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    self.close();
  },
  exit: function exit_worker() {
    Deno.exit(1);
  },
  uncloneable: function uncloneable(i: number) {
    return Symbol(`call ${i}`);
  },
  never: function never() {
    return new Promise(() => {});
  },
};
type Kind = keyof typeof CALLS;

/** How often each kind comes up, out of 20. */
const WEIGHTS: [Kind, number][] = [
  ["answer", 8],
  ["throw", 2],
  ["throw_late", 3],
  ["close", 2],
  ["exit", 1],
  ["uncloneable", 2],
  ["never", 2],
];
const CALLS_PER_STORM = 48;
const POOL_WORKERS = 4;
/** Calls that never return keep their worker: fewer than the pool has, so the rest still run. */
const MOST_NEVER = POOL_WORKERS - 2;
/** A bound on a storm, far above what it takes: past it a hang fails the test. */
const STORM_TIMEOUT = 60;

/** One call of the storm: what it is, where it runs, and its job number there. */
interface Call {
  kind: Kind;
  via: "pool" | "to_thread";
  job: number;
  delay: number;
}

/** The storm for `seed`: the same calls, in the same order, every run. */
function plan(seed: number): Call[] {
  let state = seed;
  // A 32-bit LCG; its high bits, as its low bits repeat after a few steps.
  const random = (n: number) =>
    Math.floor((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 * n);
  const jobs = { pool: 0, to_thread: 0 };
  let never = 0;
  const calls: Call[] = [];
  while (calls.length < CALLS_PER_STORM) {
    let pick = random(20);
    const [kind] = WEIGHTS.find(([, weight]) => (pick -= weight) < 0)!;
    if (kind === "never" && ++never > MOST_NEVER) continue;
    // A call that never returns would hold run()'s default executor at shutdown.
    const via = kind === "never" || random(2) === 0 ? "pool" : "to_thread";
    calls.push({ kind, via, job: ++jobs[via], delay: random(8) });
  }
  return calls;
}

/** Checks that call `i` settled with its own answer or its own error. */
function check(call: Call, i: number, outcome: unknown): void {
  const what = `call ${i} (${call.kind} via ${call.via})`;
  const error = outcome as Error;
  switch (call.kind) {
    case "answer":
      return assertEquals(outcome, { i, square: i * i }, what);
    case "throw_late":
      return assertEquals(outcome, { i, late: true }, what);
    case "throw":
      assertOk(error instanceof RangeError, what);
      return assertStrictEquals(error.message, `call ${i} failed`, what);
    case "close":
    case "exit":
      assertOk(error instanceof BrokenWorkerError, `${what}: ${error}`);
      return assertStrictEquals(
        error.message,
        call.kind === "close"
          ? `the worker running job ${call.job} (close_worker) died: it called close()`
          : `the worker running job ${call.job} (exit_worker) died: it called Deno.exit()`,
        what,
      );
    case "uncloneable":
      assertOk(error instanceof TypeError, `${what}: ${error}`);
      assertStrictEquals(
        error.message,
        `job ${call.job} (uncloneable) returned a value its worker cannot send back: ` +
          `Symbol(call ${i}) could not be cloned.`,
        what,
      );
      return assertStrictEquals((error.cause as DOMException).name, "DataCloneError", what);
    case "never":
      assertOk(error instanceof RuntimeError, `${what}: ${error}`);
      return assertStrictEquals(
        error.message,
        "the executor was shut down while the call ran",
        what,
      );
  }
}

/** Runs the storm for `seed`; gives the error reports the logger received. */
async function storm(calls: Call[]): Promise<unknown[]> {
  const reported: unknown[] = [];
  const previous = set_logger(
    {
      error: (_message, error) => reported.push(error),
      warning: (message) => reported.push(message),
      debug: () => {},
    } satisfies Logger,
  );
  try {
    await run(
      coroutine(async () => {
        const loop = get_running_loop();
        const pool = new WorkerPoolExecutor(POOL_WORKERS);
        const started = calls.map(({ kind, via, delay }, i) => {
          const fn = CALLS[kind] as (i: number, delay: number) => unknown;
          return via === "pool"
            ? loop.run_in_executor(pool, fn, i, delay)
            : to_thread(fn, i, delay);
        });
        const settled = calls.map((call) => call.kind !== "never");
        const outcomes = await wait_for(
          gather(...started.filter((_, i) => settled[i]), { return_exceptions: true }),
          STORM_TIMEOUT,
        );
        await pool.shutdown(false);
        const stopped = await gather(
          ...started.filter((_, i) => !settled[i]),
          { return_exceptions: true },
        );
        calls.forEach((call, i) => {
          const outcome = settled[i] ? outcomes.shift() : stopped.shift();
          check(call, i, outcome);
        });
      })(),
    );
  } finally {
    set_logger(previous);
  }
  return reported;
}

for (const seed of [1, 7, 2024]) {
  Deno.test(`WorkerPoolExecutor under a storm of misbehaving calls (seed ${seed})`, async () => {
    const calls = plan(seed);
    const reported = await storm(calls);
    // All that reaches the logger is what throw_late calls left behind, if
    // their worker lived to throw it.
    for (const error of reported) {
      const [, i] = /^call (\d+) left this behind$/.exec((error as Error).message) ?? [];
      assertStrictEquals(calls[Number(i)]?.kind, "throw_late", String(error));
    }
  });
}

Deno.test("the storms cover every kind of call, through both ways in", () => {
  const seen = new Set([1, 7, 2024].flatMap((seed) => plan(seed).map((c) => `${c.kind} ${c.via}`)));
  for (const [kind] of WEIGHTS) {
    assertOk(seen.has(`${kind} pool`), `${kind} pool`);
    if (kind !== "never") assertOk(seen.has(`${kind} to_thread`), `${kind} to_thread`);
  }
});
