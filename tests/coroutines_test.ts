// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  Coroutine,
  coroutine,
  create_task,
  current_task,
  ensure_future,
  type Future,
  iscoroutine,
  iscoroutinefunction,
  new_event_loop,
  run,
  RuntimeError,
  sleep,
  Task,
} from "../mod.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "./_assert.ts";
import { asyncio_test } from "../testing.ts";

const V = { clock: "virtual" } as const;

Deno.test("coroutine: calling the coroutine function runs nothing", async () => {
  let runs = 0;
  const work = coroutine(async (n: number) => {
    runs++;
    return n * 2;
  });
  const gen = coroutine(function* (n: number) {
    runs++;
    yield* sleep(0);
    return n + 1;
  });
  const a = work(2);
  const b = gen(2);
  assertStrictEquals(runs, 0);
  assertOk(a instanceof Coroutine && b instanceof Coroutine);
  // Scheduling starts it on the loop, not synchronously either.
  const result = await run(
    coroutine(async () => {
      const t = create_task(a);
      assertStrictEquals(runs, 0, "create_task does not run the body synchronously");
      await sleep(0);
      assertStrictEquals(runs, 1);
      return [await t, await b];
    })(),
    V,
  );
  assertEquals(result, [4, 3]);
  assertStrictEquals(runs, 2);
});

Deno.test("coroutine: never awaited → the body never runs", async () => {
  let runs = 0;
  const work = coroutine(async () => {
    runs++;
  });
  await run(
    coroutine(async () => {
      work();
      await sleep(1);
    })(),
    V,
  );
  assertStrictEquals(runs, 0);
});

Deno.test("coroutine: close() before it starts → the body never runs, and it was not left unawaited", async () => {
  let runs = 0;
  const work = coroutine(async function work() {
    runs++;
  });
  await asyncio_test(async () => {
    const closed = work();
    closed.close();
    closed.close(); // again: nothing
    await assertRejects(
      async () => await closed,
      new RuntimeError("cannot reuse already awaited coroutine 'work'"),
    );
  })();
  assertStrictEquals(runs, 0);
});

Deno.test("coroutine: a second start → RuntimeError naming the coroutine", async () => {
  const named = coroutine(async function fetch_data() {
    await sleep(1);
    return 1;
  });
  const out = await run(
    coroutine(async () => {
      const c = named();
      const first = create_task(c);
      const second = create_task(c); // not started yet: both tasks exist
      await sleep(2);
      const error = second.exception() as Error;
      return [first.result(), error.name, error.message];
    })(),
    V,
  );
  assertEquals(out, [1, "RuntimeError", "cannot reuse already awaited coroutine 'fetch_data'"]);
  // Once started, create_task accepts it and the task fails, as in CPython.
  await run(
    coroutine(async () => {
      const c = named();
      create_task(c);
      await sleep(0);
      const again = create_task(c);
      await assertRejects(async () => await again, (e: unknown) =>
        e instanceof RuntimeError &&
        e.message === "cannot reuse already awaited coroutine 'fetch_data'");
      await sleep(2);
    })(),
    V,
  );
});

Deno.test("coroutine: awaiting the same coroutine twice → RuntimeError at the second await", async () => {
  const named = coroutine(async function once() {
    await sleep(1);
    return "first";
  });
  const messages = await run(
    coroutine(async () => {
      const c = named();
      const first = await c;
      try {
        await c;
        return [first, "no error"];
      } catch (e) {
        return [first, e instanceof RuntimeError ? e.message : `wrong: ${e}`];
      }
    })(),
    V,
  );
  assertEquals(messages, ["first", "cannot reuse already awaited coroutine 'once'"]);
});

Deno.test("coroutine: yielding the same coroutine twice in a generator → RuntimeError", async () => {
  const inner = coroutine(function* inner_gen() {
    yield* sleep(0);
    return 1;
  });
  const result = await run(
    coroutine(function* () {
      const c = inner();
      const one: number = yield* c;
      try {
        yield* c;
      } catch (e) {
        return `${one} ${(e as Error).name}`;
      }
      return "no error";
    })(),
    V,
  );
  assertStrictEquals(result, "1 RuntimeError");
});

