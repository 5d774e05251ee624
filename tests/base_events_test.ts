// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  type Coroutine,
  coroutine,
  create_task,
  current_task,
  Event,
  type ExceptionContext,
  Future,
  gather,
  get_running_loop,
  type Handle,
  InvalidStateError,
  type Logger,
  new_event_loop,
  run,
  RuntimeError,
  set_logger,
  sleep,
  Task,
  type TaskFactory,
  TimeoutError,
  ValueError,
  wait_for,
} from "../mod.ts";
import type { EventLoop } from "../mod.ts";
import {
  assert_no_real_wait,
  assertEquals,
  assertMatch,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
  host_timer_delays,
  line_of,
  raises,
} from "./_assert.ts";

type Entry = { level: "error" | "warning" | "debug"; message: string; error?: unknown };

/** Replaces the logger while `fn` runs; returns what was logged. */
async function capture_log(fn: () => unknown): Promise<Entry[]> {
  const entries: Entry[] = [];
  const logger: Logger = {
    error: (message, error) => entries.push({ level: "error", message, error }),
    warning: (message, error) => entries.push({ level: "warning", message, error }),
    debug: (message) => entries.push({ level: "debug", message }),
  };
  const previous = set_logger(logger);
  try {
    await fn();
  } finally {
    set_logger(previous);
  }
  return entries;
}

/** Runs `loop` until it has nothing left to do before `horizon` (virtual seconds). */
async function run_until(loop: EventLoop, horizon = 1000): Promise<void> {
  loop.call_at(horizon, () => loop.stop());
  await loop.run_forever();
}

function virtual(): EventLoop {
  return new_event_loop({ clock: "virtual" });
}

// --- scheduling order -------------------------------------------------------

Deno.test("call_soon: callbacks run FIFO with their arguments", async () => {
  const loop = virtual();
  const log: string[] = [];
  for (let i = 0; i < 20; i++) {
    loop.call_soon((n: number, s: string) => log.push(`${s}${n}`), i, "c");
  }
  loop.stop();
  await loop.run_forever();
  loop.close();
  assertEquals(log, Array.from({ length: 20 }, (_, i) => `c${i}`));
});

Deno.test("call_soon: a callback scheduled from a callback runs on the next iteration", async () => {
  const loop = virtual();
  const log: string[] = [];
  loop.call_soon(() => {
    log.push("a");
    loop.call_soon(() => log.push("c"));
  });
  loop.call_soon(() => log.push("b"));
  await run_until(loop);
  loop.close();
  assertEquals(log, ["a", "b", "c"]);
});

Deno.test("call_later/call_at: fire in deadline order, at their times", async () => {
  const loop = virtual();
  const log: string[] = [];
  loop.call_later(3, () => log.push(`later3@${loop.time()}`));
  loop.call_at(1, () => log.push(`at1@${loop.time()}`));
  loop.call_later(2, () => log.push(`later2@${loop.time()}`));
  loop.call_at(0.5, () => log.push(`at0.5@${loop.time()}`));
  await run_until(loop);
  loop.close();
  assertEquals(log, ["at0.5@0.5", "at1@1", "later2@2", "later3@3"]);
});

Deno.test("timers with equal deadlines fire in scheduling order", async () => {
  const loop = virtual();
  const log: number[] = [];
  for (let i = 0; i < 30; i++) {
    if (i % 2 === 0) loop.call_at(5, () => log.push(i));
    else loop.call_later(5, () => log.push(i));
  }
  await run_until(loop);
  loop.close();
  assertEquals(log, Array.from({ length: 30 }, (_, i) => i));
});

Deno.test("due timers join the ready queue after callbacks already queued", async () => {
  // As CPython: call_later(0, T0); call_soon(x) where x schedules y → x, T0, y.
  const loop = virtual();
  const log: string[] = [];
  loop.call_later(0, () => log.push("T0"));
  loop.call_soon(() => {
    log.push("x");
    loop.call_soon(() => log.push("y"));
  });
  await run_until(loop);
  loop.close();
  assertEquals(log, ["x", "T0", "y"]);
});

Deno.test("a timer is due when its deadline equals the loop time", async () => {
  const loop = virtual();
  const log: string[] = [];
  loop.call_at(0, () => log.push("at0"));
  loop.stop(); // exactly one iteration
  await loop.run_forever();
  assertEquals(log, ["at0"]);
  loop.close();
});

Deno.test("cancelled handles and timers don't run", async () => {
  const loop = virtual();
  const log: string[] = [];
  const h = loop.call_soon(() => log.push("soon-cancelled"));
  loop.call_soon(() => log.push("soon"));
  const t = loop.call_later(1, () => log.push("timer-cancelled"));
  loop.call_later(2, () => log.push("timer"));
  // Cancelled while already in the ready queue of the current iteration:
  let late: Handle | null = null;
  loop.call_soon(() => late?.cancel());
  late = loop.call_soon(() => log.push("cancelled-in-same-iteration"));
  h.cancel();
  t.cancel();
  await run_until(loop);
  loop.close();
  assertEquals(log, ["soon", "timer"]);
});

