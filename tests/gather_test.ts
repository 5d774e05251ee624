import { assertEquals, assertOk, assertStrictEquals, assertThrows, raises } from "./_assert.ts";
import {
  all_tasks,
  CancelledError,
  coroutine,
  create_task,
  ensure_future,
  Future,
  gather,
  GatheringFuture,
  get_running_loop,
  new_event_loop,
  run,
  RuntimeError,
  set_event_loop,
  sleep,
  type Task,
  ValueError,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";

const VIRTUAL = { clock: "virtual" } as const;

const after = coroutine(async <T>(delay: number, value: T): Promise<T> => {
  await sleep(delay);
  return value;
});

const fail_after = coroutine(async (delay: number, message: string): Promise<never> => {
  await sleep(delay);
  throw new RangeError(message);
});

Deno.test("gather: results come in argument order, not completion order", async () => {
  const results = await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const values = await gather(after(3, "a"), after(1, "b"), after(2, "c"));
      return { values, time: loop.time() };
    })(),
    VIRTUAL,
  );
  assertEquals(results, { values: ["a", "b", "c"], time: 3 });
});

Deno.test("gather: accepts Futures, Tasks, generators and Promises together", async () => {
  const values = await run(
    coroutine(function* () {
      const loop = get_running_loop();
      const fut = loop.create_future<string>();
      loop.call_later(1, () => fut.set_result("future"));
      const task = create_task(after(2, "task"));
      function* gen(): Generator<unknown, string, unknown> {
        yield* sleep(0.5);
        return "generator";
      }
      const all = gather(fut, task, gen(), Promise.resolve("promise"), after(0, "coroutine"));
      return (yield* all) as unknown[];
    })(),
    VIRTUAL,
  );
  assertEquals(values, ["future", "task", "generator", "promise", "coroutine"]);
});

Deno.test("gather: the first error propagates while the others keep running", async () => {
  const log: string[] = [];
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const slow = create_task(after(5, "slow"));
      const second = create_task(fail_after(2, "second"));
      const all = gather(fail_after(1, "first"), slow, second);
      try {
        await all;
        log.push("no error");
      } catch (error) {
        log.push(`caught ${(error as Error).message} at ${loop.time()}`);
      }
      assertOk(!slow.done() && !second.done(), "the other children keep running");
      assertOk(all.done() && !all.cancelled());
      assertEquals(await slow, "slow");
      log.push(`slow finished at ${loop.time()}`);
      await sleep(0);
      // The later error was marked as retrieved by the gather.
      assertOk(second.done());
      assertStrictEquals(second._log_traceback, false);
      assertStrictEquals((second.exception() as Error).message, "second");
    })(),
    VIRTUAL,
  );
  assertEquals(log, ["caught first at 1", "slow finished at 5"]);
});

Deno.test("gather: return_exceptions returns errors and cancellations in place", async () => {
  const results = await run(
    coroutine(async () => {
      const victim = create_task(after(10, "never"));
      get_running_loop().call_later(1, () => victim.cancel("stop it"));
      return await gather(after(2, "ok"), fail_after(1, "bad"), victim, {
        return_exceptions: true,
      });
    })(),
    VIRTUAL,
  );
  assertStrictEquals(results[0], "ok");
  assertOk(results[1] instanceof RangeError);
  assertStrictEquals((results[1] as Error).message, "bad");
  assertOk(results[2] instanceof CancelledError);
  // As CPython: the returned CancelledError is a new one, and a task's
  // cancel message is not kept on it (Task.cancel() hands it to the waiter).
  assertStrictEquals((results[2] as Error).message, "");
});

Deno.test(
  "gather: cancelling the gather cancels every child that is not done",
  asyncio_test(async () => {
    const seen: string[] = [];
    const child = coroutine(async (name: string, delay: number) => {
      try {
        await sleep(delay);
        seen.push(`${name} done`);
      } catch (error) {
        seen.push(`${name} ${(error as Error).name}`);
        throw error;
      }
    });
    const a = create_task(child("a", 1));
    const b = create_task(child("b", 5));
    const c = create_task(child("c", 6));
    const all = gather(a, b, c);
    await sleep(2);
    assertStrictEquals(all.cancel("enough"), true);
    const caught = await raises(all, CancelledError);
    assertStrictEquals(caught.message, "enough");
    assertOk(a.done() && !a.cancelled(), "a had finished before");
    assertOk(b.cancelled() && c.cancelled());
    // As CPython: the gather finished with the CancelledError, it was not cancelled itself.
    assertOk(all.done() && !all.cancelled());
    assertEquals(seen, ["a done", "b CancelledError", "c CancelledError"]);
    // Once done, the gather refuses further cancellation.
    assertStrictEquals(all.cancel(), false);
  }),
);

