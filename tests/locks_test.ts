// deno-lint-ignore-file require-await
import {
  async_with,
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  CancelledError,
  Condition,
  Coroutine,
  coroutine,
  create_task,
  Event,
  gather,
  get_running_loop,
  Lock,
  run,
  RuntimeError,
  Semaphore,
  sleep,
  type Task,
  ValueError,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows, raises } from "./_assert.ts";

type LockLike = Lock | Semaphore | BoundedSemaphore | Condition;
const lock_likes: [string, () => LockLike][] = [
  ["Lock", () => new Lock()],
  ["Semaphore", () => new Semaphore()],
  ["BoundedSemaphore", () => new BoundedSemaphore()],
  ["Condition", () => new Condition()],
];

// ---------------------------------------------------------------------------
// Bad input

Deno.test("Lock: releasing an unlocked lock is RuntimeError", () => {
  const lock = new Lock();
  assertThrows(() => lock.release(), (e: unknown) => {
    assertOk(e instanceof RuntimeError);
    assertStrictEquals(e.message, "Lock is not acquired.");
    return true;
  });
});

Deno.test("Semaphore: bad initial values name the argument", () => {
  for (const cls of [Semaphore, BoundedSemaphore]) {
    assertThrows(() => new cls(-1), (e: unknown) => {
      assertOk(e instanceof ValueError && e instanceof RangeError);
      assertOk(e.message.includes("Semaphore initial value must be >= 0"), e.message);
      return true;
    });
    assertThrows(
      () => new cls(1.5),
      (e: unknown) => e instanceof ValueError && e.message.includes("value"),
    );
    assertThrows(
      () => new cls("2" as unknown as number),
      (e: unknown) => e instanceof TypeError && e.message.includes("value"),
    );
  }
  assertStrictEquals(new Semaphore(0).locked(), true);
  assertStrictEquals(new Semaphore()._value, 1);
});

Deno.test("BoundedSemaphore: release above the initial value is ValueError", async () => {
  const sem = new BoundedSemaphore(2);
  assertThrows(() => sem.release(), (e: unknown) => {
    assertOk(e instanceof ValueError);
    assertStrictEquals(e.message, "BoundedSemaphore released too many times");
    return true;
  });
  await asyncio_test(async () => {
    await sem.acquire();
    sem.release();
    assertThrows(() => sem.release(), ValueError);
    assertStrictEquals(sem._value, 2);
  })();
});

Deno.test("Barrier: parties must be an integer >= 1", () => {
  for (const bad of [0, -4]) {
    assertThrows(() => new Barrier(bad), (e: unknown) => {
      assertOk(e instanceof ValueError);
      assertOk(e.message.includes("parties must be > 0"), e.message);
      return true;
    });
  }
  assertThrows(() => new Barrier(2.5), ValueError);
  assertThrows(
    () => new Barrier("3" as unknown as number),
    (e: unknown) => e instanceof TypeError && e.message.includes("parties"),
  );
  assertThrows(() => new Barrier(undefined as unknown as number), TypeError);
});

Deno.test("Condition: a non-Lock lock and a non-callable predicate are TypeErrors", () => {
  assertThrows(
    () => new Condition({} as unknown as Lock),
    (e: unknown) => e instanceof TypeError && e.message.includes("lock must be a Lock"),
  );
  const cond = new Condition();
  assertThrows(
    () => cond.wait_for(5 as unknown as () => boolean),
    (e: unknown) => e instanceof TypeError && e.message.includes("predicate"),
  );
  assertThrows(
    () => cond.notify("1" as unknown as number),
    (e: unknown) => e instanceof TypeError && e.message.includes("n must be"),
  );
});

Deno.test("Condition: notify, notify_all and wait without the lock are RuntimeErrors", async () => {
  const cond = new Condition();
  assertThrows(
    () => cond.notify(),
    (e: unknown) => e instanceof RuntimeError && e.message === "cannot notify on un-acquired lock",
  );
  assertThrows(() => cond.notify_all(), RuntimeError);
  await asyncio_test(async () => {
    const e = await raises(cond.wait(), RuntimeError);
    assertStrictEquals(e.message, "cannot wait on un-acquired lock");
    await raises(cond.wait_for(() => false), RuntimeError);
    // a predicate that is true at once needs no lock
    assertEquals(await cond.wait_for(() => [1]), [1]);
  })();
});

