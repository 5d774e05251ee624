// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  Context,
  ContextVar,
  copy_context,
  coroutine,
  create_task,
  current_task,
  Future,
  gather,
  get_running_loop,
  KeyError,
  LookupError,
  run,
  RuntimeError,
  sleep,
  Token,
  ValueError,
} from "../mod.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";

Deno.test("ContextVar: get() gives the set value, else the argument, else the default, else LookupError", () => {
  const v = new ContextVar<number>("v");
  const d = new ContextVar<string>("d", { default: "x" });
  assertEquals(v.get(7), 7);
  assertEquals(d.get(), "x");
  assertThrows(
    () => v.get(),
    (e: unknown) => e instanceof LookupError && /name='v'/.test(String(e)),
  );
  const ctx = new Context();
  ctx.run(() => {
    const token = v.set(1);
    assertEquals(v.get(), 1);
    assertStrictEquals(token.old_value, Token.MISSING);
    v.reset(token);
    assertEquals(v.get(0), 0);
  });
  assertEquals(ctx.size, 0);
});

Deno.test("Context: copies share values until one sets; mapping reads", () => {
  const v = new ContextVar<number>("v");
  const w = new ContextVar<number>("w");
  const a = new Context();
  a.run(() => v.set(1));
  const b = a.copy();
  b.run(() => {
    v.set(2);
    w.set(3);
  });
  assertEquals([a.get(v), b.get(v), a.get(w), a.get(w, -1)], [1, 2, null, -1]);
  assertEquals([a.has(w), b.has(w), b.size], [false, true, 2]);
  assertEquals([...b].map((x) => x.name), ["v", "w"]);
  assertEquals([...b.values()], [2, 3]);
  assertEquals([...b.items()].map(([k, x]) => `${k.name}=${x}`), ["v=2", "w=3"]);
  assertThrows(() => a.getitem(w), KeyError);
  assertThrows(() => a.get(5 as never), /a ContextVar key was expected, got 5/);
});

Deno.test("Context.run: entering an entered context is a RuntimeError", () => {
  const ctx = new Context();
  assertThrows(() => ctx.run(() => ctx.run(() => 1)), RuntimeError);
  assertEquals(ctx.run((a: number, b: number) => a + b, 1, 2), 3);
});

Deno.test("Token: reset twice, by another variable, in another context; `using` resets", () => {
  const v = new ContextVar<number>("v", { default: 0 });
  const w = new ContextVar<number>("w", { default: 0 });
  new Context().run(() => {
    {
      using _token = v.set(5);
      assertEquals(v.get(), 5);
    }
    assertEquals(v.get(), 0);
    const t = v.set(1);
    v.reset(t);
    assertThrows(
      () => v.reset(t),
      (e: unknown) => e instanceof RuntimeError && /already been used once/.test(String(e)),
    );
    const tw = w.set(1);
    assertThrows(
      () => v.reset(tw as never),
      (e: unknown) => e instanceof ValueError && /different ContextVar/.test(String(e)),
    );
    const other = new Context();
    const to = other.run(() => v.set(2));
    assertThrows(
      () => v.reset(to),
      (e: unknown) => e instanceof ValueError && /different Context/.test(String(e)),
    );
  });
});

Deno.test("context options: a wrong type is a TypeError naming the call", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const bad = { context: 5 } as never;
      assertThrows(
        () => loop.call_soon(() => {}, bad),
        /call_soon\(\): context must be a Context or null, got 5/,
      );
      assertThrows(
        () => loop.call_later(1, () => {}, bad),
        /call_later\(\): context must be a Context/,
      );
      assertThrows(() => loop.call_at(1, () => {}, bad), /call_at\(\): context must be a Context/);
      assertThrows(
        () => new Future().add_done_callback(() => {}, bad),
        /add_done_callback\(\): context must be/,
      );
      const coro = sleep(0);
      assertThrows(
        () => create_task(coro, { context: "x" as never }),
        /create_task\(\): context must be a Context or null, got 'x'/,
      );
      await coro;
    })(),
  );
});

Deno.test("tasks: each of the three coroutine styles keeps its own context across its steps", async () => {
  const v = new ContextVar<string>("style", { default: "unset" });
  const as_async = coroutine(async (label: string) => {
    v.set(label);
    await sleep(0);
    await new Promise((resolve) => setTimeout(resolve, 1)); // a foreign await
    await sleep(0);
    return v.get();
  });
  const as_generator = coroutine(function* (label: string) {
    v.set(label);
    yield* sleep(0);
    return v.get();
  });
  const as_promise = coroutine((label: string) => {
    v.set(label);
    return new Promise((resolve) => setTimeout(resolve, 1)).then(() => v.get());
  });
  const results = await run(
    coroutine(async () => {
      v.set("main");
      const all = await gather(
        as_async("a1"),
        as_generator("g1"),
        as_promise("p1"),
        as_async("a2"),
        as_generator("g2"),
        as_promise("p2"),
      );
      return [...all, v.get()];
    })(),
  );
  assertEquals(results, ["a1", "g1", "p1", "a2", "g2", "p2", "main"]);
});

Deno.test("tasks: get_context() is the task's Context; copy_context() in a task copies it", async () => {
  const v = new ContextVar<number>("n", { default: 0 });
  await run(
    coroutine(async () => {
      v.set(1);
      const task = current_task()!;
      assertStrictEquals(task.get_context().get(v), 1);
      const copy = copy_context();
      assertOk(copy !== task.get_context());
      copy.run(() => v.set(2));
      assertEquals([v.get(), copy.get(v)], [1, 2]);
      assertThrows(() => task.get_context().run(() => {}), RuntimeError);
    })(),
  );
});

Deno.test("callbacks: a Handle's callback that sets a variable leaves the loop's context alone", async () => {
  const v = new ContextVar<string>("cb", { default: "unset" });
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      loop.call_soon(() => v.set("in callback"));
      loop.call_soon(() => assertEquals(v.get(), "unset"));
      await sleep(0);
      await sleep(0);
      assertEquals(v.get(), "unset");
    })(),
  );
});
