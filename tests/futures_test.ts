// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  all_tasks,
  CancelledError,
  coroutine,
  type ExceptionContext,
  Future,
  gather,
  get_event_loop,
  get_running_loop,
  InvalidStateError,
  isfuture,
  new_event_loop,
  run,
  RuntimeError,
  set_event_loop,
  sleep,
  WorkerPoolExecutor,
  wrap_future,
} from "../mod.ts";
import type { EventLoop } from "../mod.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
  raises,
} from "./_assert.ts";

function virtual(): EventLoop {
  return new_event_loop({ clock: "virtual" });
}

async function spin(loop: EventLoop, iterations = 1): Promise<void> {
  for (let i = 0; i < iterations; i++) {
    loop.stop();
    await loop.run_forever();
  }
}

Deno.test("Future: a new Future is pending", () => {
  const loop = virtual();
  try {
    const fut = new Future<number>({ loop });
    assertStrictEquals(fut.done(), false);
    assertStrictEquals(fut.cancelled(), false);
    assertStrictEquals(fut.get_loop(), loop);
    assertStrictEquals(String(fut), "<Future pending>");
    assertOk(isfuture(fut));
    assertOk(!isfuture(Promise.resolve(1)));
    assertOk(!isfuture({ then() {} }));
  } finally {
    loop.close();
  }
});

Deno.test("Future: result() and exception() of a pending Future → InvalidStateError", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future();
    assertThrows(
      () => fut.result(),
      (e: unknown) => e instanceof InvalidStateError && /^Result is not/.test(e.message),
    );
    assertThrows(
      () => fut.exception(),
      (e: unknown) => e instanceof InvalidStateError && e.message === "Exception is not set.",
    );
  } finally {
    loop.close();
  }
});

Deno.test("Future: set_result → result(), exception() is null", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future<{ a: number }>();
    const value = { a: 1 };
    fut.set_result(value);
    assertStrictEquals(fut.done(), true);
    assertStrictEquals(fut.cancelled(), false);
    assertStrictEquals(fut.result(), value);
    assertStrictEquals(fut.exception(), null);
    const u = loop.create_future<undefined>();
    u.set_result(undefined);
    assertStrictEquals(u.result(), undefined);
    assertStrictEquals(u.exception(), null);
    const n = loop.create_future<number>();
    n.set_result(1);
    assertStrictEquals(String(n), "<Future finished result=1>");
  } finally {
    loop.close();
  }
});

Deno.test("Future: set_exception → result() throws it, exception() returns it", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future<number>();
    const error = new RangeError("bad");
    fut.set_exception(error);
    assertStrictEquals(fut.done(), true);
    assertStrictEquals(fut.exception(), error);
    assertThrows(() => fut.result(), (e: unknown) => e === error);
    // A non-Error value can be the exception too.
    const s = loop.create_future();
    s.set_exception("just a string");
    assertStrictEquals(s.exception(), "just a string");
  } finally {
    loop.close();
  }
});

Deno.test("Future: set_exception(null/undefined) → TypeError", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future();
    assertThrows(
      () => fut.set_exception(null),
      (e: unknown) =>
        e instanceof TypeError && /exception must not be null or undefined/.test(e.message),
    );
    assertThrows(() => fut.set_exception(undefined), TypeError);
    assertStrictEquals(fut.done(), false);
  } finally {
    loop.close();
  }
});

Deno.test("Future: set_result/set_exception on a done Future → InvalidStateError", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future<number>();
    fut.set_result(1);
    assertThrows(() => fut.set_result(2), (e: unknown) =>
      e instanceof InvalidStateError &&
      e.message === "set_result(): invalid state FINISHED: <Future finished result=1>");
    assertThrows(
      () => fut.set_exception(new Error("x")),
      (e: unknown) =>
        e instanceof InvalidStateError &&
        /^set_exception\(\): invalid state FINISHED/.test(e.message),
    );
    assertStrictEquals(fut.result(), 1, "unchanged");
    const c = loop.create_future<number>();
    c.cancel();
    assertThrows(
      () => c.set_result(1),
      (e: unknown) => e instanceof InvalidStateError && /invalid state CANCELLED/.test(e.message),
    );
    assertThrows(() => c.set_exception(new Error()), InvalidStateError);
  } finally {
    loop.close();
  }
});