// ---------------------------------------------------------------------------
// Coroutines and loop binding

Deno.test("locks: waiting methods return lazy Coroutines", async () => {
  const lock = new Lock();
  const acquire = lock.acquire();
  assertOk(acquire instanceof Coroutine);
  assertStrictEquals(acquire.__name__, "Lock.acquire");
  assertStrictEquals(lock.locked(), false); // nothing ran
  const event = new Event();
  assertStrictEquals(event.wait().__name__, "Event.wait");
  const barrier = new Barrier(1);
  assertOk(barrier.abort() instanceof Coroutine);
  assertStrictEquals(barrier.broken, false);
  await asyncio_test(async () => {
    assertStrictEquals(await acquire, true);
    assertStrictEquals(lock.locked(), true);
  })();
});

Deno.test("Lock: waiting on a second loop is RuntimeError (bound to the first)", async () => {
  const lock = new Lock();
  await asyncio_test(async () => {
    await lock.acquire();
    const t = create_task(lock.acquire());
    await sleep(0);
    lock.release();
    await t;
  })();
  await asyncio_test(async () => {
    const e = await raises(lock.acquire(), RuntimeError);
    assertOk(e.message.includes("different event loop"), e.message);
  })();
});

Deno.test("Condition: a cond bound to another loop re-acquires its lock before raising", async () => {
  const cond = new Condition();
  await asyncio_test(async () => {
    const t = create_task(
      coroutine(async () => {
        await async_with(cond, async () => {
          await cond.wait();
        });
      })(),
    );
    await sleep(0);
    await async_with(cond, async () => {
      cond.notify();
    });
    await t;
  })();
  await asyncio_test(async () => {
    await cond.acquire();
    const e = await raises(cond.wait(), RuntimeError);
    assertOk(e.message.includes("different event loop"), e.message);
    assertStrictEquals(cond.locked(), true);
  })();
});

// ---------------------------------------------------------------------------
// async_with, __aenter__/__aexit__, acquire_context (using / await using)

