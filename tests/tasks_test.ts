// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  all_tasks,
  async_with,
  CancelledError,
  coroutine,
  create_task,
  current_task,
  ensure_future,
  Future,
  gather,
  get_running_loop,
  Lock,
  new_event_loop,
  run,
  run_coroutine_threadsafe,
  RuntimeError,
  sleep,
  Task,
  timeout,
  ValueError,
  wait_for,
} from "../mod.ts";
import type { EventLoop } from "../mod.ts";
import { setImmediate } from "node:timers";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
  raises,
} from "./_assert.ts";

const V = { clock: "virtual" } as const;

/** Runs an async body as the main coroutine on a virtual loop. */
function vrun<T>(body: () => Promise<T>): Promise<T> {
  return run(coroutine(body)(), V);
}

/** The timers in the loop's heap that are not cancelled. */
function live_timers(loop: EventLoop): number {
  let n = 0;
  const kept: unknown[] = [];
  // Read the heap without disturbing it: pop everything and push it back.
  const heap = loop._scheduled;
  while (heap.length > 0) kept.push(heap.pop());
  for (const t of kept as ReturnType<typeof heap.pop>[]) {
    if (!t!.cancelled()) n++;
    heap.push(t!);
  }
  return n;
}

// --- creation ----------------------------------------------------------------

Deno.test("create_task: runs the coroutine and gives its result", async () => {
  const out = await vrun(async () => {
    const t = create_task(sleep(1, "v"));
    assertOk(t instanceof Task && t instanceof Future);
    assertStrictEquals(t.done(), false);
    const v: string = await t;
    return [v, t.done(), t.result()];
  });
  assertEquals(out, ["v", true, "v"]);
});

Deno.test("create_task: a non-coroutine → TypeError naming what was given", async () => {
  await vrun(async () => {
    assertThrows(
      () => create_task(42 as unknown as Generator<unknown, number>),
      (e: unknown) => e instanceof TypeError && e.message === "a coroutine was expected, got 42",
    );
    assertThrows(
      () => create_task(Promise.resolve(1) as unknown as Generator<unknown, number>),
      (e: unknown) => e instanceof TypeError && /a coroutine was expected/.test(e.message),
    );
    const plain_async = async () => 1;
    assertThrows(
      () => create_task(plain_async as unknown as Generator<unknown, number>),
      TypeError,
    );
    assertStrictEquals(all_tasks().size, 1, "no task was left registered");
  });
});

Deno.test("create_task: a started coroutine makes the task fail with RuntimeError", async () => {
  const work = coroutine(async function work() {
    await sleep(1);
  });
  await vrun(async () => {
    const c = work();
    const t = create_task(c);
    await sleep(0); // t started c
    const again = create_task(c); // accepted, as CPython
    await sleep(0);
    const error = again.exception();
    assertOk(
      error instanceof RuntimeError &&
        error.message === "cannot reuse already awaited coroutine 'work'",
    );
    await t;
  });
});

Deno.test("create_task: no running loop → RuntimeError", () => {
  const c = sleep(0);
  assertThrows(
    () => create_task(c),
    (e: unknown) => e instanceof RuntimeError && e.message === "no running event loop",
  );
});

Deno.test("Task: names, default and given; set_name", async () => {
  await vrun(async () => {
    const a = create_task(sleep(0));
    const b = create_task(sleep(0), { name: "worker" });
    assertOk(/^Task-\d+$/.test(a.get_name()), a.get_name());
    assertStrictEquals(b.get_name(), "worker");
    b.set_name(7);
    assertStrictEquals(b.get_name(), "7");
    // As CPython 3.12: one global counter, which named tasks advance too.
    const n1 = Number(a.get_name().slice(5));
    const c = create_task(sleep(0));
    assertStrictEquals(Number(c.get_name().slice(5)), n1 + 2);
    await a;
    await b;
    await c;
  });
});

Deno.test("Task: get_coro returns the very object", async () => {
  await vrun(async () => {
    const coro = sleep(0);
    const t = create_task(coro);
    assertStrictEquals(t.get_coro(), coro);
    function* gen(): Generator<unknown, number, unknown> {
      yield null;
      return 1;
    }
    const g = gen();
    const tg = create_task(g);
    assertStrictEquals(tg.get_coro(), g);
    await t;
    assertStrictEquals(await tg, 1);
  });
});

Deno.test("Task: set_result / set_exception → RuntimeError", async () => {
  await vrun(async () => {
    const t = create_task(sleep(0));
    assertThrows(
      () => t.set_result(undefined),
      (e: unknown) =>
        e instanceof RuntimeError && e.message === "Task does not support set_result() operation",
    );
    assertThrows(
      () => t.set_exception(new Error()),
      (e: unknown) =>
        e instanceof RuntimeError &&
        e.message === "Task does not support set_exception() operation",
    );
    await t;
  });
});

Deno.test("Task: toString describes state, name and coroutine", async () => {
  const work = coroutine(async function work() {
    await sleep(1);
    return 3;
  });
  await vrun(async () => {
    const t = create_task(work(), { name: "w" });
    assertStrictEquals(String(t), "<Task pending name='w' coro=<Coroutine work>>");
    await sleep(0);
    assertOk(String(t).includes("wait_for=<Future pending>"), String(t));
    await t;
    assertStrictEquals(
      String(t),
      "<Task finished name='w' coro=<Coroutine work> result=3>",
    );
  });
});