Deno.test("Future: cancel() and cancel(msg)", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future();
    assertStrictEquals(fut.cancel("why"), true);
    assertStrictEquals(fut.cancelled(), true);
    assertStrictEquals(fut.done(), true);
    assertStrictEquals(String(fut), "<Future cancelled>");
    assertThrows(
      () => fut.result(),
      (e: unknown) =>
        e instanceof CancelledError && e.message === "why" && e.name === "CancelledError",
    );
    assertThrows(
      () => fut.exception(),
      (e: unknown) => e instanceof CancelledError && e.message === "why",
    );
    assertStrictEquals(fut.cancel("again"), false, "already done");
    const plain = loop.create_future();
    plain.cancel();
    assertThrows(
      () => plain.result(),
      (e: unknown) => e instanceof CancelledError && e.message === "",
    );
  } finally {
    loop.close();
  }
});

Deno.test("Future: cancel() of a finished Future returns false and changes nothing", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future<number>();
    fut.set_result(3);
    assertStrictEquals(fut.cancel(), false);
    assertStrictEquals(fut.cancelled(), false);
    assertStrictEquals(fut.result(), 3);
    const err = loop.create_future();
    err.set_exception(new Error("e"));
    assertStrictEquals(err.cancel(), false);
    assertOk(err.exception() instanceof Error);
  } finally {
    loop.close();
  }
});

Deno.test("Future: done callbacks run through call_soon, in registration order", async () => {
  const loop = virtual();
  const log: string[] = [];
  const fut = loop.create_future<number>();
  fut.add_done_callback((f) => log.push(`a:${f.result()}`));
  fut.add_done_callback((f) => log.push(`b:${f === fut}`));
  loop.call_soon(() => log.push("queued before set_result"));
  fut.add_done_callback(() => log.push("c"));
  fut.set_result(5);
  assertEquals(log, [], "nothing runs synchronously");
  loop.call_soon(() => log.push("queued after set_result"));
  await spin(loop);
  loop.close();
  assertEquals(log, ["queued before set_result", "a:5", "b:true", "c", "queued after set_result"]);
});

Deno.test("Future: a callback added to a done Future is scheduled at once", async () => {
  const loop = virtual();
  const log: string[] = [];
  const fut = loop.create_future<string>();
  fut.set_result("x");
  loop.call_soon(() => log.push("before"));
  fut.add_done_callback((f) => log.push(`cb:${f.result()}`));
  loop.call_soon(() => log.push("after"));
  await spin(loop);
  loop.close();
  assertEquals(log, ["before", "cb:x", "after"]);
});

Deno.test("Future: cancel() schedules the done callbacks", async () => {
  const loop = virtual();
  const seen: boolean[] = [];
  const fut = loop.create_future();
  fut.add_done_callback((f) => seen.push(f.cancelled()));
  fut.cancel();
  await spin(loop);
  loop.close();
  assertEquals(seen, [true]);
});

Deno.test("Future: remove_done_callback removes every registration and returns the count", async () => {
  const loop = virtual();
  const log: string[] = [];
  const fut = loop.create_future();
  const a = () => log.push("a");
  const b = () => log.push("b");
  fut.add_done_callback(a);
  fut.add_done_callback(b);
  fut.add_done_callback(a);
  fut.add_done_callback(a);
  assertStrictEquals(fut.remove_done_callback(a), 3);
  assertStrictEquals(fut.remove_done_callback(a), 0);
  assertStrictEquals(fut.remove_done_callback(() => {}), 0);
  fut.set_result(null);
  assertStrictEquals(fut.remove_done_callback(b), 0, "already scheduled once done");
  await spin(loop);
  loop.close();
  assertEquals(log, ["b"]);
});

