// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  async_with,
  type AsyncContextManager,
  CancelledError,
  Coroutine,
  coroutine,
  create_task,
  gather,
  get_running_loop,
  Lock,
  run,
  sleep,
} from "../mod.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "./_assert.ts";

const V = { clock: "virtual" } as const;

/** A manager that logs, awaits sleep(0) on entry and exit, and may swallow. */
class Manager implements AsyncContextManager<string> {
  readonly errors: unknown[] = [];
  constructor(readonly name: string, readonly log: string[], readonly swallow = false) {}
  __aenter__ = coroutine(async () => {
    this.log.push(`${this.name}-enter`);
    await sleep(0);
    this.log.push(`${this.name}-entered`);
    return this.name.toUpperCase();
  });
  __aexit__ = coroutine(async (error: unknown) => {
    this.errors.push(error);
    this.log.push(`${this.name}-exit ${error === undefined ? "None" : (error as Error).name}`);
    await sleep(0);
    this.log.push(`${this.name}-exited`);
    return this.swallow;
  });
}

class KeyError extends Error {
  override name = "KeyError";
}

Deno.test("async_with: enter, body, exit in order; returns the body's result", async () => {
  const log: string[] = [];
  const m = new Manager("m", log);
  const result = await run(
    coroutine(async () => {
      const r = await async_with(m, async (value) => {
        log.push(`body ${value}`);
        await sleep(1);
        return 42;
      });
      log.push("after");
      return r;
    })(),
    V,
  );
  assertStrictEquals(result, 42);
  assertEquals(log, ["m-enter", "m-entered", "body M", "m-exit None", "m-exited", "after"]);
  assertEquals(m.errors, [undefined]);
});

Deno.test("async_with: the body's error is passed to __aexit__ and rethrown", async () => {
  const log: string[] = [];
  const m = new Manager("m", log);
  const error = new KeyError("k");
  await assertRejects(
    run(
      coroutine(async () => {
        await async_with(m, async () => {
          await sleep(0);
          throw error;
        });
      })(),
      V,
    ),
    (e: unknown) => e === error,
  );
  assertEquals(m.errors, [error]);
  assertEquals(log, ["m-enter", "m-entered", "m-exit KeyError", "m-exited"]);
});

Deno.test("async_with: a truthy __aexit__ swallows the error; the result is undefined", async () => {
  const log: string[] = [];
  const m = new Manager("m", log, true);
  const result = await run(
    coroutine(async () => {
      const r = await async_with(m, async () => {
        throw new KeyError("swallowed");
      });
      log.push("after");
      return r;
    })(),
    V,
  );
  assertStrictEquals(result, undefined);
  assertEquals(log.slice(-2), ["m-exited", "after"]);
  for (const truthy of [1, "yes", {}]) {
    const swallowed = await run(
      coroutine(async () =>
        await async_with({
          __aenter__: async () => null,
          __aexit__: async () => truthy as unknown as boolean,
        }, async () => {
          throw new Error("x");
        })
      )(),
      V,
    );
    assertStrictEquals(swallowed, undefined);
  }
});

Deno.test("async_with: with no error, the result of __aexit__ does not matter", async () => {
  const result = await run(
    coroutine(async () =>
      await async_with({
        __aenter__: async () => 1,
        __aexit__: async () => true, // truthy, but there is no error to swallow
      }, async (v) => v + 1)
    )(),
    V,
  );
  assertStrictEquals(result, 2);
});

Deno.test("async_with: interleaves with other tasks exactly as CPython", async () => {
  // The same program in Python 3.12 (async with + gather) prints this list.
  const log: string[] = [];
  const user = coroutine(async (name: string, fail: boolean, swallow: boolean) => {
    try {
      await async_with(new Manager(name, log, swallow), async (v) => {
        log.push(`${name}-body ${v}`);
        await sleep(0);
        if (fail) throw new KeyError(name);
        log.push(`${name}-body-end`);
      });
      log.push(`${name}-after`);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      log.push(`${name}-raised`);
    }
  });
  await run(
    coroutine(async () => {
      await gather(user("a", false, false), user("b", true, false), user("c", true, true));
    })(),
    V,
  );
  assertEquals(log, [
    "a-enter",
    "b-enter",
    "c-enter",
    "a-entered",
    "a-body A",
    "b-entered",
    "b-body B",
    "c-entered",
    "c-body C",
    "a-body-end",
    "a-exit None",
    "b-exit KeyError",
    "c-exit KeyError",
    "a-exited",
    "a-after",
    "b-exited",
    "b-raised",
    "c-exited",
    "c-after",
  ]);
});