Deno.test("Task: an error in the coroutine finishes the task with it", async () => {
  class Boom extends Error {}
  await vrun(async () => {
    const t = create_task(
      coroutine(async () => {
        await sleep(1);
        throw new Boom("b");
      })(),
    );
    await assertRejects(async () => await t, Boom);
    assertStrictEquals(t.done(), true);
    assertOk(t.exception() instanceof Boom);
    assertStrictEquals(t.cancelled(), false);
  });
});

Deno.test("Task: a thrown null/undefined becomes a TypeError", async () => {
  await vrun(async () => {
    const t = create_task(
      coroutine(function* () {
        yield* sleep(0);
        throw undefined;
      })(),
    );
    await sleep(1);
    assertOk(t.exception() instanceof TypeError);
  });
});

// --- cancellation -----------------------------------------------------------

Deno.test("cancel: cancelling(), cancel() results and uncancel() as CPython", async () => {
  const log: string[] = [];
  const catcher = coroutine(async () => {
    try {
      await sleep(10);
    } catch (e) {
      log.push(`caught ${(e as Error).message}`);
    }
    await sleep(0);
    return "went on";
  });
  const out = await vrun(async () => {
    const t = create_task(catcher());
    await sleep(0);
    const first = [t.cancel("msg"), t.cancelling(), t.cancel(), t.cancelling()];
    const r = await t;
    const after = [r, t.cancelled(), t.cancelling(), t.uncancel(), t.uncancel(), t.uncancel()];
    return [...first, ...after, t.cancel()];
  });
  // Python: True 1 True 2 / went on False 2 1 0 0 / False
  assertEquals(out, [true, 1, true, 2, "went on", false, 2, 1, 0, 0, false]);
  assertEquals(log, ["caught msg"]);
});

Deno.test("cancel: the CancelledError carries the message; the task is cancelled", async () => {
  await vrun(async () => {
    const t = create_task(sleep(10));
    await sleep(0);
    t.cancel("stop now");
    await assertRejects(
      async () => await t,
      (e: unknown) => e instanceof CancelledError && e.message === "stop now",
    );
    assertStrictEquals(t.cancelled(), true);
    assertThrows(() => t.result(), CancelledError);
    assertThrows(() => t.exception(), CancelledError);
  });
});

Deno.test("cancel: the error is thrown at the await the coroutine is suspended on", async () => {
  const where: string[] = [];
  await vrun(async () => {
    const gen = create_task(
      coroutine(function* () {
        yield* sleep(1);
        try {
          yield* sleep(10);
        } catch (e) {
          where.push(`gen at second sleep: ${(e as Error).name}`);
          throw e;
        }
      })(),
    );
    const asy = create_task(
      coroutine(async () => {
        await sleep(1);
        try {
          await sleep(10);
        } catch (e) {
          where.push(`async at second sleep: ${(e as Error).name}`);
          throw e;
        }
      })(),
    );
    await sleep(2);
    gen.cancel();
    asy.cancel();
    await sleep(0);
    await sleep(0);
    assertStrictEquals(gen.cancelled(), true);
    assertStrictEquals(asy.cancelled(), true);
  });
  assertEquals(where, [
    "gen at second sleep: CancelledError",
    "async at second sleep: CancelledError",
  ]);
});

Deno.test("cancel: cancelling a task that awaits a Future cancels that Future", async () => {
  await vrun(async () => {
    const loop = get_running_loop();
    const fut = loop.create_future<number>();
    const t = create_task(coroutine(async () => await fut)());
    await sleep(0);
    assertStrictEquals(t.cancel("m"), true);
    assertStrictEquals(fut.cancelled(), true, "the awaited Future is cancelled at once");
    await sleep(0);
    assertStrictEquals(t.cancelled(), true);
    assertThrows(
      () => t.result(),
      (e: unknown) => e instanceof CancelledError && e.message === "m",
    );
  });
});

Deno.test("cancel: a task awaiting another task cancels the inner task too", async () => {
  await vrun(async () => {
    const inner = create_task(sleep(10));
    const outer = create_task(coroutine(async () => await inner)());
    await sleep(0);
    outer.cancel();
    await sleep(0);
    await sleep(0);
    assertStrictEquals(inner.cancelled(), true);
    assertStrictEquals(outer.cancelled(), true);
  });
});

Deno.test("cancel: a cancelled sleep leaves no timer behind", async () => {
  await vrun(async () => {
    const loop = get_running_loop();
    const tasks = Array.from({ length: 5 }, (_, i) => create_task(sleep(100 + i)));
    await sleep(0);
    assertStrictEquals(live_timers(loop), 5);
    for (const t of tasks) t.cancel();
    await sleep(0);
    await sleep(0);
    assertStrictEquals(live_timers(loop), 0);
    assertStrictEquals(loop._scheduled.length, 0, "pruned from the heap top");
    for (const t of tasks) assertStrictEquals(t.cancelled(), true);
  });
});

Deno.test("cancel: a task cancelled before its first step never runs its body", async () => {
  let ran = false;
  const body = coroutine(async () => {
    ran = true;
  });
  let gen_ran = false;
  const gen_body = coroutine(function* () {
    gen_ran = true;
    yield* sleep(0);
  });
  await vrun(async () => {
    const t = create_task(body());
    const g = create_task(gen_body());
    assertStrictEquals(t.cancel("early"), true);
    assertStrictEquals(g.cancel(), true);
    await sleep(0);
    assertStrictEquals(t.cancelled(), true);
    assertStrictEquals(g.cancelled(), true);
    assertThrows(
      () => t.result(),
      (e: unknown) => e instanceof CancelledError && e.message === "early",
    );
  });
  assertStrictEquals(ran, false);
  assertStrictEquals(gen_ran, false);
});

