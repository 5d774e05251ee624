import {
  async_with,
  CancelledError,
  coroutine,
  create_task,
  current_task,
  ensure_future,
  get_running_loop,
  new_event_loop,
  run,
  RuntimeError,
  sleep,
  Timeout,
  timeout,
  timeout_at,
  TimeoutError,
  ValueError,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import { assertOk, assertRejects, assertStrictEquals, assertThrows } from "./_assert.ts";

// ---- bad input ----

Deno.test("timeout() needs a running loop", () => {
  assertThrows(
    () => timeout(1),
    (e: Error) => e instanceof RuntimeError && /no running/.test(e.message),
  );
});

Deno.test(
  "timeout() rejects delays that are not numbers or null, and NaN",
  asyncio_test(async () => {
    for (const bad of ["1", undefined, {}, 1n]) {
      assertThrows(
        () => timeout(bad as never),
        (e: Error) =>
          e instanceof TypeError && e.message.includes("timeout(): delay must be a number"),
      );
    }
    assertThrows(
      () => timeout(NaN),
      (e: Error) => e instanceof ValueError && e.message.includes("delay must not be NaN"),
    );
    await sleep(0);
  }),
);

Deno.test("timeout_at() and new Timeout() reject bad deadlines", () => {
  assertThrows(
    () => timeout_at("soon" as never),
    (e: Error) => e instanceof TypeError && e.message.includes("when must be a number"),
  );
  assertThrows(
    () => timeout_at(NaN),
    (e: Error) => e instanceof ValueError && /when/.test(e.message),
  );
  assertThrows(() => new Timeout(undefined as never), TypeError);
  assertThrows(() => new Timeout(NaN), ValueError);
  // no loop is needed to make one
  assertStrictEquals(timeout_at(5).when(), 5);
  assertStrictEquals(new Timeout(null).when(), null);
});

Deno.test(
  "reschedule() rejects bad deadlines while active",
  asyncio_test(async () => {
    await async_with(timeout(1), async (cm) => {
      assertThrows(() => cm.reschedule("2" as never), TypeError);
      assertThrows(() => cm.reschedule(NaN), ValueError);
      assertStrictEquals(cm.when(), 1); // unchanged
      await sleep(0);
    });
  }),
);

Deno.test(
  "reschedule() raises RuntimeError in every state but active",
  asyncio_test(async () => {
    const cm = timeout(0.5);
    assertThrows(
      () => cm.reschedule(1),
      (e: Error) => e instanceof RuntimeError && e.message === "Timeout has not been entered",
    );
    await assertRejects(
      async () =>
        await async_with(cm, async () => {
          try {
            await sleep(1);
          } catch (e) {
            assertThrows(() => cm.reschedule(2), /Cannot change state of expiring Timeout/);
            throw e;
          }
        }),
      TimeoutError,
    );
    assertThrows(() => cm.reschedule(1), /Cannot change state of expired Timeout/);
    const cm2 = timeout(5);
    await async_with(cm2, async () => await sleep(0));
    assertThrows(() => cm2.reschedule(1), /Cannot change state of finished Timeout/);
  }),
);

Deno.test(
  "a Timeout can be entered once",
  asyncio_test(async () => {
    const cm = timeout(5);
    await async_with(cm, async () => {
      await assertRejects(async () => await cm.__aenter__(), /Timeout has already been entered/);
      await sleep(0);
    });
    await assertRejects(
      async () => await async_with(cm, async () => {}),
      /has already been entered/,
    );
  }),
);

Deno.test(
  "__aexit__ without __aenter__, or twice, raises RuntimeError",
  asyncio_test(async () => {
    await assertRejects(async () => await timeout(1).__aexit__(undefined), /has not been entered/);
    const cm = timeout(1);
    await cm.__aenter__();
    await cm.__aexit__(undefined);
    await assertRejects(
      async () => await cm.__aexit__(undefined),
      /Cannot exit finished Timeout again/,
    );
  }),
);

Deno.test("__aenter__ outside a task raises RuntimeError and leaves the Timeout unentered", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const cm = new Timeout(1);
  let error: unknown = null;
  loop.call_soon(() => {
    // drive the coroutine by hand from a plain callback: no task is running
    const body = cm.__aenter__()._start() as Generator;
    try {
      body.next();
    } catch (e) {
      error = e;
    }
    loop.stop();
  });
  await loop.run_forever();
  loop.close();
  assertOk(error instanceof RuntimeError && /inside a task/.test(error.message));
  assertThrows(() => cm.reschedule(2), /has not been entered/);
});