Deno.test("a due timer cancelled by an earlier callback of the same iteration doesn't run", async () => {
  const loop = virtual();
  const log: string[] = [];
  let t2: Handle | null = null;
  loop.call_at(1, () => {
    log.push("t1");
    t2?.cancel();
  });
  t2 = loop.call_at(1, () => log.push("t2"));
  await run_until(loop);
  loop.close();
  assertEquals(log, ["t1"]);
});

// --- timer heap compaction -------------------------------------------------

Deno.test("timer heap: many cancelled timers are compacted after one iteration", async () => {
  const loop = virtual();
  const timers = Array.from({ length: 1000 }, (_, i) => loop.call_at(10 + i, () => {}));
  for (let i = 0; i < 1000; i++) if (i % 5 < 3) timers[i].cancel(); // 600 cancelled
  assertStrictEquals(loop._scheduled.length, 1000);
  assertStrictEquals(loop._timer_cancelled_count, 600);
  loop.stop();
  await loop.run_forever(); // one iteration
  assertStrictEquals(loop._scheduled.length, 400);
  assertStrictEquals(loop._timer_cancelled_count, 0);
  // The survivors are exactly the uncancelled timers, still in order.
  const order: number[] = [];
  while (loop._scheduled.length > 0) order.push(timers.indexOf(loop._scheduled.pop()!));
  assertEquals(order, timers.map((_, i) => i).filter((i) => i % 5 >= 3));
  loop.close();
});

Deno.test("timer heap: below the thresholds only cancelled timers at the top are dropped", async () => {
  const loop = virtual();
  const timers = Array.from({ length: 1000 }, (_, i) => loop.call_at(10 + i, () => {}));
  for (let i = 0; i < 3; i++) timers[i].cancel(); // the earliest three
  for (let i = 500; i < 600; i++) timers[i].cancel(); // buried in the heap
  assertStrictEquals(loop._timer_cancelled_count, 103);
  loop.stop();
  await loop.run_forever();
  assertStrictEquals(loop._scheduled.length, 997);
  assertStrictEquals(loop._timer_cancelled_count, 100);
  loop.close();
  assertStrictEquals(loop._scheduled.length, 0);
  assertStrictEquals(loop._timer_cancelled_count, 0);
});

Deno.test("timer heap: a small heap is not compacted even when mostly cancelled", async () => {
  const loop = virtual();
  const timers = Array.from({ length: 50 }, (_, i) => loop.call_at(10 + i, () => {}));
  for (let i = 1; i < 50; i++) timers[i].cancel();
  loop.stop();
  await loop.run_forever();
  assertStrictEquals(loop._scheduled.length, 50);
  assertStrictEquals(loop._timer_cancelled_count, 49);
  loop.close();
});

// --- stop / run_forever / run_until_complete --------------------------------

Deno.test("stop() before run_forever runs exactly one iteration", async () => {
  const loop = virtual();
  const log: string[] = [];
  loop.call_soon(() => {
    log.push("a");
    loop.call_soon(() => log.push("c"));
  });
  loop.call_soon(() => log.push("b"));
  loop.call_later(1, () => log.push("timer"));
  loop.stop();
  await loop.run_forever();
  assertEquals(log, ["a", "b"]);
  loop.stop();
  await loop.run_forever();
  assertEquals(log, ["a", "b", "c"]);
  loop.close();
});

Deno.test("stop() from a callback finishes the current iteration first", async () => {
  const loop = virtual();
  const log: string[] = [];
  loop.call_soon(() => {
    log.push("a");
    loop.stop();
    loop.call_soon(() => log.push("next iteration"));
  });
  loop.call_soon(() => log.push("b"));
  await loop.run_forever();
  assertEquals(log, ["a", "b"]);
  assertStrictEquals(loop.is_running(), false);
  loop.close();
});

Deno.test("run_until_complete: returns the result of a coroutine, a Future, a Promise", async () => {
  const loop = virtual();
  try {
    assertStrictEquals(
      await loop.run_until_complete(
        coroutine(async () => {
          await sleep(1);
          return 42;
        })(),
      ),
      42,
    );
    const fut = loop.create_future<string>();
    loop.call_later(1, () => fut.set_result("fut"));
    assertStrictEquals(await loop.run_until_complete(fut), "fut");
    assertStrictEquals(await loop.run_until_complete(Promise.resolve("promise")), "promise");
    assertStrictEquals(loop.time(), 2);
  } finally {
    loop.close();
  }
});