Deno.test(
  "gather: cancelling with return_exceptions still raises CancelledError",
  asyncio_test(async () => {
    const all = gather(sleep(5), sleep(6), { return_exceptions: true });
    await sleep(1);
    all.cancel();
    await raises(all, CancelledError);
  }),
);

Deno.test(
  "gather: cancelling the task awaiting a gather cancels the children",
  asyncio_test(async () => {
    let proof = 0;
    const waiter = new Future<void>();
    const inner = coroutine(async () => {
      await waiter;
      proof += 1;
    });
    const child1 = ensure_future(inner());
    const child2 = ensure_future(inner());
    let gatherer: GatheringFuture<unknown> | null = null;
    const outer = create_task(
      coroutine(async () => {
        gatherer = gather(child1, child2);
        await gatherer;
        proof += 100;
      })(),
    );
    await sleep(0);
    assertStrictEquals(outer.cancel(), true);
    await raises(outer, CancelledError);
    assertOk(outer.cancelled());
    assertStrictEquals((gatherer as unknown as GatheringFuture<unknown>).cancel(), false);
    assertOk(waiter.cancelled() && child1.cancelled() && child2.cancelled());
    await sleep(0);
    assertStrictEquals(proof, 0);
  }),
);

Deno.test(
  "gather: a child cancelled on its own makes the gather raise CancelledError",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const victim = create_task(after(10, "never"));
    const other = create_task(after(3, "other"));
    loop.call_later(1, () => victim.cancel("by hand"));
    const all = gather(victim, other);
    const caught = await raises(all, CancelledError);
    assertStrictEquals(caught.message, "by hand");
    assertStrictEquals(loop.time(), 1);
    // The gather itself is not cancelled: it finished with the error.
    assertOk(all.done() && !all.cancelled());
    assertOk(!other.done(), "the other child keeps running");
    assertEquals(await other, "other");
  }),
);

Deno.test(
  "gather: with no awaitables it is an already finished Future of []",
  asyncio_test(async () => {
    const empty = gather();
    assertOk(empty instanceof GatheringFuture);
    assertOk(empty.done());
    assertStrictEquals(empty.get_loop(), get_running_loop());
    assertEquals(await empty, []);
    assertEquals(await gather({ return_exceptions: true }), []);
    assertStrictEquals(empty.cancel(), false);
  }),
);

Deno.test(
  "gather: the same coroutine or future passed twice runs once",
  asyncio_test(async () => {
    let runs = 0;
    const once = coroutine(async (value: string) => {
      runs++;
      await sleep(1);
      return value;
    });
    const c = once("abc");
    const before = all_tasks().size;
    const all = gather(c, c, once("def"), c);
    assertStrictEquals(all_tasks().size, before + 2, "two tasks, not four");
    assertEquals(await all, ["abc", "abc", "def", "abc"]);
    assertStrictEquals(runs, 2);

    const fut = new Future<number>();
    get_running_loop().call_soon(() => fut.set_result(7));
    assertEquals(await gather(fut, fut), [7, 7]);
    assertStrictEquals(all._children.length, 4);
  }),
);

Deno.test("gather: children already done are counted at once", async () => {
  await run(
    // deno-lint-ignore require-await
    coroutine(async () => {
      const a = new Future<number>();
      const b = new Future<number>();
      a.set_result(1);
      b.set_result(2);
      const all = gather(a, b);
      assertOk(all.done(), "finished synchronously: every child was done");
      assertEquals(all.result(), [1, 2]);
      const c = new Future<number>();
      c.set_exception(new RangeError("early"));
      const failing = gather(a, c);
      assertOk(failing.done());
      assertStrictEquals((failing.exception() as Error).message, "early");
    })(),
    VIRTUAL,
  );
});