Deno.test("cancel: a coroutine may catch CancelledError and return a value", async () => {
  const out = await vrun(async () => {
    const t = create_task(
      coroutine(async () => {
        try {
          await sleep(10);
          return "slept";
        } catch (e) {
          if (!(e instanceof CancelledError)) throw e;
          await sleep(1); // keeps running after the cancellation
          return "recovered";
        }
      })(),
    );
    await sleep(0);
    t.cancel();
    const r = await t;
    return [r, t.cancelled(), get_running_loop().time()];
  });
  assertEquals(out, ["recovered", false, 1]);
});

Deno.test("cancel: a cancel() queued behind the task's next step comes too late (CPython order)", async () => {
  // Python 3.12 prints "first step", "second step", and the task is done, not cancelled.
  const steps: string[] = [];
  await vrun(async () => {
    const t = create_task(
      coroutine(async () => {
        steps.push("first step");
        await sleep(0);
        steps.push("second step");
      })(),
    );
    await sleep(0); // t ran its first step; its next step is queued
    get_running_loop().call_soon(() => t.cancel());
    await sleep(0);
    await sleep(0);
    assertStrictEquals(t.done(), true);
    assertStrictEquals(t.cancelled(), false);
  });
  assertEquals(steps, ["first step", "second step"]);
});

Deno.test("cancel: a coroutine's own CancelledError is raised once, then fresh ones (CPython)", async () => {
  // Python 3.12: first is mine: True ('mine',); again is mine: False () (twice); True 0
  const seen = await vrun(async () => {
    const mine = new CancelledError("mine");
    const task = create_task(
      coroutine(async () => {
        await sleep(0);
        throw mine;
      })(),
    );
    const seen: string[] = [];
    try {
      await task;
    } catch (e) {
      seen.push(`first is mine: ${e === mine} ${(e as Error).message}`);
    }
    for (let i = 0; i < 2; i++) {
      try {
        task.result();
      } catch (e) {
        assertOk(e instanceof CancelledError);
        seen.push(`again is mine: ${e === mine} '${(e as Error).message}'`);
      }
    }
    seen.push(`${task.cancelled()} ${task.cancelling()}`);
    return seen;
  });
  assertEquals(seen, [
    "first is mine: true mine",
    "again is mine: false ''",
    "again is mine: false ''",
    "true 0",
  ]);
});

Deno.test("cancel: a done task cannot be cancelled", async () => {
  await vrun(async () => {
    const t = create_task(sleep(0, 1));
    await t;
    assertStrictEquals(t.cancel(), false);
    assertStrictEquals(t.cancelling(), 0);
    assertStrictEquals(t.result(), 1);
  });
});

// --- current_task / all_tasks --------------------------------------------------

Deno.test("current_task: the running task; null in a plain callback; RuntimeError outside", async () => {
  let in_callback: unknown = "unset";
  await vrun(async () => {
    const me = current_task();
    assertOk(me instanceof Task);
    const child = create_task(coroutine(async () => ({ t: current_task() }))());
    assertStrictEquals((await child).t, child);
    assertStrictEquals(current_task(), me);
    get_running_loop().call_soon(() => (in_callback = current_task()));
    await sleep(0);
    const gen_task = create_task(
      coroutine(function* () {
        yield* sleep(0);
        return { t: current_task() };
      })(),
    );
    assertStrictEquals((await gen_task).t, gen_task);
    assertStrictEquals(current_task(get_running_loop()), me);
  });
  assertStrictEquals(in_callback, null);
  assertThrows(
    () => current_task(),
    (e: unknown) => e instanceof RuntimeError && e.message === "no running event loop",
  );
  const loop = new_event_loop();
  assertStrictEquals(current_task(loop), null, "an explicit loop works outside");
  loop.close();
});

Deno.test("all_tasks: the pending tasks of the loop, as a Set", async () => {
  await vrun(async () => {
    const me = current_task()!;
    const a = create_task(sleep(1), { name: "a" });
    const b = create_task(sleep(2), { name: "b" });
    let all = all_tasks();
    assertOk(all instanceof Set);
    assertEquals(new Set([...all].map((t) => t.get_name())), new Set([me.get_name(), "a", "b"]));
    await a;
    all = all_tasks();
    assertStrictEquals(all.has(a), false);
    assertStrictEquals(all.has(b), true);
    assertStrictEquals(all.size, 2);
    b.cancel();
    await sleep(0);
    assertEquals([...all_tasks()], [me]);
    assertStrictEquals(all_tasks(get_running_loop()).size, 1);
  });
  assertThrows(() => all_tasks(), RuntimeError);
});

// --- bad awaits --------------------------------------------------------------------

Deno.test("a task awaiting itself → RuntimeError", async () => {
  await vrun(async () => {
    let self: Task<unknown> | null = null;
    const t = create_task(
      coroutine(function* () {
        yield* sleep(0);
        yield self;
      })(),
    );
    self = t;
    await sleep(1);
    const e = t.exception() as Error;
    assertOk(e instanceof RuntimeError);
    assertOk(e.message.startsWith("Task cannot await on itself"), e.message);
  });
});

Deno.test("a task awaiting itself from an async body → RuntimeError", async () => {
  await vrun(async () => {
    let self: Task<unknown> | null = null;
    const t = create_task(
      coroutine(async () => {
        await sleep(0);
        try {
          await self;
          return "no error";
        } catch (e) {
          return `${(e as Error).name}: ${(e as Error).message.slice(0, 27)}`;
        }
      })(),
    );
    self = t;
    assertStrictEquals(await t, "RuntimeError: Task cannot await on itself");
  });
});