Deno.test("run_until_complete: rethrows the coroutine's error", async () => {
  const loop = virtual();
  class Boom extends Error {}
  try {
    await assertRejects(
      loop.run_until_complete(
        coroutine(async () => {
          await sleep(1);
          throw new Boom("boom");
        })(),
      ),
      Boom,
    );
    const fut = loop.create_future();
    loop.call_soon(() => fut.set_exception(new Boom("from future")));
    await assertRejects(loop.run_until_complete(fut), { message: "from future" });
    assertStrictEquals(loop.is_running(), false);
  } finally {
    loop.close();
  }
});

Deno.test("run_until_complete: RuntimeError when stopped before the future is done", async () => {
  const loop = virtual();
  try {
    const fut = loop.create_future();
    loop.call_soon(() => loop.stop());
    await assertRejects(loop.run_until_complete(fut), (e: unknown) => {
      assertOk(e instanceof RuntimeError);
      assertStrictEquals(e.message, "Event loop stopped before Future completed.");
      return true;
    });
  } finally {
    loop.close();
  }
});

Deno.test("run_until_complete: RuntimeError on a running loop", async () => {
  const loop = virtual();
  try {
    const result = await loop.run_until_complete(
      coroutine(async () => {
        const inner = sleep(0);
        try {
          await loop.run_until_complete(inner);
          return "no error";
        } catch (e) {
          return e instanceof RuntimeError ? e.message : `wrong ${e}`;
        }
      })(),
    );
    assertStrictEquals(result, "This event loop is already running");
  } finally {
    loop.close();
  }
});

Deno.test("run_until_complete / run_forever: RuntimeError while another loop runs", async () => {
  const loop = virtual();
  const other = virtual();
  try {
    const messages = await loop.run_until_complete(
      coroutine(async () => {
        const out: string[] = [];
        for (const start of [() => other.run_forever(), () => other.run_until_complete(sleep(0))]) {
          try {
            await start();
          } catch (e) {
            out.push(e instanceof RuntimeError ? e.message : `wrong ${e}`);
          }
        }
        return out;
      })(),
    );
    assertEquals(messages, [
      "Cannot run the event loop while another loop is running",
      "Cannot run the event loop while another loop is running",
    ]);
  } finally {
    loop.close();
    other.close();
  }
});

Deno.test("run_until_complete / run_forever: RuntimeError on a closed loop", async () => {
  const loop = virtual();
  loop.close();
  await assertRejects(
    loop.run_until_complete(sleep(0)),
    (e: unknown) => e instanceof RuntimeError && e.message === "Event loop is closed",
  );
  await assertRejects(
    loop.run_forever(),
    (e: unknown) => e instanceof RuntimeError && e.message === "Event loop is closed",
  );
});

// --- close / state ----------------------------------------------------------

Deno.test("close(): drops pending callbacks and timers; idempotent", async () => {
  const loop = virtual();
  let ran = 0;
  loop.call_soon(() => ran++);
  loop.call_later(1, () => ran++);
  assertStrictEquals(loop._ready.length, 1);
  assertStrictEquals(loop._scheduled.length, 1);
  loop.close();
  assertStrictEquals(loop.is_closed(), true);
  assertStrictEquals(loop._ready.length, 0);
  assertStrictEquals(loop._scheduled.length, 0);
  loop.close(); // idempotent
  assertStrictEquals(loop.is_closed(), true);
  await assertRejects(loop.run_forever(), RuntimeError);
  assertStrictEquals(ran, 0);
});

Deno.test("close(): RuntimeError on a running loop", async () => {
  const loop = virtual();
  let message = "";
  loop.call_soon(() => {
    try {
      loop.close();
    } catch (e) {
      message = e instanceof RuntimeError ? e.message : `wrong ${e}`;
    }
    loop.stop();
  });
  await loop.run_forever();
  assertStrictEquals(message, "Cannot close a running event loop");
  assertStrictEquals(loop.is_closed(), false);
  loop.close();
});

Deno.test("call_soon/call_later/call_at/create_task: RuntimeError on a closed loop", () => {
  const loop = virtual();
  loop.close();
  const closed = (e: unknown) => e instanceof RuntimeError && e.message === "Event loop is closed";
  assertThrows(() => loop.call_soon(() => {}), closed);
  assertThrows(() => loop.call_later(1, () => {}), closed);
  assertThrows(() => loop.call_at(1, () => {}), closed);
  const coro = sleep(1);
  assertThrows(() => loop.create_task(coro), closed);
});