for (const [name, make] of lock_likes) {
  Deno.test(
    `${name}: async_with releases on normal exit and on error, async body`,
    asyncio_test(async () => {
      const prim = make();
      const result = await async_with(prim, async (value) => {
        assertStrictEquals(value, null);
        assertStrictEquals(prim.locked(), true);
        await sleep(1);
        return "body result";
      });
      assertStrictEquals(result, "body result");
      assertStrictEquals(prim.locked(), false);
      await raises(
        async_with(prim, async () => {
          await sleep(0);
          throw new TypeError("boom");
        }),
        TypeError,
      );
      assertStrictEquals(prim.locked(), false);
    }),
  );

  Deno.test(`${name}: async_with releases on normal exit and on error, generator body`, async () => {
    await run(
      coroutine(function* () {
        const prim = make();
        const result: string | undefined = yield* async_with(prim, function* (value) {
          assertStrictEquals(value, null);
          assertStrictEquals(prim.locked(), true);
          yield* sleep(1);
          return "body result";
        });
        assertStrictEquals(result, "body result");
        assertStrictEquals(prim.locked(), false);
        try {
          yield* async_with(prim, function* () {
            yield* sleep(0);
            throw new TypeError("boom");
          });
          throw new Error("not raised");
        } catch (e) {
          assertOk(e instanceof TypeError);
        }
        assertStrictEquals(prim.locked(), false);
      })(),
      { clock: "virtual" },
    );
  });

  Deno.test(
    `${name}: async_with releases when the task is cancelled in the body`,
    asyncio_test(async () => {
      const prim = make();
      const entered: string[] = [];
      const holder = coroutine(async (tag: string) => {
        await async_with(prim, async () => {
          entered.push(tag);
          await sleep(10);
        });
      });
      const gen_holder = coroutine(function* (tag: string) {
        yield* async_with(prim, function* () {
          entered.push(tag);
          yield* sleep(10);
        });
      });
      const a = create_task(holder("a"));
      const b = create_task(gen_holder("b"));
      const c = create_task(holder("c"));
      await sleep(1);
      a.cancel();
      await raises(a, CancelledError);
      await sleep(1);
      b.cancel();
      await raises(b, CancelledError);
      await c;
      assertEquals(entered, ["a", "b", "c"]);
      assertStrictEquals(prim.locked(), false);
    }),
  );

  Deno.test(
    `${name}: __aenter__ acquires, __aexit__ releases and does not swallow`,
    asyncio_test(async () => {
      const prim = make();
      const entering = prim.__aenter__();
      assertOk(entering instanceof Coroutine);
      assertStrictEquals(await entering, null);
      assertStrictEquals(prim.locked(), true);
      assertStrictEquals(await prim.__aexit__(new Error("x")), false);
      assertStrictEquals(prim.locked(), false);
    }),
  );

  Deno.test(`${name}: acquire_context works with using and await using`, async () => {
    await asyncio_test(async () => {
      const prim = make();
      {
        using _held = await prim.acquire_context();
        assertStrictEquals(prim.locked(), true);
      }
      assertStrictEquals(prim.locked(), false);
      {
        await using _held = await prim.acquire_context();
        assertStrictEquals(prim.locked(), true);
      }
      assertStrictEquals(prim.locked(), false);
      try {
        using _held = await prim.acquire_context();
        throw new SyntaxError("inside");
      } catch (e) {
        assertOk(e instanceof SyntaxError);
      }
      assertStrictEquals(prim.locked(), false);
      // a guard releases once, however often it is disposed of
      const guard = await prim.acquire_context();
      guard.release();
      guard[Symbol.dispose]();
      await guard[Symbol.asyncDispose]();
      assertStrictEquals(prim.locked(), false);
    })();
    await run(
      coroutine(function* () {
        const prim = make();
        {
          using _held = yield* prim.acquire_context();
          assertStrictEquals(prim.locked(), true);
          yield* sleep(1);
        }
        assertStrictEquals(prim.locked(), false);
      })(),
      { clock: "virtual" },
    );
  });
}

// ---------------------------------------------------------------------------
// Lock

Deno.test(
  "Lock: FIFO hand-over and toString",
  asyncio_test(async () => {
    const lock = new Lock();
    assertStrictEquals(String(lock), "<Lock [unlocked]>");
    await lock.acquire();
    const order: number[] = [];
    const tasks = [1, 2, 3].map((n) =>
      create_task(
        coroutine(async () => {
          await lock.acquire();
          order.push(n);
          await sleep(1);
          lock.release();
        })(),
      )
    );
    await sleep(0);
    assertStrictEquals(String(lock), "<Lock [locked, waiters:3]>");
    lock.release();
    await gather(...tasks);
    assertEquals(order, [1, 2, 3]);
    assertStrictEquals(String(lock), "<Lock [unlocked]>");
  }),
);

/**
 * Random cancellations against a primitive with `slots` slots: never more
 * holders than slots, every task not cancelled gets in exactly once, and
 * the primitive ends up free with no waiter left.
 */
async function stress(make: () => Lock | Semaphore, slots: number, seed: number): Promise<void> {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  // Plain run(): debug mode's creation stacks would make these thousands of steps slow.
  await run(
    coroutine(async () => {
      const prim = make();
      let holders = 0;
      let max_holders = 0;
      const entered = new Map<number, number>();
      const worker = coroutine(async (id: number) => {
        await prim.acquire();
        try {
          holders++;
          max_holders = Math.max(max_holders, holders);
          entered.set(id, (entered.get(id) ?? 0) + 1);
          await sleep(random() < 0.5 ? 0 : random());
        } finally {
          holders--;
          prim.release();
        }
      });
      const tasks: Task<void>[] = [];
      for (let id = 0; id < 60; id++) tasks.push(create_task(worker(id)));
      const loop = get_running_loop();
      for (let round = 0; round < 40; round++) {
        await sleep(random() < 0.3 ? 0 : random() * 0.5);
        const victim = tasks[Math.floor(random() * tasks.length)];
        if (random() < 0.5) victim.cancel();
        else loop.call_soon(() => victim.cancel()); // races with a release
      }
      const outcomes = await gather(...tasks, { return_exceptions: true });
      assertOk(max_holders <= slots, `${max_holders} holders at once`);
      outcomes.forEach((outcome, id) => {
        const times = entered.get(id) ?? 0;
        assertOk(times <= 1, `task ${id} entered ${times} times`);
        if (outcome === undefined) {
          assertStrictEquals(times, 1, `task ${id} finished without entering`);
        } else assertOk(outcome instanceof CancelledError, String(outcome));
      });
      assertStrictEquals(prim.locked(), false);
      assertStrictEquals(prim._waiters?.length ?? 0, 0);
      if (prim instanceof Semaphore) assertStrictEquals(prim._value, slots);
    })(),
    { clock: "virtual" },
  );
}

