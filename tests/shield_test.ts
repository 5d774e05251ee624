import {
  CancelledError,
  coroutine,
  create_task,
  Future,
  get_running_loop,
  run,
  shield,
  sleep,
  type Task,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import { assertOk, assertRejects, assertStrictEquals, assertThrows } from "./_assert.ts";

/** How many done callbacks a Future holds (one is kept without an array). */
function callback_count(future: { _callbacks: unknown }): number {
  const held = future._callbacks;
  return held === null ? 0 : Array.isArray(held) ? held.length : 1;
}

Deno.test("shield() rejects what is not awaitable, naming the argument", () => {
  for (const bad of [1, "x", null, undefined, {}, () => 1]) {
    assertThrows(
      () => shield(bad as never),
      (e: Error) =>
        e instanceof TypeError && e.message.startsWith("shield(): aw must be awaitable"),
    );
  }
});

Deno.test(
  "shield() returns a done Future as it is",
  asyncio_test(async () => {
    const fut = get_running_loop().create_future<number>();
    fut.set_result(1);
    assertStrictEquals(shield(fut), fut);
    await sleep(0);
  }),
);

Deno.test(
  "shield() passes results and errors through",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const inner = loop.create_future<number>();
    const outer = shield(inner);
    assertOk(outer !== inner && outer instanceof Future);
    loop.call_later(1, () => inner.set_result(42));
    assertStrictEquals(await outer, 42);
    const failing = loop.create_future();
    const outer2 = shield(failing);
    const error = new Error("boom");
    failing.set_exception(error);
    await assertRejects(async () => await outer2, (e) => e === error);
  }),
);

Deno.test(
  "cancelling the outer Future leaves the inner one running",
  asyncio_test(async () => {
    const inner = create_task(sleep(2, "inner"));
    const outer = shield(inner);
    await sleep(1);
    assertOk(outer.cancel());
    await assertRejects(async () => await outer, CancelledError);
    assertOk(!inner.done());
    assertStrictEquals(await inner, "inner");
    // the shield unhooked itself from the inner task
    assertStrictEquals(callback_count(inner), 0);
  }),
);

Deno.test(
  "an error of the inner Future after the outer was cancelled is marked retrieved",
  asyncio_test(async () => {
    const inner = get_running_loop().create_future();
    const outer = shield(inner);
    await sleep(0);
    outer.cancel();
    inner.set_exception(new Error("late"));
    await sleep(0);
    await sleep(0);
    assertStrictEquals(inner._log_traceback, false);
  }),
);

Deno.test(
  "cancelling the inner Future cancels the outer one",
  asyncio_test(async () => {
    const inner = create_task(sleep(5));
    const outer = shield(inner);
    await sleep(1);
    inner.cancel();
    await assertRejects(async () => await outer, CancelledError);
    assertOk(outer.cancelled());
  }),
);

Deno.test("shield() schedules coroutines as Tasks and adapts Promises", async () => {
  await asyncio_test(async () => {
    let ran = false;
    const work = coroutine(async () => {
      await sleep(1);
      ran = true;
      return "w";
    });
    const waiter = create_task(coroutine(async () => await shield(work()))());
    await sleep(0);
    waiter.cancel();
    await assertRejects(async () => await waiter, CancelledError);
    await sleep(2);
    assertOk(ran);
  })();
  await run(
    coroutine(async () => {
      assertStrictEquals(await shield(Promise.resolve("p")), "p");
    })(),
  );
});

Deno.test("shield() works in generator coroutines", async () => {
  const main = coroutine(function* () {
    const inner: Task<string> = create_task(sleep(1, "g"));
    const value: string = yield* shield(inner);
    return value;
  });
  assertStrictEquals(await run(main(), { clock: "virtual" }), "g");
});
