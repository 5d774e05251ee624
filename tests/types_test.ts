// Bodies that finish without awaiting are part of what is typed here.
// deno-lint-ignore-file require-await
// The public types, checked when `deno test` type-checks this file: a wrong
// inference fails the check, before any test runs. The tests also run the
// code, so the types describe what actually comes back.
import {
  async_with,
  type AsyncContextManager,
  BoundedSemaphore,
  Condition,
  type Coroutine,
  coroutine,
  Future,
  gather,
  type GatheringFuture,
  Lock,
  Queue,
  run,
  Semaphore,
  sleep,
  type Task,
  type TaskFactory,
  TaskGroup,
  timeout,
  wrap_future,
} from "../mod.ts";
import { assertEquals, assertOk, assertStrictEquals } from "./_assert.ts";

/** `true` when `A` and `B` are the same type (not merely assignable either way). */
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true
  : false;

/** Compiles only when `T` is `true`. */
function check<T extends true>(_proof?: T): void {}

const V = { clock: "virtual" } as const;

const fail = coroutine(async function fail(): Promise<number> {
  await sleep(1);
  throw new Error("boom");
});

Deno.test("types: gather infers a tuple of the results", async () => {
  const results = await run(
    coroutine(async () => {
      const future = gather(sleep(1, "a"), sleep(2, 2), Promise.resolve(true));
      check<Equal<typeof future, GatheringFuture<[string, number, boolean]>>>();
      return await future;
    })(),
    V,
  );
  check<Equal<typeof results, [string, number, boolean]>>();
  assertEquals(results, ["a", 2, true]);
});

Deno.test("types: gather with return_exceptions gives T | Error for each", async () => {
  const results = await run(
    coroutine(async () => {
      const future = gather(sleep(1, "a"), fail(), { return_exceptions: true });
      check<Equal<typeof future, GatheringFuture<[string | Error, number | Error]>>>();
      return await future;
    })(),
    V,
  );
  check<Equal<typeof results, [string | Error, number | Error]>>();
  const [a, b] = results;
  assertStrictEquals(a, "a");
  assertOk(b instanceof Error);
  assertStrictEquals(b.message, "boom");
});

Deno.test("types: gather without return_exceptions keeps the plain results", async () => {
  await run(
    coroutine(async () => {
      const off = gather(sleep(1, "a"), { return_exceptions: false });
      check<Equal<typeof off, GatheringFuture<[string]>>>();
      const arr = gather([sleep(1, 1), sleep(1, 2)]);
      check<Equal<typeof arr, GatheringFuture<number[]>>>();
      const arr_errors = gather([sleep(1, 1), fail()], { return_exceptions: true });
      check<Equal<typeof arr_errors, GatheringFuture<(number | Error)[]>>>();
      assertEquals(await off, ["a"]);
      assertEquals(await arr, [1, 2]);
      const [one, error] = await arr_errors;
      assertStrictEquals(one, 1);
      assertOk(error instanceof Error);
    })(),
    V,
  );
});

Deno.test("types: async_with over the library's managers gives R", async () => {
  await run(
    coroutine(async () => {
      const lock = new Lock();
      const from_lock = async_with(lock, async (value) => {
        check<Equal<typeof value, null>>();
        return 1;
      });
      check<Equal<typeof from_lock, Coroutine<number>>>();
      assertStrictEquals(await from_lock, 1);

      const from_group = async_with(new TaskGroup(), async (group) => {
        check<Equal<typeof group, TaskGroup>>();
        const task = group.create_task(sleep(1, "done"));
        check<Equal<typeof task, Task<string>>>();
        return [task];
      });
      check<Equal<typeof from_group, Coroutine<Task<string>[]>>>();
      assertStrictEquals((await from_group)[0].result(), "done");

      const from_timeout = async_with(timeout(5), async () => "in time");
      check<Equal<typeof from_timeout, Coroutine<string>>>();
      assertStrictEquals(await from_timeout, "in time");

      for (const primitive of [new Semaphore(), new BoundedSemaphore(), new Condition()]) {
        const result = async_with(primitive, async () => 2);
        check<Equal<typeof result, Coroutine<number>>>();
        assertStrictEquals(await result, 2);
      }

      // A generator body, in a generator coroutine.
      const from_generator = async_with(lock, function* () {
        yield* sleep(1);
        return "generator";
      });
      check<Equal<typeof from_generator, Coroutine<string>>>();
      assertStrictEquals(await from_generator, "generator");
    })(),
    V,
  );
});

Deno.test("types: async_with over a manager that may swallow gives R | undefined", async () => {
  const swallowing: AsyncContextManager<string> = {
    __aenter__: async () => "entered",
    __aexit__: async () => true,
  };
  const result = await run(
    coroutine(async () => {
      const coro = async_with(swallowing, async (value) => {
        check<Equal<typeof value, string>>();
        throw new Error("swallowed");
        // deno-lint-ignore no-unreachable
        return 1;
      });
      check<Equal<typeof coro, Coroutine<number | undefined>>>();
      return await coro;
    })(),
    V,
  );
  assertStrictEquals(result, undefined);

  // A manager typed to give false: `R`.
  const never_swallows = {
    __aenter__: () => Promise.resolve(42),
    __aexit__: (_error: unknown) => Promise.resolve(false as const),
  };
  const value = await run(
    coroutine(async () => {
      const coro = async_with(never_swallows, async (n) => n + 1);
      check<Equal<typeof coro, Coroutine<number>>>();
      return await coro;
    })(),
    V,
  );
  assertStrictEquals(value, 43);
});

Deno.test("types: in a generator coroutine, yield* is typed and wrap_future types a promise", async () => {
  const main = coroutine(function* () {
    const a = yield* sleep(1, "a");
    check<Equal<typeof a, string>>();
    const future = new Future<number>();
    future.set_result(3);
    const b = yield* future;
    check<Equal<typeof b, number>>();
    // A plain `yield promise` comes back untyped; `yield* wrap_future(promise)` is typed.
    const c = yield* wrap_future(Promise.resolve(true));
    check<Equal<typeof c, boolean>>();
    const d = (yield Promise.resolve(4)) as number;
    return [a, b, c, d] as const;
  });
  const result = await run(main(), V);
  check<Equal<typeof result, readonly ["a" | string, number, boolean, number]>>();
  assertEquals(result, ["a", 3, true, 4]);
});

Deno.test("types: TaskFactory is generic and Queue's maxsize is optional", () => {
  const factory: TaskFactory = (loop, coro, options) => loop.create_task(coro, options);
  type Made = ReturnType<typeof factory<number>>;
  check<Equal<Made, Future<number>>>();
  const queue = new Queue<number>();
  assertStrictEquals(queue.maxsize, 0);
  // @ts-expect-error: maxsize is a number
  assertOk(typeof (() => new Queue("2")) === "function");
});