Deno.test("Lock: random cancellations never skip a waiter or admit two", async () => {
  for (const seed of [1, 2, 3, 4, 5]) await stress(() => new Lock(), 1, seed);
});

Deno.test("Semaphore: random cancellations never skip a waiter or over-admit", async () => {
  for (const seed of [6, 7, 8]) await stress(() => new Semaphore(3), 3, seed);
  for (const seed of [9, 10]) await stress(() => new BoundedSemaphore(2), 2, seed);
});

// ---------------------------------------------------------------------------
// Event

Deno.test(
  "Event: set wakes all waiters, clear lowers the flag, toString",
  asyncio_test(async () => {
    const event = new Event();
    assertStrictEquals(event.is_set(), false);
    const woke: number[] = [];
    const tasks = [1, 2, 3].map((n) =>
      create_task(
        coroutine(async () => {
          assertStrictEquals(await event.wait(), true);
          woke.push(n);
        })(),
      )
    );
    await sleep(0);
    assertStrictEquals(String(event), "<Event [unset, waiters:3]>");
    tasks[1].cancel();
    event.set();
    event.set(); // no double wake-up
    assertStrictEquals(event.is_set(), true);
    await gather(...tasks, { return_exceptions: true });
    assertEquals(woke, [1, 3]);
    assertStrictEquals(String(event), "<Event [set]>");
    event.clear();
    assertStrictEquals(event.is_set(), false);
    const late = create_task(event.wait());
    await sleep(1);
    assertStrictEquals(late.done(), false);
    event.set();
    assertStrictEquals(await late, true);
    assertStrictEquals(event._waiters.length, 0);
  }),
);

// ---------------------------------------------------------------------------
// Condition

Deno.test(
  "Condition: a waiter cancelled while re-acquiring holds the lock when it sees CancelledError",
  asyncio_test(async () => {
    const cond = new Condition();
    const seen: string[] = [];
    const waiter = create_task(
      coroutine(async () => {
        await cond.acquire();
        try {
          await cond.wait();
        } catch (e) {
          seen.push(`${(e as Error).name} locked=${cond.locked()}`);
          throw e;
        } finally {
          cond.release();
        }
      })(),
    );
    await sleep(0);
    await cond.acquire();
    cond.notify();
    await sleep(0);
    waiter.cancel(); // it is now blocked re-acquiring: the lock is ours
    await sleep(1);
    assertStrictEquals(waiter.done(), false);
    cond.release();
    await raises(waiter, CancelledError);
    assertEquals(seen, ["CancelledError locked=true"]);
    assertStrictEquals(cond.locked(), false);
    assertStrictEquals(cond._waiters.length, 0);
  }),
);

Deno.test(
  "Condition: notify(n) wakes n waiters in order; a cancelled one is not counted",
  asyncio_test(async () => {
    const cond = new Condition();
    const woke: number[] = [];
    const tasks = [1, 2, 3, 4].map((n) =>
      create_task(
        coroutine(async () => {
          await async_with(cond, async () => {
            await cond.wait();
            woke.push(n);
          });
        })(),
      )
    );
    await sleep(0);
    assertStrictEquals(String(cond), "<Condition [unlocked, waiters:4]>");
    tasks[0].cancel();
    await sleep(0);
    await async_with(cond, async () => {
      cond.notify(2);
    });
    await sleep(1);
    assertEquals(woke, [2, 3]);
    await async_with(cond, async () => {
      cond.notify_all();
    });
    await gather(...tasks, { return_exceptions: true });
    assertEquals(woke, [2, 3, 4]);
  }),
);

