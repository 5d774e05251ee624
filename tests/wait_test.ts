import {
  ALL_COMPLETED,
  CancelledError,
  type Coroutine,
  coroutine,
  create_task,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type Future,
  get_running_loop,
  type ReturnWhen,
  run,
  sleep,
  type Task,
  TimeoutError,
  ValueError,
  wait,
  wait_for,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  unhandled_rejections,
} from "./_assert.ts";

/** How many done callbacks a Future holds (one is kept without an array). */
function callback_count(future: { _callbacks: unknown }): number {
  const held = future._callbacks;
  return held === null ? 0 : Array.isArray(held) ? held.length : 1;
}

/** Awaits `make()` and returns the error it throws. */
async function error_of(make: () => Coroutine<unknown>): Promise<Error> {
  try {
    await make();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

// ---- wait(): bad input ----

Deno.test(
  "wait() checks its arguments only when awaited",
  asyncio_test(async () => {
    const coro = wait([]); // nothing thrown yet
    const error = await error_of(() => coro);
    assertOk(error instanceof ValueError);
    assertOk(error instanceof RangeError);
    assertOk(error.message.includes("aws is empty"), error.message);
  }),
);

Deno.test(
  "wait() rejects a single Future or coroutine instead of an iterable",
  asyncio_test(async () => {
    const fut = get_running_loop().create_future();
    let error = await error_of(() => wait(fut as unknown as Iterable<Future>));
    assertOk(error instanceof TypeError && error.message.includes("aws"), error.message);
    const coro = sleep(0);
    error = await error_of(() => wait(coro as unknown as Iterable<Future>));
    assertOk(
      error instanceof TypeError && error.message.includes("single coroutine"),
      error.message,
    );
    await coro; // refused, and still ours to await
    fut.cancel();
  }),
);

Deno.test(
  "wait() rejects what is not iterable",
  asyncio_test(async () => {
    for (const bad of [5, null, undefined, "ab", {}]) {
      const error = await error_of(() => wait(bad as unknown as Iterable<Future>));
      assertOk(error instanceof TypeError, String(bad));
      assertOk(error.message.includes("aws must be an iterable"), error.message);
    }
  }),
);

Deno.test(
  "wait() rejects coroutines and generator objects inside aws",
  asyncio_test(async () => {
    const coro = sleep(0);
    const error = await error_of(() => wait([coro as unknown as Future]));
    assertOk(error instanceof TypeError);
    assertOk(error.message.includes("coroutines is forbidden"), error.message);
    await coro; // refused, and still ours to await
    function* gen(): Generator<unknown, void, unknown> {}
    const error2 = await error_of(() => wait([gen() as unknown as Future]));
    assertOk(error2 instanceof TypeError && error2.message.includes("coroutines"));
  }),
);

Deno.test(
  "wait() rejects Promises and other values inside aws",
  asyncio_test(async () => {
    for (const bad of [Promise.resolve(1), 3, null]) {
      const error = await error_of(() => wait([bad as unknown as Future]));
      assertOk(error instanceof TypeError);
      assertOk(error.message.includes("only Futures or Tasks"), error.message);
    }
  }),
);

Deno.test(
  "wait() rejects a return_when that is not one of the constants",
  asyncio_test(async () => {
    const fut = get_running_loop().create_future();
    fut.set_result(1);
    for (const bad of ["NEVER", "first_completed", 1, null]) {
      const error = await error_of(() => wait([fut], { return_when: bad as ReturnWhen }));
      assertOk(error instanceof ValueError, String(bad));
      assertOk(error.message.includes("return_when"), error.message);
    }
  }),
);

Deno.test(
  "wait() rejects bad options and timeouts",
  asyncio_test(async () => {
    const fut = get_running_loop().create_future();
    fut.set_result(1);
    let error = await error_of(() => wait([fut], "fast" as never));
    assertOk(error instanceof TypeError && error.message.includes("options"), error.message);
    error = await error_of(() => wait([fut], { timeout: "1" as unknown as number }));
    assertOk(
      error instanceof TypeError && error.message.includes("options.timeout"),
      error.message,
    );
    error = await error_of(() => wait([fut], { timeout: NaN }));
    assertOk(
      error instanceof ValueError && error.message.includes("options.timeout"),
      error.message,
    );
  }),
);

// ---- wait(): behaviour ----

Deno.test(
  "wait() returns [done, pending] as Sets of the very Futures, deduplicated",
  asyncio_test(async () => {
    const a = create_task(sleep(1, "a"));
    const b = create_task(sleep(2, "b"));
    const [done, pending] = await wait([a, b, a]);
    assertOk(done instanceof Set && pending instanceof Set);
    assertEquals([...done], [a, b]);
    assertStrictEquals(pending.size, 0);
    assertStrictEquals(get_running_loop().time(), 2);
  }),
);

Deno.test(
  "wait() with FIRST_COMPLETED and a timeout cancels nothing and removes its callbacks",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const a = create_task(sleep(1, "a"));
    const b = create_task(sleep(5, "b"));
    let [done, pending] = await wait([a, b], { return_when: FIRST_COMPLETED });
    assertEquals([...done], [a]);
    assertEquals([...pending], [b]);
    [done, pending] = await wait([b], { timeout: 1 });
    assertStrictEquals(done.size, 0);
    assertOk(!b.cancelled());
    assertStrictEquals(loop.time(), 2);
    // none of wait()'s callbacks is left on the task
    assertStrictEquals(callback_count(b), 0);
    assertStrictEquals(await b, "b");
  }),
);