Deno.test("gather: a gather cancelled once every child is done stays successful", async () => {
  // CPython's test_cancel_gather_1 (bpo-26923).
  const loop = new_event_loop(VIRTUAL);
  try {
    const fut = loop.create_future<number>();
    const child = coroutine(async () => await fut);
    // Wrapped in an array: awaiting a Future-valued result would adopt it.
    const [gather_task] = await loop.run_until_complete(
      // deno-lint-ignore require-await
      coroutine(async () => [ensure_future(gather(child()))])(),
    );
    let cancel_result: boolean | null = null;
    fut.add_done_callback(() => {
      cancel_result = gather_task.cancel();
    });
    fut.set_result(42);
    assertEquals(await loop.run_until_complete(gather_task), [42]);
    assertStrictEquals(cancel_result, false);
    assertOk(!gather_task.cancelled());
  } finally {
    loop.close();
  }
});

Deno.test(
  "gather: a non-awaitable argument is a TypeError naming it, and nothing starts",
  asyncio_test(async () => {
    const before = all_tasks().size;
    const first = after(1, "x");
    assertThrows(
      () => gather(first, 5 as never),
      (error: unknown) =>
        error instanceof TypeError &&
        /gather\(\): argument 2 must be a Future/.test(error.message) &&
        / got 5$/.test(error.message),
    );
    assertStrictEquals(all_tasks().size, before, "no task was created for argument 1");
    assertThrows(
      () => gather([first] as never, first),
      (error: unknown) =>
        error instanceof TypeError && /argument 1 .*an array goes alone/.test(error.message),
    );
    assertThrows(
      () => gather(first, null as never, first),
      (error: unknown) =>
        error instanceof TypeError && /argument 2 .* got null/.test(error.message),
    );
    assertThrows(
      () => gather(first, { return_exception: true } as never),
      (error: unknown) =>
        error instanceof TypeError && /unknown option 'return_exception'/.test(error.message),
    );
    // The coroutine was never started, so it can still be awaited.
    assertStrictEquals(await first, "x");
  }),
);

Deno.test(
  "gather: an already started coroutine is a RuntimeError naming the argument",
  asyncio_test(async () => {
    const started = sleep(0);
    await started;
    const before = all_tasks().size;
    const first = sleep(1);
    assertThrows(
      () => gather(first, started),
      (error: unknown) =>
        error instanceof RuntimeError &&
        /^gather\(\): argument 2 is a coroutine that was already started/.test(error.message),
    );
    assertStrictEquals(all_tasks().size, before, "no task was created for argument 1");
    first.close(); // refused with the rest, so still ours
  }),
);

Deno.test("gather: Futures of different loops are a ValueError naming the argument", () => {
  const one = new_event_loop(VIRTUAL);
  const other = new_event_loop(VIRTUAL);
  try {
    const a = one.create_future();
    const b = other.create_future();
    assertThrows(
      () => gather(a, b),
      (error: unknown) =>
        error instanceof ValueError && /argument 2 belongs to a different loop/.test(error.message),
    );
    // The first argument decides the loop, even when it is a coroutine.
    const coro = sleep(0);
    const before = all_tasks(other).size;
    set_event_loop(one);
    try {
      assertThrows(() => gather(coro, b), ValueError);
    } finally {
      set_event_loop(null);
    }
    assertStrictEquals(all_tasks(one).size, 0, "nothing was scheduled on the first loop");
    assertStrictEquals(all_tasks(other).size, before);
    const same = gather(other.create_future(), other.create_future());
    assertStrictEquals(same.get_loop(), other);
    same.cancel();
  } finally {
    one.close();
    other.close();
  }
});

Deno.test(
  "gather: the outer Future is a GatheringFuture of the children's loop",
  asyncio_test(async () => {
    const all = gather(sleep(1, 1), sleep(2, 2));
    assertOk(all instanceof GatheringFuture);
    assertStrictEquals(all.get_loop(), get_running_loop());
    for (const child of all._children) assertOk((child as Task<unknown>).get_name());
    assertEquals(await all, [1, 2]);
  }),
);

Deno.test("gather: an array alone is its awaitables, past V8's argument limit", async () => {
  const results = await run(
    coroutine(async () => {
      const sleepers = Array.from({ length: 300_000 }, (_, i) => sleep(i % 3, i));
      const plain = await gather(sleepers);
      const failing = Promise.reject(new ValueError("no"));
      const mixed = await gather([sleep(1, "a"), failing], { return_exceptions: true });
      return { plain, mixed };
    })(),
    { clock: "virtual" },
  );
  assertStrictEquals(results.plain.length, 300_000);
  assertOk(results.plain.every((value, i) => value === i), "results in the array's order");
  assertStrictEquals(results.mixed[0], "a");
  assertOk((results.mixed[1] as unknown) instanceof ValueError);
});