Deno.test("awaiting a Future of another loop → RuntimeError", async () => {
  const other = new_event_loop(V);
  try {
    const foreign = other.create_future<number>();
    const out = await vrun(async () => {
      try {
        await foreign;
        return "no error";
      } catch (e) {
        return e instanceof RuntimeError && /attached to a different loop/.test(e.message)
          ? "RuntimeError"
          : `wrong: ${e}`;
      }
    });
    assertStrictEquals(out, "RuntimeError");
  } finally {
    other.close();
  }
});

Deno.test("a bad yield → RuntimeError 'Task got bad yield'", async () => {
  await vrun(async () => {
    const t = create_task(
      coroutine(function* () {
        yield 5;
      })(),
    );
    await sleep(1);
    const e = t.exception() as Error;
    assertOk(e instanceof RuntimeError);
    assertStrictEquals(e.message, "Task got bad yield: 5");
    const t2 = create_task(
      coroutine(function* () {
        try {
          yield "text";
        } catch (e) {
          return (e as Error).message; // the error is thrown at the bad yield
        }
      })(),
    );
    assertStrictEquals(await t2, "Task got bad yield: 'text'");
  });
});

Deno.test("a bare yield (null) gives way for one iteration, like sleep(0)", async () => {
  const log: string[] = [];
  await vrun(async () => {
    get_running_loop().call_soon(() => log.push("cb"));
    await create_task(
      coroutine(function* () {
        log.push("before");
        yield null;
        log.push("after");
      })(),
    );
  });
  assertEquals(log, ["cb", "before", "after"]);
});

// --- interleaving ----------------------------------------------------------------

Deno.test("awaiting a done Future continues in the same step", async () => {
  const log: string[] = [];
  await vrun(async () => {
    const loop = get_running_loop();
    const done = loop.create_future<number>();
    done.set_result(1);
    loop.call_soon(() => log.push("callback"));
    const v = await done;
    log.push(`got ${v}`);
    await sleep(0);
    log.push("after sleep");
  });
  assertEquals(log, ["got 1", "callback", "after sleep"]);
});

Deno.test("a plain async helper's awaits are the task's awaits (CPython ordering)", async () => {
  // Same program in Python 3.12 prints the list below.
  const log: string[] = [];
  const helper = async (name: string, n: number) => {
    for (let i = 0; i < n; i++) {
      log.push(`${name}-h${i}`);
      await sleep(0);
    }
    return name;
  };
  const worker = coroutine(async (name: string) => {
    log.push(`${name}-start`);
    await helper(name, 2);
    log.push(`${name}-after-helper`);
    await sleep(0);
    log.push(`${name}-end`);
  });
  await vrun(async () => {
    const loop = get_running_loop();
    const t1 = create_task(worker("a"));
    const t2 = create_task(worker("b"));
    loop.call_soon(() => log.push("cb1"));
    await sleep(0);
    log.push("main-1");
    loop.call_soon(() => log.push("cb2"));
    await sleep(0);
    log.push("main-2");
    await t1;
    await t2;
    log.push("main-end");
  });
  assertEquals(log, [
    "a-start",
    "a-h0",
    "b-start",
    "b-h0",
    "cb1",
    "main-1",
    "a-h1",
    "b-h1",
    "cb2",
    "main-2",
    "a-after-helper",
    "b-after-helper",
    "a-end",
    "b-end",
    "main-end",
  ]);
});

Deno.test("a helper's await is cancelled with the task", async () => {
  const log: string[] = [];
  const helper = async () => {
    try {
      await sleep(10);
    } finally {
      log.push("helper finally");
    }
  };
  await vrun(async () => {
    const t = create_task(
      coroutine(async () => {
        await helper();
        log.push("never");
      })(),
    );
    await sleep(1);
    t.cancel();
    await sleep(0);
    await sleep(0);
    assertStrictEquals(t.cancelled(), true);
  });
  assertEquals(log, ["helper finally"]);
});

Deno.test("an async coroutine awaiting a foreign promise doesn't stall the loop", async () => {
  // Real clock: the foreign promise settles once the other task has run,
  // which it can only do if the loop goes on while a waits.
  const out = await run(
    coroutine(async () => {
      const log: string[] = [];
      let ticks = 0;
      const a = create_task(
        coroutine(async () => {
          log.push("a waits on a foreign promise");
          const v = await new Promise<string>((resolve) => {
            const poll = () => ticks > 0 ? resolve("settled") : setTimeout(poll, 1);
            poll();
          });
          log.push(`a resumed: ${v}`);
          await sleep(0); // back under the loop's control
          log.push(`a after sleep, current=${current_task() === a}`);
          return ticks;
        })(),
      );
      const b = create_task(
        coroutine(async () => {
          while (!a.done()) {
            await sleep(0.001);
            ticks++;
          }
        })(),
      );
      const ticks_when_a_resumed = await a;
      await b;
      return { log, ticks_when_a_resumed };
    })(),
  );
  assertEquals(out.log, [
    "a waits on a foreign promise",
    "a resumed: settled",
    "a after sleep, current=true",
  ]);
  assertOk(out.ticks_when_a_resumed >= 1, `the other task ran ${out.ticks_when_a_resumed} times`);
});