Deno.test("Future: add_done_callback with a non-callable → TypeError naming the argument", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future();
    assertThrows(
      () => fut.add_done_callback(3 as unknown as () => void),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "add_done_callback(): callback must be a function, got 3",
    );
    fut.set_result(1);
    assertThrows(() => fut.add_done_callback(null as unknown as () => void), TypeError);
  } finally {
    loop.close();
  }
});

Deno.test("Future: a throwing done callback goes to the exception handler; others still run", async () => {
  const loop = virtual();
  const contexts: ExceptionContext[] = [];
  loop.set_exception_handler((_l, c) => contexts.push(c));
  const log: string[] = [];
  const fut = loop.create_future();
  fut.add_done_callback(function bad() {
    throw new Error("cb failed");
  });
  fut.add_done_callback(() => log.push("next"));
  fut.set_result(1);
  await spin(loop);
  loop.close();
  assertEquals(log, ["next"]);
  assertStrictEquals(contexts.length, 1);
  assertOk(contexts[0].message.startsWith("Exception in callback bad("), contexts[0].message);
});

Deno.test("Future: new Future() binds to the running loop, else get_event_loop()", async () => {
  const loop = virtual();
  // Wrapped in an object: an async function returning a thenable would await it.
  const inside = await loop.run_until_complete(coroutine(async () => ({ fut: new Future() }))());
  assertStrictEquals(inside.fut.get_loop(), loop);
  loop.close();
  set_event_loop(null);
  const current = get_event_loop();
  try {
    assertStrictEquals(new Future().get_loop(), current);
  } finally {
    set_event_loop(null);
    current.close();
  }
});

Deno.test("Future: plain JS can await a done Future", async () => {
  const loop = virtual();
  try {
    const ok = loop.create_future<number>();
    ok.set_result(7);
    const n: number = await ok;
    assertStrictEquals(n, 7);
    const bad = loop.create_future<number>();
    const error = new Error("nope");
    bad.set_exception(error);
    await assertRejects(async () => await bad, (e: unknown) => e === error);
    const cancelled = loop.create_future();
    cancelled.cancel("stop");
    await assertRejects(
      async () => await cancelled,
      (e: unknown) => e instanceof CancelledError && e.message === "stop",
    );
  } finally {
    loop.close();
  }
});

Deno.test("Future: plain JS awaiting a pending Future hears when the loop resolves it", async () => {
  const loop = virtual();
  const fut = loop.create_future<string>();
  const order: string[] = [];
  const waiter = (async () => {
    const value = await fut;
    order.push(`plain js got ${value}`);
    return value;
  })();
  loop.call_later(5, () => {
    order.push("set");
    fut.set_result("hello");
  });
  await loop.run_until_complete(fut);
  assertStrictEquals(await waiter, "hello");
  assertEquals(order, ["set", "plain js got hello"]);
  assertStrictEquals(loop.time(), 5);
  loop.close();
});

Deno.test("Future: plain JS awaiting a pending Future sees its error or cancellation", async () => {
  const loop = virtual();
  const failing = loop.create_future();
  const cancelled = loop.create_future();
  const p1 = (async () => await failing)();
  const p2 = (async () => await cancelled)();
  loop.call_soon(() => failing.set_exception(new TypeError("t")));
  loop.call_soon(() => cancelled.cancel("c"));
  await spin(loop);
  loop.close();
  await assertRejects(p1, TypeError);
  await assertRejects(p2, (e: unknown) => e instanceof CancelledError && e.message === "c");
});

Deno.test("Future: then() chains like a Promise outside a task", async () => {
  const loop = virtual();
  try {
    const fut = loop.create_future<number>();
    fut.set_result(2);
    const doubled = await fut.then((v) => v * 2);
    assertStrictEquals(doubled, 4);
    const recovered = await Promise.resolve(fut).then((v) => v + 1);
    assertStrictEquals(recovered, 3);
  } finally {
    loop.close();
  }
});

Deno.test("Future: awaited inside a coroutine, typed", async () => {
  const result = await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const fut = loop.create_future<number>();
      loop.call_later(1, () => fut.set_result(41));
      const n: number = await fut;
      return n + 1;
    })(),
    { clock: "virtual" },
  );
  assertStrictEquals(result, 42);
});