Deno.test("Condition: generator-style wait_for with a shared lock", async () => {
  const out = await run(
    coroutine(function* () {
      const lock = new Lock();
      const cond = new Condition(lock);
      assertStrictEquals(cond._lock, lock);
      let ready = 0;
      const consumer = create_task(
        coroutine(function* () {
          yield* lock.acquire();
          try {
            const value: number = yield* cond.wait_for(() => ready);
            return value;
          } finally {
            lock.release();
          }
        })(),
      );
      yield* sleep(1);
      for (const value of [0, 0, 42]) {
        yield* async_with(lock, function* () {
          ready = value;
          cond.notify();
        });
        yield* sleep(1);
      }
      return yield* consumer;
    })(),
    { clock: "virtual" },
  );
  assertStrictEquals(out, 42);
});

// ---------------------------------------------------------------------------
// Semaphore

Deno.test(
  "Semaphore: locked() and toString",
  asyncio_test(async () => {
    const sem = new Semaphore(2);
    assertStrictEquals(String(sem), "<Semaphore [unlocked, value:2]>");
    await sem.acquire();
    await sem.acquire();
    assertStrictEquals(sem.locked(), true);
    const t = create_task(sem.acquire());
    await sleep(0);
    assertStrictEquals(String(sem), "<Semaphore [locked, waiters:1]>");
    sem.release();
    await t;
    assertStrictEquals(String(new BoundedSemaphore(3)), "<BoundedSemaphore [unlocked, value:3]>");
  }),
);

// ---------------------------------------------------------------------------
// Barrier

Deno.test(
  "Barrier: indices, properties, toString, async_with in both styles",
  asyncio_test(async () => {
    const barrier = new Barrier(3);
    assertStrictEquals(barrier.parties, 3);
    assertStrictEquals(String(barrier), "<Barrier [filling, waiters:0/3]>");
    const indices: number[] = [];
    const a = create_task(
      coroutine(async () => {
        await async_with(barrier, async (i) => {
          indices.push(i);
        });
      })(),
    );
    const b = create_task(
      coroutine(function* () {
        yield* async_with(barrier, function* (i) {
          indices.push(i);
        });
      })(),
    );
    await sleep(0);
    assertStrictEquals(barrier.n_waiting, 2);
    assertStrictEquals(String(barrier), "<Barrier [filling, waiters:2/3]>");
    indices.push(await barrier.wait());
    await gather(a, b);
    assertEquals([...indices].sort(), [0, 1, 2]);
    assertStrictEquals(barrier.n_waiting, 0);
    assertStrictEquals(barrier.broken, false);
  }),
);

Deno.test(
  "Barrier: abort breaks waiting and later waits; reset repairs",
  asyncio_test(async () => {
    const barrier = new Barrier(3);
    const w = create_task(barrier.wait());
    await sleep(0);
    await barrier.abort();
    assertStrictEquals(barrier.broken, true);
    assertStrictEquals(String(barrier), "<Barrier [broken]>");
    await raises(w, BrokenBarrierError);
    const e = await raises(barrier.wait(), BrokenBarrierError);
    assertOk(e instanceof RuntimeError); // as CPython: a RuntimeError subclass
    await barrier.reset();
    assertStrictEquals(barrier.broken, false);
    const tasks = [0, 1, 2].map(() => create_task(barrier.wait()));
    assertEquals((await gather(...tasks)).sort(), [0, 1, 2]);
  }),
);

Deno.test(
  "Barrier: a waiter cancelled while filling is not counted",
  asyncio_test(async () => {
    const barrier = new Barrier(2);
    const a = create_task(barrier.wait());
    await sleep(0);
    assertStrictEquals(barrier.n_waiting, 1);
    a.cancel();
    await raises(a, CancelledError);
    assertStrictEquals(barrier.n_waiting, 0);
    const [x, y] = await gather(create_task(barrier.wait()), create_task(barrier.wait()));
    assertEquals([x, y].sort(), [0, 1]);
  }),
);