Deno.test("a detached task resumed while another step waits a host turn is not taken for it", async () => {
  let open_gate!: () => void;
  const gate = new Promise<void>((resolve) => open_gate = resolve);
  const seen: string[] = [];
  const b = coroutine(async function b() {
    await gate; // foreign: b detaches
    seen.push(`b resumed in ${current_task()?.get_name() ?? "no"} step`);
    try {
      await sleep(0.001);
      seen.push(`b in ${current_task()?.get_name() ?? "no task"}`);
    } catch (error) {
      seen.push(`b: ${(error as Error).message.slice(0, 29)}`);
    }
  });
  const a = coroutine(async function a() {
    await sleep(0.001);
    // Runs before the host turn the loop gives a's step below (immediates run in order).
    setImmediate(open_gate);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sleep(0.001);
    seen.push(`a in ${current_task()?.get_name()}`);
  });
  await run(
    coroutine(async () => {
      // a starts first, before any foreign await: both tasks are untracked.
      const ta = create_task(a(), { name: "a" });
      const tb = create_task(b(), { name: "b" });
      await ta;
      await tb;
    })(),
  );
  // Not in a's step, and not taken for a's await: two untracked tasks are
  // detached (a waits a host turn), so b's await cannot be attributed.
  assertEquals(seen.slice(0, 2), ["b resumed in no step", "b: cannot tell which task awaits"]);
  assertOk(seen.includes("a in a"), seen.join(", "));
});

Deno.test("a detached task resumed by the host callback that wakes the loop is not taken for the step it opens", async () => {
  let open_gate!: () => void;
  const gate = new Promise<void>((resolve) => open_gate = resolve);
  const seen: string[] = [];
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const ready = loop.create_future<void>();
      // Both untracked: started before the loop's first foreign await.
      const waiting = create_task(
        coroutine(async function waiting() {
          await ready; // woken by the host callback below: the loop opens its step
          seen.push(`waiting in ${current_task()?.get_name()}`);
          await sleep(0.001);
        })(),
        { name: "waiting" },
      );
      const detached = create_task(
        coroutine(async function detached() {
          await gate; // foreign: the task detaches
          await sleep(0); // must rejoin as itself, not inside waiting's step
          seen.push(`detached in ${current_task()?.get_name() ?? "no task"}`);
        })(),
        { name: "detached" },
      );
      // One host callback wakes the idle loop (a Future set, as I/O does),
      // then settles the foreign promise: its continuation runs in the same
      // microtasks as the loop's wake-up.
      setTimeout(() => {
        ready.set_result();
        open_gate();
      }, 20);
      await waiting;
      await detached;
    })(),
  );
  assertEquals(seen.toSorted(), ["detached in detached", "waiting in waiting"]);
});

Deno.test("a step that comes back in a new step near the bound of microtask turns stays its task's", async () => {
  // The inner coroutine returns after `turns` plain microtasks, and the task
  // resumes its outer async function (a new step): whatever `turns`, also
  // where the step ends just as the loop stops waiting for it, the outer
  // function goes on as the task, not as nobody's code.
  const seen = new Set<string>();
  const inner = coroutine(async function inner(turns: number) {
    for (let i = 0; i < turns; i++) await null;
  });
  const outer = coroutine(async function outer(turns: number) {
    await sleep(0);
    await inner(turns);
    seen.add(`after inner: ${current_task()?.get_name() ?? "no task"}`);
    await sleep(0);
    seen.add(`after sleep: ${current_task()?.get_name() ?? "no task"}`);
  });
  for (let turns = 40; turns <= 90; turns++) {
    await run(
      coroutine(async () => {
        const other = create_task(sleep(0.001), { name: "other" });
        await create_task(outer(turns), { name: "outer" });
        await other;
      })(),
    );
  }
  assertEquals([...seen], ["after inner: outer", "after sleep: outer"]);
});

Deno.test("several tasks detached at once rejoin, and a cancel() reaches each", async () => {
  const foreign = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const seen: string[] = [];
  const worker = coroutine(async function worker(name: string) {
    await foreign(5); // all three are detached together
    await sleep(0); // each rejoins here as itself
    seen.push(`${name} rejoined as ${current_task()?.get_name()}`);
    try {
      for (;;) await sleep(0.01);
    } catch (e) {
      seen.push(`${name}: ${(e as Error).name}`);
      throw e;
    }
  });
  await run(
    coroutine(async () => {
      const tasks = ["w1", "w2", "w3"].map((name) => create_task(worker(name), { name }));
      await sleep(0.1);
      for (const task of tasks) task.cancel();
      for (const task of tasks) await raises(wait_for(task, 1), CancelledError);
      assertOk(tasks.every((task) => task.cancelled()));
    })(),
  );
  assertEquals(seen.toSorted(), [
    "w1 rejoined as w1",
    "w1: CancelledError",
    "w2 rejoined as w2",
    "w2: CancelledError",
    "w3 rejoined as w3",
    "w3: CancelledError",
  ]);
});

Deno.test("a foreign promise that rejects throws into the coroutine", async () => {
  const out = await run(
    coroutine(async () => {
      try {
        await new Promise((_, reject) => setTimeout(() => reject(new TypeError("foreign")), 1));
        return "no error";
      } catch (e) {
        await sleep(0);
        return (e as Error).message;
      }
    })(),
  );
  assertStrictEquals(out, "foreign");
});

// The loop subscribes to an async function's promise only when its step runs long
// (Task._watch_native); these cover the ways a function ends after that point.

const fails_at_once = coroutine(async function fails_at_once(message: string) {
  throw new ValueError(message);
});

