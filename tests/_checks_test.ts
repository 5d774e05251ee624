import {
  as_completed,
  Barrier,
  BoundedSemaphore,
  Coroutine,
  ensure_future,
  Future,
  gather,
  get_running_loop,
  LifoQueue,
  PriorityQueue,
  Queue,
  Semaphore,
  shield,
  sleep,
  timeout,
  timeout_at,
  ValueError,
  wait,
  wait_for,
  WorkerPoolExecutor,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import {
  check_awaitable,
  check_function,
  check_integer,
  check_seconds,
  check_seconds_or_null,
  is_awaitable,
  isgenerator,
} from "../lib/_checks.ts";
import { assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";

/**
 * The class and message a call throws, or the coroutine it returns fails
 * with (some check their arguments when they run, as CPython's), or `null`.
 */
async function thrown(call: () => unknown): Promise<{ cls: string; message: string } | null> {
  try {
    const result = call();
    if (result instanceof Coroutine) await result;
    return null;
  } catch (error) {
    const e = error as Error;
    return { cls: e instanceof ValueError ? "ValueError" : e.constructor.name, message: e.message };
  }
}

Deno.test("check_seconds: a non-number is a TypeError, NaN a ValueError, any other number passes", () => {
  for (const ok of [0, -1, 1.5, Infinity, -Infinity]) check_seconds(ok, "f(): delay");
  assertThrows(
    () => check_seconds("1", "f(): delay"),
    new TypeError("f(): delay must be a number of seconds, got '1'"),
  );
  assertThrows(() => check_seconds(null, "f(): delay"), TypeError);
  assertThrows(
    () => check_seconds(NaN, "f(): delay"),
    new ValueError("f(): delay must not be NaN"),
  );
  assertStrictEquals(check_seconds_or_null(null, "f(): timeout"), null);
  assertStrictEquals(check_seconds_or_null(2, "f(): timeout"), 2);
  assertThrows(
    () => check_seconds_or_null(undefined, "f(): timeout"),
    new TypeError("f(): timeout must be a number of seconds or null, got undefined"),
  );
  assertThrows(() => check_seconds_or_null(NaN, "f(): timeout"), ValueError);
});

Deno.test("check_integer: a non-number is a TypeError, a fraction, NaN or infinity a ValueError", () => {
  for (const ok of [0, -3, 7]) check_integer(ok, "f(): n");
  assertThrows(
    () => check_integer("2", "f(): n"),
    new TypeError("f(): n must be an integer, got '2'"),
  );
  for (const bad of [1.5, NaN, Infinity]) {
    assertThrows(() => check_integer(bad, "f(): n"), ValueError);
  }
});

Deno.test("check_function: names the argument; nullable lets null through", () => {
  check_function(() => {}, "f(): callback");
  check_function(null, "f(): callback", true);
  assertThrows(
    () => check_function(5, "f(): callback"),
    new TypeError("f(): callback must be a function, got 5"),
  );
  assertThrows(
    () => check_function(undefined, "f(): handler", true),
    new TypeError("f(): handler must be a function or null, got undefined"),
  );
});

Deno.test("is_awaitable: generators and thenables (objects or functions), nothing else", () => {
  const then_function = Object.assign(() => {}, { then: () => {} });
  for (const yes of [(function* () {})(), Promise.resolve(), { then() {} }, then_function]) {
    assertOk(is_awaitable(yes), String(yes));
  }
  for (const no of [1, "x", null, undefined, {}, () => 1, [Promise.resolve()], { next() {} }]) {
    assertOk(!is_awaitable(no), String(no));
  }
  assertOk(isgenerator((function* () {})()));
  assertOk(!isgenerator({ next() {} }));
  check_awaitable(Promise.resolve(), "f(): aw");
  assertThrows(
    () => check_awaitable(3, "f(): aw"),
    new TypeError(
      "f(): aw must be awaitable (a Future, Task, coroutine, generator or Promise), got 3",
    ),
  );
});

Deno.test(
  "every function that takes an awaitable agrees on what one is (wait() takes only Futures, as CPython)",
  asyncio_test(async () => {
    const then_function = Object.assign(() => {}, {
      then: (resolve: (value: string) => void) => resolve("fn"),
    });
    const takers: [string, (aw: unknown) => unknown][] = [
      ["ensure_future", (aw) => ensure_future(aw as never)],
      ["shield", (aw) => shield(aw as never)],
      ["gather", (aw) => gather(aw as never)],
      ["wait_for", (aw) => wait_for(aw as never, null)],
      ["as_completed", (aw) => as_completed([aw] as never)],
    ];
    for (const [name, take] of takers) {
      // gather() takes a plain object as its options.
      for (const bad of name === "gather" ? [1, "x", null, () => 1] : [1, "x", null, {}, () => 1]) {
        assertStrictEquals(
          (await thrown(() => take(bad)))?.cls,
          "TypeError",
          `${name}(${String(bad)})`,
        );
      }
      const result = take(then_function);
      assertOk(result !== null && typeof result === "object", name);
      if (name === "as_completed") {
        for (const next of result as Iterable<PromiseLike<unknown>>) {
          assertStrictEquals(await next, "fn");
        }
      } else {
        const value = await (result as PromiseLike<unknown>);
        assertStrictEquals(Array.isArray(value) ? value[0] : value, "fn", name);
      }
    }
  }),
);

Deno.test("a NaN time is a ValueError and a non-number a TypeError, in every module", async () => {
  await asyncio_test(async () => {
    const loop = get_running_loop();
    const never = new Future<void>();
    const takers: [string, (seconds: unknown) => unknown][] = [
      ["sleep(): delay", (s) => sleep(s as number)],
      ["call_later(): delay", (s) => loop.call_later(s as number, () => {})],
      ["call_at(): when", (s) => loop.call_at(s as number, () => {})],
      ["timeout(): delay", (s) => timeout(s as number)],
      ["Timeout(): when", (s) => timeout_at(s as number)],
      ["wait_for(): timeout", (s) => wait_for(never, s as number)],
      ["as_completed(): options.timeout", (s) => as_completed([never], { timeout: s as number })],
    ];
    for (const [label, take] of takers) {
      assertStrictEquals((await thrown(() => take(NaN)))?.cls, "ValueError", label);
      assertStrictEquals((await thrown(() => take(NaN)))?.message, `${label} must not be NaN`);
      assertStrictEquals((await thrown(() => take("1")))?.cls, "TypeError", label);
    }
    try {
      await wait([never], { timeout: NaN });
      throw new Error("wait() took a NaN timeout");
    } catch (error) {
      assertOk(error instanceof ValueError, String(error));
    }
    never.cancel();
  })();
});

Deno.test("a fractional count is a ValueError and a non-number a TypeError, in every module", async () => {
  const takers: [string, (n: unknown) => unknown][] = [
    ["Semaphore", (n) => new Semaphore(n as number)],
    ["BoundedSemaphore", (n) => new BoundedSemaphore(n as number)],
    ["Barrier", (n) => new Barrier(n as number)],
    ["Queue", (n) => new Queue(n as number)],
    ["LifoQueue", (n) => new LifoQueue(n as number)],
    ["PriorityQueue", (n) => new PriorityQueue(n as number)],
    ["WorkerPoolExecutor", (n) => new WorkerPoolExecutor(n as number)],
  ];
  for (const [name, take] of takers) {
    for (const fraction of [1.5, NaN, Infinity]) {
      assertStrictEquals(
        (await thrown(() => take(fraction)))?.cls,
        "ValueError",
        `${name}(${fraction})`,
      );
    }
    assertStrictEquals((await thrown(() => take("2")))?.cls, "TypeError", name);
  }
});