Deno.test("async_with: a generator body with yield* in a generator coroutine", async () => {
  const log: string[] = [];
  const m = new Manager("g", log);
  const main = coroutine(function* () {
    const r: number | undefined = yield* async_with(m, function* (value: string) {
      log.push(`body ${value}`);
      yield* sleep(1);
      const n: number = yield* sleep(1, 7);
      return n;
    });
    log.push(`after ${r} at ${get_running_loop().time()}`);
    return r;
  });
  assertStrictEquals(await run(main(), V), 7);
  assertEquals(log, ["g-enter", "g-entered", "body G", "g-exit None", "g-exited", "after 7 at 2"]);
});

Deno.test("async_with: a generator body that throws; error reaches __aexit__", async () => {
  const log: string[] = [];
  const m = new Manager("g", log, true);
  const main = coroutine(function* () {
    const r = yield* async_with(m, function* () {
      yield* sleep(0);
      throw new KeyError("in gen");
    });
    return r === undefined ? "swallowed" : "not swallowed";
  });
  assertStrictEquals(await run(main(), V), "swallowed");
  assertOk(m.errors[0] instanceof KeyError);
});

Deno.test("async_with: a generator body awaited from an async coroutine", async () => {
  const result = await run(
    coroutine(async () =>
      await async_with({ __aenter__: async () => 3, __aexit__: async () => false }, function* (v) {
        yield* sleep(1);
        return v * 2;
      })
    )(),
    V,
  );
  assertStrictEquals(result, 6);
});

Deno.test("async_with: an async body yielded from a generator coroutine", async () => {
  const main = coroutine(function* () {
    const r: string | undefined = yield* async_with(
      { __aenter__: async () => "x", __aexit__: async () => false },
      async (v: string) => {
        await sleep(1);
        return v + "!";
      },
    );
    return r;
  });
  assertStrictEquals(await run(main(), V), "x!");
});

Deno.test("async_with: __aexit__ may return a promise, a coroutine, a Future or a plain value", async () => {
  const make_exits = () => [
    (_e: unknown) => Promise.resolve(true),
    coroutine(async (_e: unknown) => {
      await sleep(1);
      return true;
    }),
    (_e: unknown) => {
      const f = get_running_loop().create_future<boolean>();
      get_running_loop().call_later(1, () => f.set_result(true));
      return f;
    },
    (_e: unknown) => true,
  ];
  for (const body_kind of ["async", "generator"] as const) {
    for (const exit of make_exits()) {
      const m = { __aenter__: async () => 0, __aexit__: exit };
      const outcome = await run(
        coroutine(async () => {
          const r = body_kind === "async"
            ? await async_with(m, async () => {
              throw new KeyError("swallow me");
            })
            : await async_with(m, function* () {
              yield* sleep(0);
              throw new KeyError("swallow me");
            });
          return r === undefined ? "swallowed" : "kept";
        })(),
        V,
      );
      assertStrictEquals(outcome, "swallowed", `${body_kind} body, exit ${exit}`);
    }
  }
});

Deno.test("async_with: __aenter__ may return a promise, a coroutine or a Future", async () => {
  const enters = [
    () => Promise.resolve("p"),
    coroutine(async () => "c"),
    () => {
      const f = get_running_loop().create_future<string>();
      f.set_result("f");
      return f;
    },
  ];
  const seen = await run(
    coroutine(async () => {
      const out: string[] = [];
      for (const enter of enters) {
        out.push(
          (await async_with({ __aenter__: enter, __aexit__: () => false }, async (v) => v))!,
        );
        out.push(
          (await async_with({ __aenter__: enter, __aexit__: () => false }, function* (v) {
            yield* sleep(0);
            return v;
          }))!,
        );
      }
      return out;
    })(),
    V,
  );
  assertEquals(seen, ["p", "p", "c", "c", "f", "f"]);
});

Deno.test("async_with: an error in __aenter__ skips the body and __aexit__", async () => {
  let body_ran = false;
  let exit_ran = false;
  await assertRejects(
    run(
      coroutine(async () => {
        await async_with({
          __aenter__: async () => {
            throw new KeyError("enter failed");
          },
          __aexit__: async () => {
            exit_ran = true;
            return true;
          },
        }, async () => {
          body_ran = true;
        });
      })(),
      V,
    ),
    KeyError,
  );
  assertStrictEquals(body_ran, false);
  assertStrictEquals(exit_ran, false);
});