Deno.test("async frames: an error from a nested async coroutine reaches the outer one", async () => {
  const log: string[] = [];
  const inner = coroutine(async (depth: number): Promise<string> => {
    await sleep(0);
    if (depth === 0) throw new ValueError("deep");
    try {
      return await inner(depth - 1);
    } finally {
      log.push(`unwound ${depth}`);
    }
  });
  const out = await run(
    coroutine(async () => {
      try {
        return await inner(3);
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    })(),
    { clock: "virtual" },
  );
  assertStrictEquals(out, "ValueError: deep");
  assertEquals(log, ["unwound 1", "unwound 2", "unwound 3"]);
});

Deno.test("async frames: a coroutine started late in a long step is still seen to fail", async () => {
  for (const chain of [1, 3, 10, 100]) { // microtask turns before the await
    const out = await run(
      coroutine(async () => {
        await sleep(0);
        for (let i = 0; i < chain; i++) await Promise.resolve();
        try {
          await fails_at_once(`after ${chain}`);
          return "no error";
        } catch (e) {
          return (e as Error).message;
        }
      })(),
      { clock: "virtual" },
    );
    assertStrictEquals(out, `after ${chain}`);
  }
});

Deno.test("async frames: a function that returns without awaiting finishes its task", async () => {
  const results = await run(
    coroutine(async () => {
      const at_once = coroutine(async (n: number) => n * 2);
      const tasks = [create_task(at_once(1)), create_task(fails_at_once("sync"))];
      const values: unknown[] = [];
      for (const task of tasks) {
        try {
          values.push(await task);
        } catch (e) {
          values.push((e as Error).message);
        }
      }
      return [...values, await at_once(5)];
    })(),
    { clock: "virtual" },
  );
  assertEquals(results, [2, "sync", 10]);
});

Deno.test("async frames: an outer function that throws after its inner one returned", async () => {
  const out = await run(
    coroutine(async () => {
      const outer = coroutine(async () => {
        await async_with(new Lock(), async () => {
          await sleep(1);
        });
        throw new ValueError("after the body");
      });
      const task = create_task(outer());
      await sleep(0.5);
      try {
        await task;
        return "no error";
      } catch (e) {
        return (e as Error).message;
      }
    })(),
    { clock: "virtual" },
  );
  assertStrictEquals(out, "after the body");
});

// --- sleep ---------------------------------------------------------------------------

Deno.test("sleep(0) yields exactly one loop iteration", async () => {
  // Python 3.12: ['cb0', 's0', 'cb1', 's1', 'cb2', 's2', 'cb3', 'neg']
  const log: string[] = [];
  await vrun(async () => {
    const loop = get_running_loop();
    const cb = (i: number) => {
      log.push(`cb${i}`);
      if (i < 3) loop.call_soon(cb, i + 1);
    };
    loop.call_soon(cb, 0);
    for (let i = 0; i < 3; i++) {
      await sleep(0);
      log.push(`s${i}`);
    }
    await sleep(-1);
    log.push("neg");
  });
  assertEquals(log, ["cb0", "s0", "cb1", "s1", "cb2", "s2", "cb3", "neg"]);
});

Deno.test("sleep: returns its result, after the delay, and sets no timer for <= 0", async () => {
  const out = await vrun(async () => {
    const loop = get_running_loop();
    const a = await sleep(2.5, "r");
    const t = loop.time();
    const p = create_task(sleep(-3, "neg"));
    const z = create_task(sleep(0, "zero"));
    await sleep(0);
    const timers = loop._scheduled.length;
    return [a, t, await p, await z, timers, loop.time()];
  });
  assertEquals(out, ["r", 2.5, "neg", "zero", 0, 2.5]);
});

Deno.test("sleep: a NaN delay → ValueError, a non-number → TypeError, naming the argument", () => {
  assertThrows(
    () => sleep(NaN),
    (e: unknown) => e instanceof ValueError && e.message === "sleep(): delay must not be NaN",
  );
  assertThrows(
    () => sleep("1" as unknown as number),
    (e: unknown) =>
      e instanceof TypeError && e.message === "sleep(): delay must be a number of seconds, got '1'",
  );
  assertThrows(() => sleep(undefined as unknown as number), TypeError);
});

Deno.test("sleep: a negative delay works like 0 in generator coroutines too", async () => {
  const log: string[] = [];
  await vrun(async () => {
    get_running_loop().call_soon(() => log.push("cb"));
    await create_task(
      coroutine(function* () {
        yield* sleep(-10);
        log.push("after");
      })(),
    );
  });
  assertEquals(log, ["cb", "after"]);
});

// --- AbortSignal ----------------------------------------------------------------------

Deno.test("Task.signal aborts when the task is cancelled, with a CancelledError reason", async () => {
  await vrun(async () => {
    const t = create_task(sleep(10));
    const signal = t.signal;
    assertOk(signal instanceof AbortSignal);
    assertStrictEquals(signal.aborted, false);
    assertStrictEquals(t.signal, signal, "the same signal every time");
    let heard = 0;
    signal.addEventListener("abort", () => heard++);
    await sleep(0);
    t.cancel("why");
    assertStrictEquals(signal.aborted, true);
    assertOk(signal.reason instanceof CancelledError);
    assertStrictEquals((signal.reason as Error).message, "why");
    assertStrictEquals(heard, 1);
    await sleep(0);
    assertStrictEquals(t.cancelled(), true);
  });
});

Deno.test("Task.signal read after cancel() is already aborted", async () => {
  await vrun(async () => {
    const t = create_task(sleep(10));
    t.cancel();
    assertStrictEquals(t.signal.aborted, true);
    await sleep(0);
  });
});

Deno.test("Task.signal of a task that finishes normally never aborts", async () => {
  await vrun(async () => {
    const t = create_task(sleep(1));
    const s = t.signal;
    await t;
    assertStrictEquals(s.aborted, false);
  });
});

Deno.test("create_task(coro, { signal }) cancels the task when the signal aborts", async () => {
  await vrun(async () => {
    const controller = new AbortController();
    const t = create_task(sleep(10), { signal: controller.signal });
    await sleep(1);
    controller.abort("user pressed stop");
    await sleep(0);
    assertStrictEquals(t.cancelled(), true);
    assertThrows(
      () => t.result(),
      (e: unknown) => e instanceof CancelledError && e.message === "user pressed stop",
    );
  });
});

Deno.test("create_task(coro, { signal }): a non-string reason gives no message", async () => {
  await vrun(async () => {
    const controller = new AbortController();
    const t = create_task(sleep(10), { signal: controller.signal });
    await sleep(0);
    controller.abort(); // reason is a DOMException
    await sleep(0);
    assertThrows(() => t.result(), (e: unknown) => e instanceof CancelledError && e.message === "");
  });
});

Deno.test("create_task(coro, { signal }): an already aborted signal cancels before the first step", async () => {
  let ran = false;
  await vrun(async () => {
    const t = create_task(
      coroutine(async () => {
        ran = true;
      })(),
      { signal: AbortSignal.abort("early") },
    );
    await sleep(0);
    assertStrictEquals(t.cancelled(), true);
  });
  assertStrictEquals(ran, false);
});

Deno.test("create_task(coro, { signal }): the listener is removed once the task is done", async () => {
  await vrun(async () => {
    const controller = new AbortController();
    const t = create_task(sleep(1, "ok"), { signal: controller.signal });
    assertStrictEquals(await t, "ok");
    await sleep(0); // done callbacks run
    controller.abort("late");
    assertStrictEquals(t.cancelled(), false);
    assertStrictEquals(t.result(), "ok");
  });
});

Deno.test("create_task(coro, { signal }): not an AbortSignal → TypeError", async () => {
  await vrun(async () => {
    assertThrows(
      () => create_task(sleep(0), { signal: {} as AbortSignal }),
      (e: unknown) =>
        e instanceof TypeError && /options\.signal must be an AbortSignal/.test(e.message),
    );
    await sleep(0);
  });
});

// --- ensure_future --------------------------------------------------------------------

Deno.test("ensure_future: Futures unchanged, coroutines → Tasks, promises → Futures", async () => {
  await vrun(async () => {
    const loop = get_running_loop();
    const fut = loop.create_future<number>();
    assertStrictEquals(ensure_future(fut), fut);
    const task = ensure_future(sleep(0, "c"));
    assertOk(task instanceof Task);
    assertStrictEquals(await task, "c");
    const from_promise = ensure_future(Promise.resolve("p"));
    assertOk(from_promise instanceof Future && !(from_promise instanceof Task));
    assertStrictEquals(await from_promise, "p");
    const rejected = ensure_future(Promise.reject(new RangeError("r")));
    await assertRejects(async () => await rejected, RangeError);
    const thenable = ensure_future(
      { then: (ok: (v: number) => void) => ok(5) } as PromiseLike<number>,
    );
    assertStrictEquals(await thenable, 5);
    fut.set_result(0);
  });
});

Deno.test("ensure_future: bad input and a Future of another loop", () => {
  const a = new_event_loop(V);
  const b = new_event_loop(V);
  try {
    assertThrows(
      () => ensure_future(3 as unknown as Promise<number>, a),
      (e: unknown) => e instanceof TypeError && /ensure_future\(\)/.test(e.message),
    );
    const fut = a.create_future();
    assertThrows(() => ensure_future(fut, b), RangeError);
    assertStrictEquals(ensure_future(fut, a), fut);
  } finally {
    a.close();
    b.close();
  }
});

Deno.test("detached task: a timeout is delivered through its signal and becomes TimeoutError", async () => {
  const result = await run(
    coroutine(async () => {
      try {
        await async_with(timeout(0.01), async () => {
          const signal = current_task()!.signal;
          await new Promise((resolve, reject) => {
            const id = setTimeout(resolve, 1000); // foreign: the task detaches
            signal.addEventListener("abort", () => {
              clearTimeout(id);
              reject(signal.reason);
            });
          });
        });
        return "no timeout";
      } catch (error) {
        return `${(error as Error).name} ${current_task()!.cancelling()}`;
      }
    })(),
  );
  assertStrictEquals(result, "TimeoutError 0");
});

Deno.test("plain JavaScript may await a loop's Tasks while the loop runs", async () => {
  const work = coroutine(async function work(name: string, delay: number) {
    await sleep(delay);
    return name;
  });
  const loop = new_event_loop({ clock: "virtual" });
  try {
    const t1 = loop.create_task(work("a", 2));
    const t2 = loop.create_task(work("b", 1));
    const running = loop.run_until_complete(gather(t1, t2));
    // These `then` calls happen while the tasks' steps run; they are not theirs.
    assertStrictEquals(await t1, "a");
    assertEquals(await Promise.all([t1, t2]), ["a", "b"]);
    assertEquals(await running, ["a", "b"]);
  } finally {
    loop.close();
  }
});

Deno.test("Promise.all over coroutines inside a coroutine fails the task with a RuntimeError", async () => {
  const work = coroutine(async function work(name: string) {
    await sleep(1);
    return name;
  });
  const error = await run(
    coroutine(async function main() {
      const task = create_task(
        coroutine(async function misuse() {
          return await Promise.all([work("a"), work("b")]);
        })(),
      );
      try {
        await task;
        return null;
      } catch (error) {
        return error;
      }
    })(),
    { clock: "virtual" },
  );
  assertOk(error instanceof RuntimeError, String(error));
  assertOk((error as Error).message.includes("use gather()"));
});

// --- run_coroutine_threadsafe ---------------------------------------------------

Deno.test("run_coroutine_threadsafe: results and errors reach plain JavaScript", async () => {
  const loop = new_event_loop();
  const stop = new Future({ loop });
  const outside: Promise<unknown>[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    // A listener the loop did not start: it must use the threadsafe entry.
    outside.push(
      run_coroutine_threadsafe(
        coroutine(async () => {
          await sleep(0.001);
          return "answer";
        })(),
        loop,
      ).promise,
      run_coroutine_threadsafe(
        coroutine(function* () {
          yield* sleep(0.001);
          throw new RangeError("failed");
        })(),
        loop,
      ).promise.catch((error) => `${error.name}: ${error.message}`),
    );
    Promise.all(outside).then(() => loop.call_soon_threadsafe(() => stop.set_result(null)));
    channel.port1.close();
  };
  channel.port2.postMessage(null);
  await loop.run_until_complete(stop);
  loop.close();
  assertEquals(await Promise.all(outside), ["answer", "RangeError: failed"]);
});

Deno.test("run_coroutine_threadsafe: cancel() rejects at once and cancels the task", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const seen: string[] = [];
  const job = run_coroutine_threadsafe(
    coroutine(async () => {
      try {
        await sleep(10);
      } catch (error) {
        seen.push((error as Error).name);
        throw error;
      }
    })(),
    loop,
  );
  const never = coroutine(async () => {
    seen.push("never runs");
  });
  const early = run_coroutine_threadsafe(never(), loop);
  assertStrictEquals(early.cancel(), true); // before the loop made its task
  await loop.run_until_complete(
    coroutine(async () => {
      await sleep(1);
      assertStrictEquals(job.cancel(), true);
      assertStrictEquals(job.cancel(), false);
      await sleep(1);
    })(),
  );
  loop.close();
  await assertRejects(job.promise, CancelledError);
  await assertRejects(early.promise, CancelledError);
  assertEquals(seen, ["CancelledError"]);
});