// ---- behaviour ----

Deno.test(
  "timeout() converts its own cancellation, with the CancelledError as cause",
  asyncio_test(async () => {
    const loop = get_running_loop();
    let seen: unknown = null;
    let error: unknown = null;
    try {
      await async_with(timeout(2), async () => {
        try {
          await sleep(10);
        } catch (e) {
          seen = e;
          throw e;
        }
      });
    } catch (e) {
      error = e;
    }
    assertOk(error instanceof TimeoutError);
    assertOk(seen instanceof CancelledError);
    assertStrictEquals(error.cause, seen);
    assertStrictEquals(error.message, "");
    assertStrictEquals(loop.time(), 2);
    assertStrictEquals(current_task()!.cancelling(), 0);
  }),
);

Deno.test("a subclass of CancelledError is not converted (CPython checks the exact type)", async () => {
  class Special extends CancelledError {}
  await asyncio_test(async () => {
    await assertRejects(
      async () =>
        await async_with(timeout(1), async () => {
          try {
            await sleep(10);
          } catch {
            throw new Special();
          }
        }),
      Special,
    );
    current_task()!.uncancel(); // the timeout's request is still counted: withdraw it
  })();
});

Deno.test(
  "the returned value goes through; when(), expired() and toString()",
  asyncio_test(async () => {
    const cm = timeout(1.23456);
    assertStrictEquals(String(cm), "<Timeout [created]>");
    const value = await async_with(cm, async (entered) => {
      assertStrictEquals(entered, cm);
      assertStrictEquals(String(cm), "<Timeout [active] when=1.235>");
      await sleep(1);
      return "v";
    });
    assertStrictEquals(value, "v");
    assertOk(!cm.expired());
    assertStrictEquals(String(cm), "<Timeout [finished]>");
  }),
);

Deno.test(
  "Infinity schedules no timer; -Infinity expires on the next iteration",
  asyncio_test(async () => {
    const loop = get_running_loop();
    await async_with(timeout(Infinity), async (cm) => {
      assertStrictEquals(loop._scheduled.length, 0);
      assertStrictEquals(cm.when(), Infinity);
      await sleep(5);
    });
    await assertRejects(
      async () => await async_with(timeout_at(-Infinity), async () => await sleep(0)),
      TimeoutError,
    );
  }),
);

Deno.test(
  "no timer is left once the block is done",
  asyncio_test(async () => {
    const loop = get_running_loop();
    await async_with(timeout(10), async () => await sleep(1));
    await sleep(0);
    assertStrictEquals(loop._scheduled.length, 0);
    assertStrictEquals(loop.time(), 1);
  }),
);

Deno.test("timeouts work in generator coroutines", async () => {
  const main = coroutine(function* () {
    const loop = get_running_loop();
    try {
      yield* async_with(timeout(1), function* () {
        yield* sleep(5);
      });
    } catch (e) {
      assertOk(e instanceof TimeoutError);
    }
    const v: string | undefined = yield* async_with(timeout_at(loop.time() + 3), function* (cm) {
      cm.reschedule(null);
      yield* sleep(10);
      return "late but fine";
    });
    return v;
  });
  assertStrictEquals(await run(main(), { clock: "virtual" }), "late but fine");
});

Deno.test(
  "a cancel() from outside in the same step is not turned into TimeoutError",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const guarded = coroutine(async () => {
      await async_with(timeout_at(1), async () => await sleep(10));
    });
    const task = create_task(guarded());
    loop.call_at(1, () => task.cancel());
    await assertRejects(async () => await task, CancelledError);
    assertOk(task.cancelled());
  }),
);

Deno.test("Timeout has no Symbol.asyncDispose: await using could not convert the error", () => {
  assertOk(!(Symbol.asyncDispose in new Timeout(null)));
});

Deno.test("a Promise awaited through ensure_future() in the block is interrupted", async () => {
  await run(
    coroutine(async () => {
      const never = new Promise<void>(() => {});
      await assertRejects(
        async () => await async_with(timeout(0), async () => await ensure_future(never)),
        (e) => e instanceof TimeoutError && e.cause instanceof CancelledError,
      );
    })(),
  );
});