Deno.test("iscoroutine / iscoroutinefunction", () => {
  const af = coroutine(async () => 1);
  const gf = coroutine(function* () {
    yield* sleep(0);
    return 1;
  });
  function* raw_gen() {
    yield 1;
  }
  const plain_async = async () => 1;
  assertStrictEquals(iscoroutinefunction(af), true);
  assertStrictEquals(iscoroutinefunction(gf), true);
  assertStrictEquals(iscoroutinefunction(raw_gen), true, "generator functions count");
  assertStrictEquals(iscoroutinefunction(plain_async), false);
  assertStrictEquals(iscoroutinefunction(() => 1), false);
  assertStrictEquals(iscoroutinefunction(null), false);
  assertStrictEquals(iscoroutinefunction("f"), false);
  assertStrictEquals(iscoroutine(af()), true);
  assertStrictEquals(iscoroutine(gf()), true);
  assertStrictEquals(iscoroutine(raw_gen()), true, "generator objects count");
  assertStrictEquals(iscoroutine(sleep(1)), true);
  assertStrictEquals(iscoroutine(Promise.resolve(1)), false);
  assertStrictEquals(iscoroutine(plain_async()), false);
  assertStrictEquals(iscoroutine({ then() {} }), false);
  assertStrictEquals(iscoroutine(null), false);
  assertStrictEquals(iscoroutine(af), false, "a coroutine function is not a coroutine");
});

Deno.test("coroutine: keeps the function's name and describes itself", () => {
  const fetch_page = coroutine(async function fetch_page(_url: string) {});
  assertStrictEquals(fetch_page.name, "fetch_page");
  const c = fetch_page("x");
  assertStrictEquals(c.__name__, "fetch_page");
  assertStrictEquals(String(c), "<Coroutine fetch_page>");
});

Deno.test("coroutine: `this` is the object the coroutine function was called on", async () => {
  class Counter {
    count = 10;
    bump = coroutine(async function (this: Counter, by: number) {
      await sleep(1);
      this.count += by;
      return this.count;
    });
    gen_bump = coroutine(function* (this: Counter, by: number) {
      yield* sleep(1);
      this.count += by;
      return this.count;
    });
  }
  const counter = new Counter();
  const result = await run(
    coroutine(async () => {
      const a = await counter.bump(5);
      const b = await counter.gen_bump(1);
      return [a, b];
    })(),
    V,
  );
  assertEquals(result, [15, 16]);
  assertStrictEquals(counter.count, 16);
});

Deno.test("coroutine: arguments are passed through", async () => {
  const join = coroutine(async (...parts: string[]) => parts.join("-"));
  assertStrictEquals(await run(join("a", "b", "c"), V), "a-b-c");
});

Deno.test("coroutine: generator and async bodies mix, with typed yield*", async () => {
  const loop = new_event_loop(V);
  const fut = loop.create_future<number>();
  loop.call_later(2, () => fut.set_result(40));
  const add = coroutine(async (a: number, b: number) => {
    await sleep(1);
    return a + b;
  });
  const label = coroutine(function* (n: number) {
    yield* sleep(1);
    return `n=${n}`;
  });
  const main = coroutine(function* () {
    const n: number = yield* fut;
    const sum: number = yield* add(n, 2);
    const text: string = yield* label(sum);
    const plain: number = (yield add(1, 1)) as number; // plain yield also works
    const task = ensure_future(label(plain));
    const from_task: string = yield* task;
    return `${text} ${from_task}`;
  });
  const result: string = await loop.run_until_complete(main());
  assertStrictEquals(result, "n=42 n=2");
  assertStrictEquals(loop.time(), 6);
  loop.close();
});

Deno.test("coroutine: an async body awaits generator coroutines and vice versa", async () => {
  const g = coroutine(function* (x: number) {
    yield* sleep(1);
    return x * 10;
  });
  const a = coroutine(async (x: number) => {
    const y: number = await g(x);
    await sleep(1);
    return y + 1;
  });
  const top = coroutine(function* () {
    const r: number = yield* a(3);
    return r;
  });
  assertStrictEquals(await run(top(), V), 31);
});

Deno.test("coroutine: awaiting a coroutine runs it inline, in the same task", async () => {
  // Results are wrapped: an async function returning a Task (a thenable) would await it.
  const inner = coroutine(async () => {
    await sleep(1);
    return { task: current_task() };
  });
  const inner_gen = coroutine(function* () {
    yield* sleep(1);
    return { task: current_task() };
  });
  await run(
    coroutine(async () => {
      const me = current_task();
      assertOk(me instanceof Task);
      assertStrictEquals((await inner()).task, me);
      assertStrictEquals((await inner_gen()).task, me);
    })(),
    V,
  );
});

Deno.test("coroutine: a body that is neither async nor a generator → TypeError at start", async () => {
  const bad = coroutine((() => 5) as unknown as () => Promise<number>);
  const c = bad();
  const loop = new_event_loop(V);
  try {
    await assertRejects(loop.run_until_complete(c), (e: unknown) =>
      e instanceof TypeError &&
      /must be an async function or a generator function/.test(e.message));
    // Also when awaited from inside another coroutine: the awaiter catches it.
    const outcome = await loop.run_until_complete(
      coroutine(async () => {
        try {
          await bad();
          return "no error";
        } catch (e) {
          return (e as Error).name;
        }
      })(),
    );
    assertStrictEquals(outcome, "TypeError");
  } finally {
    loop.close();
  }
});