Deno.test("run_coroutine_threadsafe: bad arguments are clear errors", () => {
  const loop = new_event_loop();
  assertThrows(
    () => run_coroutine_threadsafe(Promise.resolve(1) as never, loop),
    (e: unknown) =>
      e instanceof TypeError && e.message.startsWith("run_coroutine_threadsafe(): a coroutine"),
  );
  loop.close();
  assertThrows(
    () => run_coroutine_threadsafe(sleep(1), loop),
    (e: unknown) => e instanceof RuntimeError && e.message === "Event loop is closed",
  );
});

Deno.test("a hand-written then(on_ok, on_err) inside a task is a Promise's then: the task stays itself and cancellable", async () => {
  const log: string[] = [];
  const inner = coroutine(async () => {
    await sleep(0);
    return 5;
  });
  await run(
    coroutine(async () => {
      const worker = create_task(
        coroutine(async () => {
          await inner(); // resumed from an inner coroutine's return
          const on_value = (value: string) => {
            log.push(`on_value ${value}`);
            return "chained";
          };
          const later = sleep(0.05, "v").then(on_value, function on_error() {});
          log.push(`then gave a Promise: ${later instanceof Promise}`);
          log.push(`current task: ${current_task()?.get_name()}`);
          try {
            await sleep(10);
            log.push("sleep(10) completed");
          } finally {
            log.push(`later: ${await later}`);
          }
        })(),
        { name: "worker" },
      );
      await sleep(1);
      worker.cancel();
      await sleep(0);
      log.push(`worker cancelled: ${worker.cancelled()}`);
    })(),
    { clock: "virtual" },
  );
  assertEquals(log, [
    "then gave a Promise: true",
    "current task: worker",
    "on_value v",
    "later: chained",
    "worker cancelled: true",
  ]);
});