Deno.test(
  "wait() FIRST_EXCEPTION returns on the first error, ignores cancellation",
  asyncio_test(async () => {
    const fail = coroutine(async () => {
      await sleep(1);
      throw new Error("boom");
    });
    const bad = create_task(fail());
    const cancelled = create_task(sleep(10));
    const slow = create_task(sleep(3));
    get_running_loop().call_later(0.5, () => cancelled.cancel());
    const [done, pending] = await wait([bad, cancelled, slow], { return_when: FIRST_EXCEPTION });
    assertEquals(new Set(done), new Set([bad, cancelled]));
    assertEquals([...pending], [slow]);
    assertStrictEquals((bad.exception() as Error).message, "boom");
    assertStrictEquals(get_running_loop().time(), 1);
    const [done2] = await wait([slow], { return_when: ALL_COMPLETED });
    assertStrictEquals(done2.size, 1);
  }),
);

Deno.test(
  "wait() accepts Infinity, null and negative timeouts",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const a = create_task(sleep(1, "a"));
    const [done] = await wait([a], { timeout: Infinity });
    assertStrictEquals(done.size, 1);
    const b = create_task(sleep(1, "b"));
    let [, pending] = await wait([b], { timeout: -1 });
    assertStrictEquals(pending.size, 1);
    [, pending] = await wait([b], { timeout: null });
    assertStrictEquals(pending.size, 0);
    assertStrictEquals(loop.time(), 2);
  }),
);

Deno.test(
  "cancelling the waiter leaves the Futures alone and unhooks wait()",
  asyncio_test(async () => {
    const a = create_task(sleep(5, "a"));
    const waiter = create_task(wait([a]));
    await sleep(1);
    waiter.cancel();
    await assertRejects(async () => await waiter, CancelledError);
    assertOk(!a.done());
    assertStrictEquals(callback_count(a), 0);
    assertStrictEquals(await a, "a");
  }),
);

Deno.test("wait() works from a generator coroutine", async () => {
  const main = coroutine(function* () {
    const tasks: Task<number>[] = [create_task(sleep(2, 2)), create_task(sleep(1, 1))];
    const [done, pending] = yield* wait(tasks, { return_when: FIRST_COMPLETED });
    assertStrictEquals([...done][0].result(), 1);
    for (const t of pending) t.cancel();
    return done.size + pending.size;
  });
  assertStrictEquals(await run(main(), { clock: "virtual" }), 2);
});

// ---- wait_for(): bad input ----

Deno.test(
  "wait_for() rejects what is not awaitable, when awaited",
  asyncio_test(async () => {
    for (const bad of [1, "ab", null, undefined, {}, () => 1]) {
      const coro = wait_for(bad as never, 1);
      const error = await error_of(() => coro);
      assertOk(error instanceof TypeError, String(bad));
      assertOk(error.message.startsWith("wait_for(): aw must be awaitable"), error.message);
    }
  }),
);

Deno.test(
  "wait_for() rejects a timeout that is not a number or null",
  asyncio_test(async () => {
    for (const bad of ["1", undefined, {}, 1n, NaN]) {
      const coro = sleep(0);
      const error = await error_of(() => wait_for(coro, bad as never));
      if (Number.isNaN(bad)) {
        assertOk(error instanceof ValueError, error.name);
        assertOk(error.message.includes("timeout must not be NaN"), error.message);
      } else {
        assertOk(error instanceof TypeError, String(bad));
        assertOk(error.message.includes("timeout must be a number"), error.message);
      }
      await coro; // refused, and still ours to await
    }
  }),
);

Deno.test(
  "wait_for() raises RuntimeError for a coroutine started before",
  asyncio_test(async () => {
    const coro = sleep(0, 1);
    await coro;
    const error = await error_of(() => wait_for(coro, 1));
    assertStrictEquals(error.name, "RuntimeError");
  }),
);

