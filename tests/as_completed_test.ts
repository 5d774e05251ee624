import {
  as_completed,
  AsCompletedIterator,
  type CompletedFuture,
  coroutine,
  create_task,
  get_running_loop,
  run,
  sleep,
  TimeoutError,
  ValueError,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "./_assert.ts";

// ---- bad input ----

Deno.test(
  "as_completed() rejects a single awaitable instead of an iterable",
  asyncio_test(async () => {
    const fut = get_running_loop().create_future();
    const coro = sleep(0);
    for (const bad of [fut, coro, Promise.resolve(1)]) {
      assertThrows(
        () => as_completed(bad as never),
        (e: Error) => e instanceof TypeError && e.message.includes("not a single awaitable"),
      );
    }
    await coro;
    fut.cancel();
  }),
);

Deno.test("as_completed() rejects what is not iterable", () => {
  for (const bad of [1, null, undefined, "ab", {}]) {
    assertThrows(
      () => as_completed(bad as never),
      (e: Error) => e instanceof TypeError && e.message.includes("aws must be an iterable"),
    );
  }
});

Deno.test(
  "as_completed() rejects items that are not awaitable, before scheduling anything",
  asyncio_test(async () => {
    const coro = sleep(1);
    assertThrows(
      () => as_completed([coro, 5 as never]),
      (e: Error) =>
        e instanceof TypeError && e.message.includes("every item of aws must be awaitable"),
    );
    assertOk(!coro._started);
    await coro;
  }),
);

Deno.test(
  "as_completed() rejects bad options and timeouts",
  asyncio_test(async () => {
    const fut = get_running_loop().create_future();
    fut.set_result(1);
    assertThrows(
      () => as_completed([fut], 3 as never),
      (e: Error) => e instanceof TypeError && /options/.test(e.message),
    );
    assertThrows(
      () => as_completed([fut], { timeout: "1" as never }),
      (e: Error) => e instanceof TypeError && e.message.includes("options.timeout"),
    );
    assertThrows(
      () => as_completed([fut], { timeout: NaN }),
      (e: Error) => e instanceof ValueError && e.message.includes("options.timeout"),
    );
    await sleep(0);
  }),
);

// ---- behaviour ----

Deno.test(
  "plain iteration gives coroutines of the results in completion order",
  asyncio_test(async () => {
    const it = as_completed([sleep(3, "c"), sleep(1, "a"), sleep(2, "b")]);
    assertOk(it instanceof AsCompletedIterator);
    assertStrictEquals(it[Symbol.iterator](), it);
    const got: string[] = [];
    for (const next of it) got.push(await next);
    assertEquals(got, ["a", "b", "c"]);
    assertEquals(it.next(), { done: true, value: undefined });
  }),
);

Deno.test(
  "for await gives the original Futures and Tasks, and Tasks for coroutines",
  asyncio_test(async () => {
    const slow = create_task(sleep(2, "slow"));
    const fast = create_task(sleep(1, "fast"));
    const order: CompletedFuture<string>[] = [];
    for await (const f of as_completed([slow, fast, sleep(3, "coro")])) {
      assertOk(f.done());
      order.push(f);
    }
    assertStrictEquals(order.length, 3);
    assertStrictEquals(order[0], fast);
    assertStrictEquals(order[1], slow);
    assertStrictEquals(order[2].result(), "coro");
    assertOk(order[2] !== slow && order[2] !== fast);
  }),
);

Deno.test(
  "for await raises TimeoutError when time runs out, cancelling nothing",
  asyncio_test(async () => {
    const slow = create_task(sleep(5, "slow"));
    const seen: string[] = [];
    await assertRejects(async () => {
      for await (const f of as_completed([sleep(1, "quick"), slow], { timeout: 2 })) {
        seen.push(f.result());
      }
    }, TimeoutError);
    assertEquals(seen, ["quick"]);
    assertStrictEquals(get_running_loop().time(), 2);
    assertOk(!slow.cancelled());
    assertStrictEquals(await slow, "slow");
  }),
);

Deno.test(
  "errors are raised by the awaits, results stay in the Futures",
  asyncio_test(async () => {
    const fail = coroutine(async () => {
      await sleep(1);
      throw new Error("boom");
    });
    const results: string[] = [];
    for (const next of as_completed([fail(), sleep(2, "ok")])) {
      try {
        results.push(await next);
      } catch (e) {
        results.push((e as Error).message);
      }
    }
    assertEquals(results, ["boom", "ok"]);
  }),
);

Deno.test("Promises are adapted; Infinity and an unused timeout leave no timer", async () => {
  await run(
    coroutine(async () => {
      const got: string[] = [];
      for (const next of as_completed([Promise.resolve("p")], { timeout: Infinity })) {
        got.push(await next);
      }
      assertEquals(got, ["p"]);
    })(),
  );
  await asyncio_test(async () => {
    const loop = get_running_loop();
    for (const next of as_completed([sleep(1, "x")], { timeout: 10 })) await next;
    await sleep(0);
    assertStrictEquals(loop._scheduled.length, 0);
  })();
});

Deno.test(
  "an empty iterable gives nothing, in both forms",
  asyncio_test(async () => {
    assertEquals([...as_completed([])], []);
    for await (const _ of as_completed([])) throw new Error("unreachable");
  }),
);

Deno.test("as_completed() in generator coroutines", async () => {
  const main = coroutine(function* () {
    const got: number[] = [];
    for (const next of as_completed([sleep(2, 2), sleep(1, 1)])) {
      const value: number = yield* next;
      got.push(value);
    }
    return got;
  });
  assertEquals(await run(main(), { clock: "virtual" }), [1, 2]);
});