/** Stands for `fetch`: a promise the loop knows nothing about. */
const foreign_wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rejoining = coroutine(async function rejoining(ms: number) {
  await sleep(0);
  await foreign_wait(ms); // the tasks are detached at the same time
  await sleep(0);
  return current_task()?.get_name();
});

Deno.test("track_tasks: tasks started before any foreign await each rejoin as themselves", async () => {
  const names = await run(
    coroutine(async () => {
      const tasks = [5, 6, 7].map((ms, i) => create_task(rejoining(ms), { name: `t${i}` }));
      return await gather(...tasks);
    })(),
    { track_tasks: true },
  );
  assertEquals(names, ["t0", "t1", "t2"]);
});

Deno.test("untracked tasks detached at once: an await nobody can attribute raises, never guesses", async () => {
  const outcomes = await run(
    coroutine(async () => {
      const tasks = [5, 6, 7].map((ms, i) => create_task(rejoining(ms), { name: `t${i}` }));
      return await gather(...tasks, { return_exceptions: true });
    })(),
  );
  for (const [i, outcome] of outcomes.entries()) {
    // Each either rejoined as itself or was told the runtime cannot say whose await it is.
    assertOk(
      outcome === `t${i}` ||
        outcome instanceof RuntimeError && outcome.message.startsWith("cannot tell which task"),
      String(outcome),
    );
  }
  assertOk(outcomes.some((outcome) => outcome instanceof RuntimeError), "the ambiguity was met");
});

Deno.test("track_tasks must be a boolean", () => {
  assertThrows(
    () => new_event_loop({ track_tasks: "yes" as never }),
    (error: unknown) =>
      error instanceof TypeError && /options.track_tasks must be a boolean/.test(error.message),
  );
});