// ---- wait_for(): behaviour ----

Deno.test(
  "wait_for() returns in time and leaves no timer behind",
  asyncio_test(async () => {
    const loop = get_running_loop();
    assertStrictEquals(await wait_for(sleep(1, "v"), 2), "v");
    assertStrictEquals(loop.time(), 1);
    await sleep(0);
    assertStrictEquals(loop._scheduled.length, 0);
  }),
);

Deno.test(
  "wait_for() times out with a TimeoutError caused by the CancelledError",
  asyncio_test(async () => {
    const task = create_task(sleep(10));
    const error = await error_of(() => wait_for(task, 1));
    assertOk(error instanceof TimeoutError);
    assertOk(error.cause instanceof CancelledError);
    assertOk(task.cancelled());
    assertStrictEquals(get_running_loop().time(), 1);
  }),
);

Deno.test(
  "wait_for() accepts Promises, thenables and generator objects",
  asyncio_test(async () => {
    const loop = get_running_loop();
    assertStrictEquals(await wait_for(Promise.resolve("p"), 1), "p");
    await assertRejects(async () => await wait_for(Promise.reject(new Error("no")), 1), /no/);
    const thenable: PromiseLike<string> = {
      then(resolve) {
        return Promise.resolve("t").then(resolve);
      },
    };
    assertStrictEquals(await wait_for(thenable, null), "t");
    function* gen(): Generator<unknown, string, unknown> {
      yield* sleep(1);
      return "g";
    }
    assertStrictEquals(await wait_for(gen(), 2), "g");
    assertStrictEquals(loop.time(), 1);
    // a Promise that never settles times out
    const never = new Promise<void>(() => {});
    const error = await error_of(() => wait_for(never, 1));
    assertOk(error instanceof TimeoutError && error.cause instanceof CancelledError);
    assertStrictEquals(loop.time(), 2);
    const error0 = await error_of(() => wait_for(never, 0));
    assertOk(error0 instanceof TimeoutError);
  }),
);

Deno.test(
  "wait_for() with an Infinity timeout schedules no timer",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const fut = loop.create_future<number>();
    const waiter = create_task(wait_for(fut, Infinity));
    await sleep(0);
    assertStrictEquals(loop._scheduled.length, 0);
    fut.set_result(3);
    assertStrictEquals(await waiter, 3);
  }),
);

Deno.test(
  "wait_for() with timeout 0 never starts a coroutine, returns a done Future",
  asyncio_test(async () => {
    let started = false;
    const body = coroutine(async () => {
      started = true;
      await sleep(0);
    });
    const error = await error_of(() => wait_for(body(), 0));
    assertOk(error instanceof TimeoutError && error.cause instanceof CancelledError);
    assertOk(!started);
    const fut = get_running_loop().create_future<string>();
    fut.set_result("done");
    assertStrictEquals(await wait_for(fut, -5), "done");
  }),
);

Deno.test(
  "cancelling the task in wait_for() cancels the inner task",
  asyncio_test(async () => {
    const inner = create_task(sleep(10));
    const outer = create_task(wait_for(inner, 5));
    await sleep(1);
    outer.cancel();
    await assertRejects(async () => await outer, CancelledError);
    assertOk(inner.cancelled());
    assertStrictEquals(outer.cancelling(), 1);
  }),
);

/** A plain async function that fails after one loop iteration. */
async function fails_later(): Promise<never> {
  await sleep(0);
  throw new ValueError("failed later");
}

Deno.test("wait_for(promise) owns its rejection from the call: try/catch sees it", async () => {
  let caught: unknown = null;
  const unhandled = await unhandled_rejections(() =>
    run(
      coroutine(async () => {
        try {
          await wait_for(fails_later(), 5);
        } catch (error) {
          caught = error;
        }
      })(),
      { clock: "virtual" },
    )
  );
  assertEquals(unhandled, []);
  assertOk(caught instanceof ValueError && caught.message === "failed later", String(caught));
});

Deno.test("wait() refusing a Promise raises its TypeError; the Promise's error is not unhandled", async () => {
  let caught: unknown = null;
  const unhandled = await unhandled_rejections(() =>
    run(
      coroutine(async () => {
        try {
          await wait([fails_later() as never]);
        } catch (error) {
          caught = error;
        }
        await sleep(0);
      })(),
      { clock: "virtual" },
    )
  );
  assertEquals(unhandled, []);
  assertOk(caught instanceof TypeError && /only Futures or Tasks/.test(caught.message));
});