Deno.test("is_running / is_closed through the loop's life", async () => {
  const loop = virtual();
  assertStrictEquals(loop.is_running(), false);
  assertStrictEquals(loop.is_closed(), false);
  let inside: boolean | null = null;
  loop.call_soon(() => {
    inside = loop.is_running();
    loop.stop();
  });
  const p = loop.run_forever();
  assertStrictEquals(loop.is_running(), true, "running as soon as run_forever() is called");
  await p;
  assertStrictEquals(inside, true);
  assertStrictEquals(loop.is_running(), false);
  loop.close();
  assertStrictEquals(loop.is_closed(), true);
  assertStrictEquals(String(loop), "<EventLoop running=false closed=true debug=false>");
});

Deno.test("create_future: a pending Future bound to the loop", () => {
  const loop = virtual();
  try {
    const fut = loop.create_future<number>();
    assertOk(fut instanceof Future);
    assertStrictEquals(fut.get_loop(), loop);
    assertStrictEquals(fut.done(), false);
  } finally {
    loop.close();
  }
});

// --- bad input ---------------------------------------------------------------

Deno.test("call_soon: non-callable callback → TypeError naming the argument", () => {
  const loop = virtual();
  try {
    assertThrows(
      () => loop.call_soon(5 as unknown as () => void),
      (e: unknown) =>
        e instanceof TypeError && e.message === "call_soon(): callback must be a function, got 5",
    );
    assertThrows(
      () => loop.call_soon(null as unknown as () => void),
      /callback must be a function/,
    );
    assertStrictEquals(loop._ready.length, 0);
  } finally {
    loop.close();
  }
});

Deno.test("call_later: non-callable callback → TypeError naming the argument", () => {
  const loop = virtual();
  try {
    assertThrows(
      () => loop.call_later(1, "f" as unknown as () => void),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "call_later(): callback must be a function, got 'f'",
    );
    assertStrictEquals(loop._scheduled.length, 0);
  } finally {
    loop.close();
  }
});

Deno.test("call_at: non-callable callback → TypeError naming the argument", () => {
  const loop = virtual();
  try {
    assertThrows(
      () => loop.call_at(1, {} as unknown as () => void),
      (e: unknown) =>
        e instanceof TypeError && /^call_at\(\): callback must be a function/.test(e.message),
    );
  } finally {
    loop.close();
  }
});

Deno.test("call_later: a NaN delay → ValueError, a non-number → TypeError, naming the argument", () => {
  const loop = virtual();
  try {
    assertThrows(
      () => loop.call_later(NaN, () => {}),
      (e: unknown) =>
        e instanceof ValueError && e.message === "call_later(): delay must not be NaN",
    );
    assertThrows(
      () => loop.call_later("1" as unknown as number, () => {}),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "call_later(): delay must be a number of seconds, got '1'",
    );
    assertThrows(() => loop.call_later(undefined as unknown as number, () => {}), /delay/);
    assertStrictEquals(loop._scheduled.length, 0);
  } finally {
    loop.close();
  }
});

Deno.test("call_at: a NaN when → ValueError, a non-number → TypeError, naming the argument", () => {
  const loop = virtual();
  try {
    assertThrows(
      () => loop.call_at(NaN, () => {}),
      (e: unknown) => e instanceof ValueError && e.message === "call_at(): when must not be NaN",
    );
    assertThrows(() => loop.call_at(null as unknown as number, () => {}), /call_at\(\): when/);
  } finally {
    loop.close();
  }
});

Deno.test("call_later: a negative delay is due at once", async () => {
  const loop = virtual();
  const log: string[] = [];
  loop.call_later(-5, () => log.push("negative"));
  loop.stop();
  await loop.run_forever();
  assertEquals(log, ["negative"]);
  assertStrictEquals(loop.time(), 0);
  loop.close();
});

Deno.test("create_task on the loop: non-coroutine → TypeError", () => {
  const loop = virtual();
  try {
    assertThrows(
      () => loop.create_task(42 as unknown as Generator<unknown, number>),
      (e: unknown) => e instanceof TypeError && /coroutine was expected, got 42/.test(e.message),
    );
    assertThrows(
      () => loop.create_task((async () => 1)() as unknown as Generator<unknown, number>),
      TypeError,
    );
    assertStrictEquals(loop._ready.length, 0, "nothing scheduled");
  } finally {
    loop.close();
  }
});

// --- exception handler API ---------------------------------------------------

Deno.test("exception handler: a throwing callback reports message/exception/handle; the loop goes on", async () => {
  const loop = virtual();
  const contexts: ExceptionContext[] = [];
  const loops: EventLoop[] = [];
  loop.set_exception_handler((l, context) => {
    loops.push(l);
    contexts.push(context);
  });
  const error = new Error("boom");
  function boom(_n: number) {
    throw error;
  }
  const handle = loop.call_soon(boom, 1);
  const log: string[] = [];
  loop.call_soon(() => log.push("still running"));
  await run_until(loop);
  loop.close();
  assertEquals(log, ["still running"]);
  assertStrictEquals(contexts.length, 1);
  assertStrictEquals(loops[0], loop);
  const context = contexts[0];
  assertStrictEquals(context.message, "Exception in callback boom(1)");
  assertStrictEquals(context.exception, error);
  assertStrictEquals(context.handle, handle);
});

