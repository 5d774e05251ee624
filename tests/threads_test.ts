import {
  CancelledError,
  coroutine,
  create_task,
  type Executor,
  type ExecutorFunction,
  type ExecutorJob,
  get_running_loop,
  new_event_loop,
  run,
  RuntimeError,
  sleep,
  to_thread,
  WorkerPoolExecutor,
} from "../mod.ts";
import { assertEquals, assertStrictEquals, assertThrows, raises } from "./_assert.ts";

/** Waits (up to 5 s) until the loop side opens the gate; gives what it read. */
const wait_for_gate = (gate: Int32Array) => {
  Atomics.wait(gate, 0, 0, 5000);
  return Atomics.load(gate, 0);
};

Deno.test("to_thread: the loop goes on while a worker computes", async () => {
  const order: string[] = [];
  // The worker holds its result until the loop has ticked three times:
  // only a loop that goes on while it waits can open the gate.
  const gate = new Int32Array(new SharedArrayBuffer(4));
  await run(
    coroutine(async () => {
      const ticker = create_task(
        coroutine(async () => {
          for (let i = 0; i < 3; i++) {
            order.push(`tick ${i}`);
            await sleep(0);
          }
          Atomics.store(gate, 0, 1);
          Atomics.notify(gate, 0);
        })(),
      );
      const result = await to_thread(wait_for_gate, gate);
      order.push(`result ${result}`);
      await ticker;
    })(),
  );
  assertEquals(order, ["tick 0", "tick 1", "tick 2", "result 1"]);
});

Deno.test("to_thread: errors come back as they were thrown; generators use yield*", async () => {
  const result = await run(
    coroutine(function* () {
      try {
        yield* to_thread((name: string) => {
          throw new RangeError(`no ${name}`);
        }, "way");
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    })(),
  );
  assertStrictEquals(result, "RangeError: no way");
  assertThrows(
    () => to_thread(42 as unknown as () => void),
    (e: unknown) =>
      e instanceof TypeError && e.message === "to_thread(): func must be a function, got 42",
  );
});

Deno.test("run_in_executor: cancelling the Future cancels a call that has not started", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const pool = new WorkerPoolExecutor(1);
      const slow = async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return "slow";
      };
      const first = loop.run_in_executor(pool, slow);
      const second = loop.run_in_executor(pool, () => "never run");
      second.cancel();
      assertStrictEquals(second.cancelled(), true);
      assertStrictEquals(await first, "slow");
      // A running call goes on; its Future just stops waiting.
      const third = create_task(coroutine(async () => await loop.run_in_executor(pool, slow))());
      await sleep(0.005);
      third.cancel();
      await raises(third, CancelledError);
      await pool.shutdown();
    })(),
  );
});

Deno.test("run_in_executor: any object with submit() is an executor; set_default_executor", async () => {
  const calls: string[] = [];
  /** Runs calls right here, as a test double for a pool. */
  const inline: Executor = {
    submit<A extends unknown[], R>(fn: ExecutorFunction<A, R>, ...args: A): ExecutorJob<R> {
      calls.push(fn.name);
      return { promise: Promise.resolve(fn(...args)), cancel: () => false };
    },
    shutdown: () => Promise.resolve(),
  };
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      assertStrictEquals(
        await loop.run_in_executor(inline, function double(n: number) {
          return 2 * n;
        }, 4),
        8,
      );
      loop.set_default_executor(inline);
      assertStrictEquals(
        await to_thread(function hello() {
          return "hi";
        }),
        "hi",
      );
      assertThrows(() => loop.set_default_executor({} as Executor), TypeError);
    })(),
  );
  assertEquals(calls, ["double", "hello"]);
});

Deno.test("run() shuts the default executor down; later calls are errors", async () => {
  const loop = new_event_loop();
  await loop.run_until_complete(
    coroutine(async () => {
      assertStrictEquals(await to_thread(() => 1), 1);
    })(),
  );
  await loop.shutdown_default_executor();
  await loop.run_until_complete(
    coroutine(async () => {
      assertThrows(
        () => loop.run_in_executor(null, () => 2),
        (e: unknown) =>
          e instanceof RuntimeError && e.message === "Executor shutdown has been called",
      );
      // An explicit executor still works.
      const pool = new WorkerPoolExecutor(1);
      assertStrictEquals(
        await loop.run_in_executor(pool, () => 3),
        3,
      );
      await pool.shutdown();
    })(),
  );
  loop.close();
  assertThrows(
    () => loop.run_in_executor(null, () => 4),
    (e: unknown) => e instanceof RuntimeError && e.message === "Event loop is closed",
  );
});

Deno.test("closing the loop stops the default executor's workers", async () => {
  const loop = new_event_loop();
  await loop.run_until_complete(
    coroutine(async () => {
      get_running_loop().run_in_executor(null, async () => {
        await new Promise((resolve) => setTimeout(resolve, 60_000));
      });
      await sleep(0.01);
    })(),
  );
  loop.close(); // no worker outlives it (the sanitizers would say)
});