Deno.test("Future: yield* in a generator coroutine returns the typed result", async () => {
  const loop = virtual();
  const fut = loop.create_future<string>();
  const done = loop.create_future<number>();
  done.set_result(9);
  const gen = coroutine(function* () {
    const s: string = yield* fut;
    const n: number = yield* done; // already done: no trip through the loop
    return `${s}${n}`;
  });
  loop.call_later(1, () => fut.set_result("v"));
  assertStrictEquals(await loop.run_until_complete(gen()), "v9");
  loop.close();
});

Deno.test("Future: yield* of a failed Future throws into the generator", async () => {
  const loop = virtual();
  const fut = loop.create_future<string>();
  const gen = coroutine(function* () {
    try {
      yield* fut;
      return "no error";
    } catch (e) {
      return (e as Error).message;
    }
  });
  loop.call_soon(() => fut.set_exception(new Error("failed")));
  assertStrictEquals(await loop.run_until_complete(gen()), "failed");
  loop.close();
});

Deno.test("Future: toString of a finished Future with an error", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future();
    fut.set_exception(new RangeError("r"));
    assertOk(String(fut).startsWith("<Future finished exception="), String(fut));
  } finally {
    loop.close();
  }
});

Deno.test("wrap_future: Futures as they are; jobs and Promises become Futures", async () => {
  const pool = new WorkerPoolExecutor(1);
  try {
    await run(
      coroutine(async () => {
        const loop = get_running_loop();
        const fut = loop.create_future<number>();
        assertStrictEquals(wrap_future(fut), fut);
        assertStrictEquals(await wrap_future(Promise.resolve(7)), 7);
        await raises(wrap_future(Promise.reject(null)), TypeError); // null thrown: a TypeError
        const slow = pool.submit(async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return "slow";
        });
        const queued = pool.submit(() => "never");
        const queued_future = wrap_future(queued);
        queued_future.cancel();
        await sleep(0); // the cancellation reaches the job
        assertStrictEquals(queued.cancel(), false); // cancelled already
        assertStrictEquals(await wrap_future(slow), "slow");
        const busy = pool.submit(async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
        });
        const cancelled_job = pool.submit(() => 1); // queued behind `busy`
        const follower = wrap_future(cancelled_job);
        assertStrictEquals(cancelled_job.cancel(), true);
        await raises(follower, CancelledError); // the job's cancellation cancels the Future
        await wrap_future(busy);
        assertThrows(() => wrap_future(42 as never), (e: unknown) =>
          e instanceof TypeError &&
          e.message ===
            "wrap_future(): a Future, an executor job or a Promise is required, got 42");
      })(),
    );
  } finally {
    await pool.shutdown();
  }
});

Deno.test("awaiting a pending Future whose loop is closed raises RuntimeError at once", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const task = loop.create_task(sleep(10));
  await loop.run_until_complete(sleep(0));
  loop.close();
  await assertRejects(
    async () => await task,
    (error: unknown) =>
      error instanceof RuntimeError && /its event loop is closed: it can never finish/.test(
        String(error),
      ),
  );
});

Deno.test("awaiting a pending Future with no loop running raises RuntimeError at once", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  set_event_loop(loop);
  try {
    // A top-level `await gather(...)` that forgot run(): its tasks are on a loop nobody runs.
    await assertRejects(
      async () => await gather(sleep(0.01, 1)),
      (error: unknown) =>
        error instanceof RuntimeError && /awaited outside a running event loop/.test(String(error)),
    );
    // Awaited before the loop runs, from code the loop will run alongside: fine.
    const future = loop.create_future<string>();
    const waiter = (async () => await future)();
    loop.call_soon(() => future.set_result("set"));
    await loop.run_until_complete(sleep(0));
    assertStrictEquals(await waiter, "set");
    for (const task of all_tasks(loop)) task.cancel();
    await loop.run_until_complete(sleep(0));
  } finally {
    set_event_loop(null);
    loop.close();
  }
});