Deno.test("exception handler: a throwing timer callback is reported too", async () => {
  const loop = virtual();
  const contexts: ExceptionContext[] = [];
  loop.set_exception_handler((_l, context) => contexts.push(context));
  const t = loop.call_later(1, () => {
    throw new TypeError("late");
  });
  await run_until(loop);
  loop.close();
  assertStrictEquals(contexts.length, 1);
  assertStrictEquals(contexts[0].handle, t);
  assertOk(contexts[0].exception instanceof TypeError);
});

Deno.test("exception handler: get/set, null restores the default, bad handler → TypeError", () => {
  const loop = virtual();
  try {
    assertStrictEquals(loop.get_exception_handler(), null);
    const handler = () => {};
    loop.set_exception_handler(handler);
    assertStrictEquals(loop.get_exception_handler(), handler);
    loop.set_exception_handler(null);
    assertStrictEquals(loop.get_exception_handler(), null);
    assertThrows(
      () => loop.set_exception_handler("nope" as unknown as null),
      (e: unknown) =>
        e instanceof TypeError &&
        /set_exception_handler\(\): handler must be a function or null/.test(e.message),
    );
  } finally {
    loop.close();
  }
});

Deno.test("exception handler: errors in the handler go to the default handler", async () => {
  const loop = virtual();
  const handler_error = new RangeError("in handler");
  loop.set_exception_handler(() => {
    throw handler_error;
  });
  function boom() {
    throw new Error("callback");
  }
  loop.call_soon(boom);
  const entries = await capture_log(() => run_until(loop));
  loop.close();
  assertStrictEquals(entries.length, 1);
  assertStrictEquals(entries[0].level, "error");
  assertStrictEquals(entries[0].error, handler_error);
  assertOk(entries[0].message.startsWith("Unhandled error in exception handler"));
  assertOk(entries[0].message.includes("Exception in callback boom()"), entries[0].message);
});

Deno.test("default exception handler: logs the message, the other keys, and the error", async () => {
  const loop = virtual();
  const error = new Error("boom");
  function boom(_a: string) {
    throw error;
  }
  loop.call_soon(boom, "x");
  const entries = await capture_log(() => run_until(loop));
  loop.close();
  assertStrictEquals(entries.length, 1);
  const [entry] = entries;
  assertStrictEquals(entry.level, "error");
  assertStrictEquals(entry.error, error);
  assertEquals(entry.message.split("\n"), [
    "Exception in callback boom('x')",
    "handle: <Handle boom('x')>",
  ]);
});

Deno.test("call_exception_handler: passes a custom context through; default message when empty", async () => {
  const loop = virtual();
  try {
    const seen: ExceptionContext[] = [];
    loop.set_exception_handler((_l, c) => seen.push(c));
    const context = { message: "custom", extra: 1 };
    loop.call_exception_handler(context);
    assertStrictEquals(seen[0], context);
    loop.set_exception_handler(null);
    const entries = await capture_log(() => loop.call_exception_handler({ message: "" }));
    assertEquals(entries.map((e) => e.message), ["Unhandled exception in event loop"]);
    const entries2 = await capture_log(() =>
      loop.default_exception_handler({ message: "m", future: "f", b: 2 })
    );
    assertEquals(entries2[0].message.split("\n"), ["m", "b: 2", "future: 'f'"]);
  } finally {
    loop.close();
  }
});

// --- task factory -------------------------------------------------------------

Deno.test("set_task_factory: create_task goes through the factory; null restores", async () => {
  const loop = virtual();
  const calls: [EventLoop, unknown, unknown][] = [];
  const factory: TaskFactory = (l, coro, options) => {
    calls.push([l, coro, options]);
    const task = new Task(coro, { ...options, loop: l });
    task.set_name(`made-${calls.length}`);
    return task;
  };
  assertStrictEquals(loop.get_task_factory(), null);
  loop.set_task_factory(factory);
  assertStrictEquals(loop.get_task_factory(), factory);
  try {
    const coro = sleep(1, "x");
    const task = loop.create_task(coro, { name: "ignored" });
    assertStrictEquals(calls.length, 1);
    assertStrictEquals(calls[0][0], loop);
    assertStrictEquals(calls[0][1], coro);
    assertEquals(calls[0][2], { name: "ignored" });
    assertStrictEquals(task.get_name(), "made-1");
    assertStrictEquals(await loop.run_until_complete(task), "x");
    // The module-level create_task and run_until_complete of a coroutine use it too.
    const name = await loop.run_until_complete(
      coroutine(async () => {
        const t = create_task(sleep(0));
        await t;
        return t.get_name();
      })(),
    );
    assertStrictEquals(name, "made-3");
    loop.set_task_factory(null);
    assertStrictEquals(loop.get_task_factory(), null);
    const plain = loop.create_task(sleep(0));
    assertOk(/^Task-\d+$/.test(plain.get_name()));
    await loop.run_until_complete(plain);
    assertStrictEquals(calls.length, 3);
  } finally {
    loop.close();
  }
});