Deno.test("async_with: an error in __aexit__ replaces the body's error", async () => {
  const exit_error = new RangeError("exit failed");
  await assertRejects(
    run(
      coroutine(async () => {
        await async_with({
          __aenter__: async () => 0,
          __aexit__: async () => {
            throw exit_error;
          },
        }, async () => {
          throw new KeyError("body");
        });
      })(),
      V,
    ),
    (e: unknown) => e === exit_error,
  );
});

Deno.test("async_with: a cancelled body passes CancelledError to __aexit__", async () => {
  const log: string[] = [];
  const m = new Manager("m", log);
  await run(
    coroutine(async () => {
      const t = create_task(
        coroutine(async () => {
          await async_with(m, async () => {
            await sleep(10);
          });
        })(),
      );
      await sleep(1);
      t.cancel("bye");
      try {
        await t;
      } catch (e) {
        log.push(`task ${(e as Error).name}`);
      }
      assertStrictEquals(t.cancelled(), true);
    })(),
    V,
  );
  assertOk(m.errors[0] instanceof CancelledError);
  assertStrictEquals((m.errors[0] as Error).message, "bye");
  assertEquals(log.slice(-3), ["m-exit CancelledError", "m-exited", "task CancelledError"]);
});

Deno.test("async_with: returns a lazy Coroutine", async () => {
  let entered = false;
  const c = async_with({
    __aenter__: async () => {
      entered = true;
    },
    __aexit__: async () => false,
  }, async () => 1);
  assertOk(c instanceof Coroutine);
  assertStrictEquals(entered, false);
  assertStrictEquals(await run(c, V), 1);
  assertStrictEquals(entered, true);
});

Deno.test("async_with: bad manager or body → TypeError naming the argument", () => {
  assertThrows(
    () => async_with({} as AsyncContextManager<unknown>, async () => {}),
    (e: unknown) =>
      e instanceof TypeError &&
      e.message === "async_with(): manager must have __aenter__() and __aexit__() methods",
  );
  assertThrows(
    () => async_with(null as unknown as AsyncContextManager<unknown>, async () => {}),
    TypeError,
  );
  assertThrows(
    () =>
      async_with(
        { __aenter__: async () => 0, __aexit__: async () => false },
        "body" as unknown as () => Promise<void>,
      ),
    (e: unknown) =>
      e instanceof TypeError && e.message === "async_with(): body must be a function, got string",
  );
});

Deno.test("async_with: a Lock subclass's own __aenter__/__aexit__ are called", async () => {
  const log: string[] = [];
  class LoggingLock extends Lock {
    override __aenter__(): Coroutine<null> {
      log.push("enter");
      return super.__aenter__();
    }
    override __aexit__(error?: unknown): Coroutine<false> {
      log.push(`exit ${(error as Error | undefined)?.message}`);
      return super.__aexit__(error);
    }
  }
  const lock = new LoggingLock();
  await run(
    coroutine(async () => {
      await async_with(lock, async () => log.push(`body ${lock.locked()}`));
      try {
        await async_with(lock, async () => {
          throw new Error("boom");
        });
      } catch (e) {
        log.push(`raised ${(e as Error).message}`);
      }
    })(),
    V,
  );
  assertEquals(log, ["enter", "body true", "exit undefined", "enter", "exit boom", "raised boom"]);
  assertStrictEquals(lock.locked(), false);
});

Deno.test("async_with: a Lock waiter cancelled before entering neither runs the body nor releases", async () => {
  const log: string[] = [];
  await run(
    coroutine(async () => {
      const lock = new Lock();
      await lock.acquire();
      const waiter = create_task(
        coroutine(async () => {
          await async_with(lock, async () => log.push("body"));
        })(),
      );
      await sleep(0);
      waiter.cancel();
      try {
        await waiter;
      } catch (e) {
        log.push((e as Error).name);
      }
      log.push(`locked ${lock.locked()}`);
      lock.release();
      await async_with(lock, async (value) => log.push(`again ${value} ${lock.locked()}`));
      log.push(`locked ${lock.locked()}`);
    })(),
    V,
  );
  assertEquals(log, ["CancelledError", "locked true", "again null true", "locked false"]);
});