Deno.test("coroutine(): a non-function → TypeError naming the argument", () => {
  assertThrows(
    () => coroutine(42 as unknown as () => Promise<void>),
    (e: unknown) =>
      e instanceof TypeError &&
      /^coroutine\(\): body must be an async function or a generator function/.test(e.message),
  );
});

Deno.test("coroutine: errors thrown by the body propagate to the awaiter", async () => {
  class Oops extends Error {}
  const a = coroutine(async () => {
    await sleep(1);
    throw new Oops("async");
  });
  const g = coroutine(function* () {
    yield* sleep(1);
    throw new Oops("gen");
  });
  const out = await run(
    coroutine(async () => {
      const caught: string[] = [];
      for (const make of [a, g]) {
        try {
          await make();
        } catch (e) {
          caught.push(e instanceof Oops ? e.message : "wrong");
        }
      }
      return caught;
    })(),
    V,
  );
  assertEquals(out, ["async", "gen"]);
});

Deno.test("coroutine: awaited by plain JS with no running loop → RuntimeError", async () => {
  const work = coroutine(async function lonely() {
    return 1;
  });
  await assertRejects(
    async () => await work(),
    (e: unknown) =>
      e instanceof RuntimeError &&
      /coroutine 'lonely' was awaited outside an event loop/.test(e.message),
  );
});

async function plain_js_awaits_coroutine(clock: "real" | "virtual"): Promise<number | null> {
  const loop = new_event_loop({ clock });
  const work = coroutine(async () => {
    await sleep(0.02);
    return 7;
  });
  let got: number | null = null;
  loop.call_soon(() => {
    (async () => got = await work())(); // plain JS, not a task
  });
  try {
    await loop.run_until_complete(sleep(0.03));
    await Promise.resolve(); // let the plain function's continuation run
    return got;
  } finally {
    loop.close();
  }
}

Deno.test("coroutine: awaited by plain JS while a loop runs → scheduled as a task (real clock)", async () => {
  assertStrictEquals(await plain_js_awaits_coroutine("real"), 7);
});

Deno.test("coroutine: awaited by plain JS while a loop runs → scheduled as a task (virtual clock)", async () => {
  // Known issue (reported): the virtual loop jumps time without letting the
  // microtask that calls then() run, so the task is made too late.
  assertStrictEquals(await plain_js_awaits_coroutine("virtual"), 7);
});

Deno.test("coroutine: a plain generator object runs as a task", async () => {
  function* raw(): Generator<unknown, string, unknown> {
    yield sleep(1);
    const v = (yield Promise.resolve("promise")) as string;
    return `raw ${v}`;
  }
  const result = await run(
    coroutine(function* () {
      const t = create_task(raw());
      const s: string = yield* t;
      const inline = (yield raw()) as string; // a yielded generator runs inline
      return `${s} / ${inline}`;
    })(),
    V,
  );
  assertStrictEquals(result, "raw promise / raw promise");
});

Deno.test("coroutine: await reads through a Future result; yield* returns it unchanged", async () => {
  const loop = new_event_loop(V);
  const inner = loop.create_future<number>();
  inner.set_result(5);
  const returns_future = coroutine(function* () {
    yield* sleep(0);
    return inner;
  });
  const via_await = await loop.run_until_complete(
    coroutine(async () => {
      const v = await returns_future();
      return v as unknown as number;
    })(),
  );
  assertStrictEquals(via_await, 5);
  const via_yield = await loop.run_until_complete(
    coroutine(function* () {
      const f: Future<number> = yield* returns_future();
      return { f };
    })(),
  );
  assertStrictEquals(via_yield.f, inner);
  loop.close();
});

Deno.test("types: awaited and yield*-ed results are typed, not any", async () => {
  const loop = new_event_loop(V);
  const fut = loop.create_future<number>();
  fut.set_result(1);
  const num = coroutine(async () => 2);
  const gen = coroutine(function* () {
    const a: number = yield* fut;
    const b: number = yield* num();
    // @ts-expect-error: yield* of a Future<number> is not a string
    const bad: string = yield* fut;
    // @ts-expect-error: yield* of a Coroutine<number> is not a string
    const bad2: string = yield* num();
    return [a, b, bad, bad2].length;
  });
  const asy = coroutine(async () => {
    const a: number = await fut;
    const b: number = await create_task(num());
    // @ts-expect-error: await of a Coroutine<number> is not a string
    const bad: string = await num();
    return [a, b, bad].length;
  });
  assertStrictEquals(await loop.run_until_complete(gen()), 4);
  assertStrictEquals(await loop.run_until_complete(asy()), 3);
  loop.close();
});