Deno.test("set_task_factory: non-function → TypeError naming the argument", () => {
  const loop = virtual();
  try {
    assertThrows(
      () => loop.set_task_factory(1 as unknown as TaskFactory),
      (e: unknown) =>
        e instanceof TypeError &&
        /set_task_factory\(\): factory must be a function or null/.test(e.message),
    );
  } finally {
    loop.close();
  }
});

// --- debug mode ---------------------------------------------------------------

Deno.test("debug mode: get/set and the constructor option", () => {
  const a = new_event_loop({ debug: true });
  const b = new_event_loop({ debug: false });
  try {
    assertStrictEquals(a.get_debug(), true);
    assertStrictEquals(b.get_debug(), false);
    b.set_debug(true);
    assertStrictEquals(b.get_debug(), true);
    assertStrictEquals(a.slow_callback_duration, 0.1);
  } finally {
    a.close();
    b.close();
  }
});

Deno.test("debug mode: ASYNCIO_DEBUG turns it on unless the option says otherwise", () => {
  const before = Deno.env.get("ASYNCIO_DEBUG");
  Deno.env.set("ASYNCIO_DEBUG", "1");
  try {
    const on = new_event_loop();
    const off = new_event_loop({ debug: false });
    assertStrictEquals(on.get_debug(), true);
    assertStrictEquals(off.get_debug(), false);
    on.close();
    off.close();
  } finally {
    if (before === undefined) Deno.env.delete("ASYNCIO_DEBUG");
    else Deno.env.set("ASYNCIO_DEBUG", before);
  }
});

function busy_wait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* spin */ }
}

Deno.test("debug mode: a slow callback is reported as 'Executing <Handle ...> took N seconds'", async () => {
  const loop = new_event_loop({ clock: "virtual", debug: true });
  loop.slow_callback_duration = 0.001;
  function slow(_n: number) {
    busy_wait(5);
  }
  function fast() {}
  loop.call_soon(slow, 7);
  loop.call_soon(fast);
  const entries = await capture_log(() => run_until(loop, 1));
  loop.close();
  assertStrictEquals(entries.length, 1, JSON.stringify(entries));
  assertStrictEquals(entries[0].level, "warning");
  // In debug mode a handle says where it was made: the `call_soon` line above.
  const match = new RegExp(
    `^Executing <Handle slow\\(7\\) created at ${RegExp.escape(import.meta.url)}:\\d+:\\d+> ` +
      `took (\\d+\\.\\d{3}) seconds$`,
  ).exec(entries[0].message);
  assertOk(match, entries[0].message);
  assertOk(Number(match[1]) >= 0.005);
});

Deno.test("debug mode: a slow task step is reported as 'Executing <Task ...> took N seconds'", async () => {
  const loop = new_event_loop({ clock: "virtual", debug: true });
  loop.slow_callback_duration = 0.001;
  const slowpoke = coroutine(function* slowpoke() {
    busy_wait(5);
    yield* sleep(1);
  });
  loop.create_task(slowpoke(), { name: "slowpoke" });
  const entries = await capture_log(() => run_until(loop, 10));
  loop.close();
  assertStrictEquals(entries.length, 1, JSON.stringify(entries));
  assertOk(
    /^Executing <Task pending name='slowpoke' coro=<Coroutine slowpoke> .*> took \d+\.\d{3} seconds$/
      .test(entries[0].message),
    entries[0].message,
  );
});

Deno.test("a task stepped when it is done reports the error to the exception handler", async () => {
  const loop = virtual();
  const contexts: ExceptionContext[] = [];
  loop.set_exception_handler((_l, context) => contexts.push(context));
  const task = loop.create_task(coroutine(function* () {})());
  await run_until(loop, 1);
  loop._schedule(task); // a library bug would do this: the loop must survive it
  await run_until(loop, 2);
  loop.close();
  assertStrictEquals(contexts.length, 1);
  assertStrictEquals(contexts[0].task, task);
  assertOk(contexts[0].message.startsWith("Exception in callback <Task finished"));
  assertOk(contexts[0].exception instanceof InvalidStateError);
});

Deno.test("debug mode off: slow callbacks are not reported", async () => {
  const loop = new_event_loop({ clock: "virtual", debug: false });
  loop.slow_callback_duration = 0.001;
  loop.call_soon(() => busy_wait(5));
  const entries = await capture_log(() => run_until(loop, 1));
  loop.close();
  assertEquals(entries, []);
});

Deno.test("time(): virtual loop time only moves to timers", async () => {
  const loop = virtual();
  assertStrictEquals(loop.time(), 0);
  const seen: number[] = [];
  loop.call_soon(() => seen.push(loop.time()));
  loop.call_later(2, () => seen.push(loop.time()));
  await run_until(loop, 10);
  assertEquals(seen, [0, 2]);
  assertStrictEquals(loop.time(), 10);
  loop.close();
});

Deno.test("get_running_loop inside a callback is the loop", async () => {
  const loop = virtual();
  let seen: EventLoop | null = null;
  loop.call_soon(() => (seen = get_running_loop()));
  await run_until(loop, 1);
  loop.close();
  assertStrictEquals(seen, loop);
});

// --- signal handlers ----------------------------------------------------------

Deno.test("add_signal_handler: the callback runs on the loop for each signal, the loop waits for them", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const seen: string[] = [];
  try {
    await loop.run_until_complete(
      coroutine(async () => {
        const deliveries = [loop.create_future<void>(), loop.create_future<void>()];
        loop.add_signal_handler(12, (tag: string) => { // SIGUSR2, by number
          seen.push(`${tag} in ${current_task() === null ? "a callback" : "a task"}`);
          deliveries[seen.length - 1].set_result();
        }, "usr2");
        Deno.kill(Deno.pid, "SIGUSR2");
        await deliveries[0]; // signals sent together may arrive as one
        Deno.kill(Deno.pid, "SIGUSR2");
        await deliveries[1]; // nothing but the handler keeps the process alive here

        assertStrictEquals(loop.remove_signal_handler(12), true);
        assertStrictEquals(loop.remove_signal_handler("SIGUSR2"), false);
      })(),
    );
  } finally {
    loop.close();
  }
  assertEquals(seen, ["usr2 in a callback", "usr2 in a callback"]);
});

Deno.test("add_signal_handler: a new handler replaces the old; close removes them", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const seen: string[] = [];
  await loop.run_until_complete(
    coroutine(async () => {
      const delivered = loop.create_future<void>();
      loop.add_signal_handler("SIGUSR2", () => seen.push("first"));
      loop.add_signal_handler("SIGUSR2", () => {
        seen.push("second");
        delivered.set_result();
      });
      Deno.kill(Deno.pid, "SIGUSR2");
      await delivered;
    })(),
  );
  loop.close(); // removes the handler: nothing listens any more
  assertEquals(seen, ["second"]);
  assertStrictEquals(loop.remove_signal_handler("SIGUSR2"), false);
});

Deno.test("add_signal_handler: bad arguments are clear errors", () => {
  const loop = new_event_loop();
  try {
    assertThrows(
      () => loop.add_signal_handler("SIGUSR2", coroutine(async () => {})),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "coroutines cannot be used with add_signal_handler()",
    );
    assertThrows(
      () => loop.add_signal_handler("SIGNOPE", () => {}),
      (e: unknown) => e instanceof ValueError && e.message === "invalid signal SIGNOPE",
    );
    assertThrows(
      () => loop.add_signal_handler(99, () => {}),
      (e: unknown) => e instanceof ValueError && e.message === "invalid signal number 99",
    );
    assertThrows(() => loop.add_signal_handler(1.5, () => {}), TypeError);
    assertThrows(
      () => loop.add_signal_handler("SIGKILL", () => {}),
      (e: unknown) => e instanceof RuntimeError && e.message === "sig SIGKILL cannot be caught",
    );
    assertThrows(
      () => loop.add_signal_handler("SIGUSR2", "x" as unknown as () => void),
      TypeError,
    );
  } finally {
    loop.close();
  }
  assertThrows(
    () => loop.add_signal_handler("SIGUSR2", () => {}),
    (e: unknown) => e instanceof RuntimeError && e.message === "Event loop is closed",
  );
});

// --- deadlocks on the virtual and manual clocks --------------------------------

/** Two tasks, each waiting for the other's Event before setting its own, as in CPython. */
function crossed_events(): Coroutine<void> {
  const a_done = new Event();
  const b_done = new Event();
  return coroutine(async function main() {
    await gather(
      create_task(
        coroutine(async function a() {
          await b_done.wait(); // a waits here
          a_done.set();
        })(),
        { name: "a" },
      ),
      create_task(
        coroutine(function* b() {
          yield* a_done.wait(); // b waits here
          b_done.set();
        })(),
        { name: "b" },
      ),
    );
  })();
}

Deno.test("deadlock: two tasks waiting on each other's Event are a RuntimeError at once, with no real wait", async () => {
  const { result: error, delays } = await host_timer_delays(() =>
    raises(run(crossed_events(), { clock: "virtual" }), RuntimeError)
  );
  assert_no_real_wait(delays);
  assertEquals(error.message.replace(/Task-\d+/, "Task-1").split("\n"), [
    "deadlock: nothing is ready, no timer is pending and nothing outside the loop can call in " +
    "(virtual clock at 0 s); 3 tasks wait forever (debug mode says where each Future was made):",
    "  <Task pending name='Task-1' coro=<Coroutine main> wait_for=<GatheringFuture pending>>",
    "  <Task pending name='a' coro=<Coroutine a> wait_for=<Future pending>>",
    "  <Task pending name='b' coro=<Coroutine b> wait_for=<Future pending>>",
  ]);
});

Deno.test("deadlock: in debug mode, each awaited Future says where its task waits", async () => {
  const error = await raises(
    run(crossed_events(), { clock: "virtual", debug: true }),
    RuntimeError,
  );
  const here = RegExp.escape(import.meta.url);
  for (const name of ["a", "b"]) {
    const line = line_of(import.meta.url, `// ${name} waits here`);
    assertMatch(
      error.message,
      new RegExp(
        `<Task pending name='${name}' coro=<Coroutine ${name}> wait_for=<Future pending created at ${here}:${line}:\\d+> created at `,
      ),
    );
  }
});

Deno.test("deadlock: sleep(Infinity) is no timer; a loop with nothing to do cannot stop", async () => {
  const error = await raises(
    run(sleep(Infinity), { clock: "virtual" }),
    RuntimeError,
  );
  assertMatch(
    error.message,
    /^deadlock: nothing is ready, no timer is pending .*; 1 task waits forever/,
  );
  assertMatch(
    error.message,
    /\n {2}<Task pending name='Task-\d+' coro=<Coroutine sleep> wait_for=<Future pending>>$/,
  );
  const loop = new_event_loop({ clock: "virtual" });
  await assertRejects(
    loop.run_forever(),
    new RuntimeError(
      "deadlock: nothing is ready, no timer is pending and nothing outside the loop can call in " +
        "(virtual clock at 0 s); no task is pending, and nothing will stop the loop",
    ),
  );
  loop.close();
});

Deno.test("deadlock: the manual clock with only timers left is one, when nothing advances it", async () => {
  const error = await raises(run(sleep(30), { clock: "manual" }), RuntimeError);
  assertMatch(
    error.message,
    /^deadlock: nothing is ready, no timer is due before the clock is advanced \(next at 30 s\) and nothing outside the loop can call in \(manual clock at 0 s\); 1 task waits forever/,
  );
});

Deno.test("deadlock: a task awaiting a foreign promise is outside work, not a deadlock", async () => {
  const result = await run(
    coroutine(async () => {
      const woken = new Event();
      const sleeper = create_task(
        coroutine(async () => {
          await woken.wait();
          return "woken";
        })(),
      );
      await create_task(
        coroutine(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5)); // detaches this task
          woken.set();
        })(),
      );
      return await sleeper;
    })(),
    { clock: "virtual" },
  );
  assertStrictEquals(result, "woken");
});

Deno.test("deadlock: a foreign promise settling after its wait timed out leaves the deadlock seen", async () => {
  const error = await raises(
    run(
      coroutine(async () => {
        const slow = new Promise((resolve) => setTimeout(resolve, 5));
        await raises(wait_for(slow, 1), TimeoutError); // 1 virtual second: at once
        await new Event().wait(); // the loop idles for the promise, then sees this
      })(),
      { clock: "virtual" },
    ),
    RuntimeError,
  );
  assertMatch(error.message, /^deadlock: .*\(virtual clock at 1 s\); 1 task waits forever/);
});

Deno.test("deadlock: once call_soon_threadsafe was used, the loop waits for outside JavaScript", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const answer = loop.create_future<string>();
  loop.call_soon_threadsafe(() => {}); // a listener the loop did not start calls in
  const timer = setTimeout(() => loop.call_soon_threadsafe(() => answer.set_result("later")), 5);
  try {
    assertStrictEquals(await loop.run_until_complete(answer), "later");
  } finally {
    clearTimeout(timer);
    loop.close();
  }
});

Deno.test("deadlock: false lets the loop wait for outside JavaScript it cannot see", async () => {
  for (const deadlock of [true, false]) {
    const loop = new_event_loop({ clock: "virtual", deadlock });
    const timer = setTimeout(() => loop.stop(), 5);
    const outcome = await loop.run_forever().then(
      () => "stopped",
      (error) => error.constructor.name,
    );
    clearTimeout(timer);
    loop.close();
    assertStrictEquals(outcome, deadlock ? "RuntimeError" : "stopped");
  }
});

Deno.test("deadlock: the real clock never reports one", async () => {
  const loop = new_event_loop();
  const timer = setTimeout(() => loop.stop(), 5);
  await loop.run_forever();
  clearTimeout(timer);
  loop.close();
});
