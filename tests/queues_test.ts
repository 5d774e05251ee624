import {
  CancelledError,
  Coroutine,
  coroutine,
  create_task,
  ensure_future,
  gather,
  LifoQueue,
  new_event_loop,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  run,
  RuntimeError,
  sleep,
  ValueError,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
  raises,
} from "./_assert.ts";

// ---------------------------------------------------------------------------
// Construction and bad input

Deno.test("Queue: maxsize defaults to 0 (unbounded) and is a read-only property", () => {
  const q = new Queue();
  assertStrictEquals(q.maxsize, 0);
  for (let i = 0; i < 1000; i++) q.put_nowait(i);
  assertStrictEquals(q.full(), false);
  assertStrictEquals(q.qsize(), 1000);
  assertStrictEquals(new Queue(3).maxsize, 3);
  assertThrows(() => {
    (q as unknown as { maxsize: number }).maxsize = 5;
  }, TypeError);
});

Deno.test("Queue: bad maxsize is a TypeError or ValueError naming maxsize", () => {
  for (const cls of [Queue, PriorityQueue, LifoQueue]) {
    assertThrows(() => new cls(-1), (e: unknown) => {
      assertOk(e instanceof ValueError && e instanceof RangeError);
      assertOk(e.message.includes("maxsize") && e.message.includes(cls.name), e.message);
      return true;
    });
    assertThrows(() => new cls(1.5), ValueError);
    assertThrows(() => new cls(NaN), ValueError);
    assertThrows(() => new cls(Infinity), ValueError);
    assertThrows(() => new cls("2" as unknown as number), (e: unknown) => {
      assertOk(e instanceof TypeError && e.message.includes("maxsize"), String(e));
      return true;
    });
  }
});

Deno.test("PriorityQueue: bad options are TypeErrors naming the option", () => {
  assertThrows(
    () => new PriorityQueue(0, { key: 1 as unknown as () => number }),
    (e: unknown) => e instanceof TypeError && e.message.includes("options.key"),
  );
  assertThrows(
    () => new PriorityQueue(0, { compare: "x" as unknown as () => number }),
    (e: unknown) => e instanceof TypeError && e.message.includes("options.compare"),
  );
  assertThrows(
    () => new PriorityQueue<number>(0, { key: (n) => n, compare: (a, b) => a - b }),
    (e: unknown) => e instanceof TypeError && e.message.includes("not both"),
  );
  assertThrows(() => new PriorityQueue(0, null as unknown as object), TypeError);
});

Deno.test("Queue: shutdown() rejects a non-boolean immediate", () => {
  const q = new Queue();
  assertThrows(
    () => q.shutdown("yes" as unknown as boolean),
    (e: unknown) => e instanceof TypeError && e.message.includes("immediate"),
  );
  assertStrictEquals(String(q).includes("shutdown"), false);
});

// ---------------------------------------------------------------------------
// Non-blocking operations and errors

Deno.test("Queue: get_nowait on empty is QueueEmpty, put_nowait on full is QueueFull", () => {
  const q = new Queue<number>(1);
  assertThrows(() => q.get_nowait(), QueueEmpty);
  q.put_nowait(1);
  assertStrictEquals(q.full(), true);
  assertThrows(() => q.put_nowait(2), QueueFull);
  assertStrictEquals(q.qsize(), 1);
  assertStrictEquals(q.get_nowait(), 1);
  assertStrictEquals(q.empty(), true);
});

Deno.test("Queue: task_done() more often than items put is ValueError", () => {
  const q = new Queue<string>();
  assertThrows(() => q.task_done(), (e: unknown) => {
    assertOk(e instanceof ValueError);
    assertStrictEquals(e.message, "task_done() called too many times");
    return true;
  });
  q.put_nowait("a");
  q.get_nowait();
  q.task_done();
  assertThrows(() => q.task_done(), ValueError);
});

Deno.test("Queue: toString shows maxsize, items, waiters, tasks and shutdown", async () => {
  const q = new Queue<number>(2);
  assertStrictEquals(String(q), "<Queue maxsize=2>");
  q.put_nowait(1);
  q.put_nowait(2);
  assertStrictEquals(String(q), "<Queue maxsize=2 _queue=[1, 2] tasks=2>");
  await asyncio_test(async () => {
    const putter = create_task(q.put(3));
    await sleep(0);
    assertStrictEquals(String(q), "<Queue maxsize=2 _queue=[1, 2] _putters[1] tasks=2>");
    q.shutdown();
    await raises(putter, QueueShutDown);
  })();
  assertStrictEquals(String(q), "<Queue maxsize=2 _queue=[1, 2] tasks=2 shutdown>");
  assertStrictEquals(String(new LifoQueue()), "<LifoQueue maxsize=0>");
  const pq = new PriorityQueue<number>();
  pq.put_nowait(2);
  pq.put_nowait(1);
  assertStrictEquals(String(pq), "<PriorityQueue maxsize=0 _queue=[1, 2] tasks=2>");
});

// ---------------------------------------------------------------------------
// Coroutines: lazy, usable from both coroutine styles

Deno.test("Queue: put() and get() return lazy Coroutines", async () => {
  const q = new Queue<number>();
  const put = q.put(1);
  assertOk(put instanceof Coroutine);
  assertStrictEquals(q.qsize(), 0);
  const get = q.get();
  assertOk(get instanceof Coroutine);
  assertStrictEquals(put.__name__, "Queue.put");
  assertStrictEquals(get.__name__, "Queue.get");
  await asyncio_test(async () => {
    assertStrictEquals(q.qsize(), 0);
    await put;
    assertStrictEquals(q.qsize(), 1);
    assertStrictEquals(await get, 1);
    // a coroutine starts once
    await assertRejects(async () => await put, RuntimeError);
  })();
});

Deno.test(
  "Queue: the seed rule — ensure_future(q.put(n)) three times, then get()",
  asyncio_test(async () => {
    const q = new Queue<number>();
    for (const n of [1, 2, 3]) ensure_future(q.put(n));
    assertStrictEquals(q.qsize(), 0);
    assertEquals([await q.get(), await q.get(), await q.get()], [1, 2, 3]);
  }),
);

Deno.test("Queue: works from generator coroutines with yield*", async () => {
  const out = await run(
    coroutine(function* () {
      const q = new Queue<string>(1);
      const producer = create_task(
        coroutine(function* () {
          for (const s of ["a", "b", "c"]) yield* q.put(s);
          q.shutdown();
        })(),
      );
      const got: string[] = [];
      for (;;) {
        try {
          const item: string = yield* q.get();
          got.push(item);
          q.task_done();
        } catch (e) {
          if (e instanceof QueueShutDown) break;
          throw e;
        }
      }
      yield* q.join();
      yield* producer;
      return got;
    })(),
    { clock: "virtual" },
  );
  assertEquals(out, ["a", "b", "c"]);
});

Deno.test("Queue: put/get without a running loop reject with RuntimeError when they must wait", async () => {
  const q = new Queue<number>(1);
  await assertRejects(async () => await q.get(), RuntimeError);
  const loop = new_event_loop();
  try {
    // an unbounded put never waits, so it needs no loop when run on one
    assertStrictEquals(await loop.run_until_complete(q.put(1)), undefined);
  } finally {
    loop.close();
  }
});

Deno.test("Queue: waiting on a second loop is RuntimeError (bound to the first)", async () => {
  const q = new Queue<number>();
  await asyncio_test(async () => {
    const t = create_task(q.get());
    await sleep(0);
    q.put_nowait(1);
    assertStrictEquals(await t, 1);
  })();
  await asyncio_test(async () => {
    await assertRejects(async () => await q.get(), (e: unknown) => {
      assertOk(e instanceof RuntimeError && e.message.includes("different event loop"), String(e));
      return true;
    });
  })();
});

// ---------------------------------------------------------------------------
// Fairness and cancellation

Deno.test(
  "Queue: blocked getters are served FIFO",
  asyncio_test(async () => {
    const q = new Queue<number>();
    const got: string[] = [];
    const getter = coroutine(async (name: string) => {
      got.push(`${name}:${await q.get()}`);
    });
    const tasks = ["a", "b", "c"].map((n) => create_task(getter(n)));
    await sleep(0);
    for (const i of [1, 2, 3]) q.put_nowait(i);
    await gather(...tasks);
    assertEquals(got, ["a:1", "b:2", "c:3"]);
  }),
);

Deno.test(
  "Queue: a getter cancelled after being woken leaves the item to the next",
  asyncio_test(async () => {
    const q = new Queue<string>();
    const t1 = create_task(q.get());
    const t2 = create_task(q.get());
    await sleep(0);
    q.put_nowait("x");
    t1.cancel();
    await raises(t1, CancelledError);
    assertStrictEquals(await t2, "x");
    assertStrictEquals(q._getters.length, 0);
  }),
);

Deno.test(
  "Queue: a putter cancelled while waiting puts nothing",
  asyncio_test(async () => {
    const q = new Queue<number>(1);
    q.put_nowait(1);
    const t = create_task(q.put(2));
    await sleep(0);
    t.cancel();
    await raises(t, CancelledError);
    assertStrictEquals(q.qsize(), 1);
    assertStrictEquals(q._putters.length, 0);
    assertStrictEquals(q.get_nowait(), 1);
    assertThrows(() => q.get_nowait(), QueueEmpty);
  }),
);

Deno.test(
  "Queue: join() waits for task_done() of every item",
  asyncio_test(async () => {
    const q = new Queue<number>();
    const log: string[] = [];
    q.put_nowait(1);
    q.put_nowait(2);
    const joiner = create_task(
      coroutine(async () => {
        await q.join();
        log.push("joined");
      })(),
    );
    await sleep(0);
    q.get_nowait();
    q.task_done();
    await sleep(0);
    log.push("one done");
    q.get_nowait();
    q.task_done();
    await joiner;
    assertEquals(log, ["one done", "joined"]);
  }),
);

// ---------------------------------------------------------------------------
// shutdown (Python 3.13)

Deno.test(
  "Queue: shutdown wakes waiting getters and putters with QueueShutDown",
  asyncio_test(async () => {
    const empty = new Queue<number>();
    const full = new Queue<number>(1);
    full.put_nowait(0);
    const getter = create_task(empty.get());
    const putter = create_task(full.put(1));
    await sleep(0);
    empty.shutdown();
    full.shutdown();
    await raises(getter, QueueShutDown);
    await raises(putter, QueueShutDown);
    assertThrows(() => full.put_nowait(5), QueueShutDown);
    assertStrictEquals(full.get_nowait(), 0); // queued items can still be taken
    assertThrows(() => full.get_nowait(), QueueShutDown);
    await assertRejects(async () => await full.get(), QueueShutDown);
    await assertRejects(async () => await full.put(1), QueueShutDown);
  }),
);

Deno.test("Queue: shutdown(true) and shutdown({ immediate: true }) drop items and release join", async () => {
  const kinds = [Queue, LifoQueue, PriorityQueue];
  for (const [i, arg] of [true, { immediate: true }, true].entries()) {
    await asyncio_test(async () => {
      const q = new kinds[i]<number>();
      q.put_nowait(1);
      q.put_nowait(2);
      const joiner = create_task(q.join());
      await sleep(0);
      assertStrictEquals(joiner.done(), false);
      q.shutdown(arg);
      assertStrictEquals(q.qsize(), 0);
      await joiner;
      assertThrows(() => q.task_done(), ValueError);
      assertThrows(() => q.get_nowait(), QueueShutDown);
    })();
  }
});

// ---------------------------------------------------------------------------
// LifoQueue and PriorityQueue

Deno.test("LifoQueue: last in, first out", () => {
  const q = new LifoQueue<number>();
  for (const n of [1, 2, 3]) q.put_nowait(n);
  assertEquals([q.get_nowait(), q.get_nowait(), q.get_nowait()], [3, 2, 1]);
  assertOk(q instanceof Queue);
});

function drain<T>(q: Queue<T>): T[] {
  const out: T[] = [];
  while (!q.empty()) out.push(q.get_nowait());
  return out;
}

Deno.test("PriorityQueue: default order for numbers, bigints, booleans, strings, Dates, arrays", () => {
  const nums = new PriorityQueue<number | bigint | boolean>();
  for (const n of [3, 10n, -1, true, 2.5, 0n]) nums.put_nowait(n);
  assertEquals(drain(nums), [-1, 0n, true, 2.5, 3, 10n]);

  const strs = new PriorityQueue<string>();
  // code point order: the astral "😀" (U+1F600) sorts after U+FFFD, unlike UTF-16 order
  for (const s of ["b", "😀", "\uFFFD", "a", "", "ab"]) strs.put_nowait(s);
  assertEquals(drain(strs), ["", "a", "ab", "b", "\uFFFD", "😀"]);

  const dates = new PriorityQueue<Date>();
  for (const d of [new Date(3), new Date(1), new Date(2)]) dates.put_nowait(d);
  assertEquals(drain(dates).map((d) => d.getTime()), [1, 2, 3]);

  const tuples = new PriorityQueue<unknown[]>();
  for (const t of [[2, "a"], [1, [2, 1]], [1, [1, 9]], [1], [1, [1, 9], 0]]) tuples.put_nowait(t);
  assertEquals(drain(tuples), [[1], [1, [1, 9]], [1, [1, 9], 0], [1, [2, 1]], [2, "a"]]);
});

Deno.test("PriorityQueue: items Python cannot order raise TypeError and leave the queue intact", () => {
  const q = new PriorityQueue<unknown>();
  q.put_nowait(1);
  assertThrows(
    () => q.put_nowait("a"),
    (e: unknown) => e instanceof TypeError && e.message.includes("'<' not supported"),
  );
  assertStrictEquals(q.qsize(), 1);
  assertStrictEquals(q._unfinished_tasks, 1);
  const objs = new PriorityQueue<[number, object]>();
  const shared = {};
  objs.put_nowait([1, shared]);
  objs.put_nowait([1, shared]); // identical items compare equal, as in a Python tuple
  objs.put_nowait([0, {}]);
  assertThrows(() => objs.put_nowait([1, {}]), TypeError);
  assertStrictEquals(objs.qsize(), 3);
  assertStrictEquals(objs.get_nowait()[0], 0);
  assertStrictEquals(objs.qsize(), 2);
});

Deno.test("PriorityQueue: a compare that throws on get leaves the item in the queue", () => {
  let armed = false;
  const q = new PriorityQueue<number>(0, {
    compare: (a, b) => {
      if (armed) throw new Error("compare failed");
      return a - b;
    },
  });
  for (const n of [5, 3, 8, 1]) q.put_nowait(n);
  armed = true;
  assertThrows(() => q.get_nowait(), Error);
  assertStrictEquals(q.qsize(), 4);
  armed = false;
  assertEquals(drain(q), [1, 3, 5, 8]);
});

Deno.test("PriorityQueue: key and compare options", () => {
  const byKey = new PriorityQueue<{ name: string; due: number }>(0, { key: (job) => job.due });
  for (const [name, due] of [["c", 3], ["a", 1], ["b", 2]] as const) {
    byKey.put_nowait({ name, due });
  }
  assertEquals(drain(byKey).map((j) => j.name), ["a", "b", "c"]);

  const reversed = new PriorityQueue<number>(0, { compare: (a, b) => b - a });
  for (const n of [1, 3, 2]) reversed.put_nowait(n);
  assertEquals(drain(reversed), [3, 2, 1]);
});

Deno.test("PriorityQueue: matches heapq on many random pushes and pops", () => {
  // A reference: a sorted insertion list gives the order; the heap must agree.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const q = new PriorityQueue<number>();
  const reference: number[] = [];
  for (let i = 0; i < 2000; i++) {
    if (random() < 0.6 || reference.length === 0) {
      const n = Math.floor(random() * 100);
      q.put_nowait(n);
      reference.push(n);
      reference.sort((a, b) => a - b);
    } else {
      assertStrictEquals(q.get_nowait(), reference.shift());
    }
  }
  assertEquals(drain(q), reference);
});

Deno.test(
  "PriorityQueue: a bounded one blocks putters like Queue",
  asyncio_test(async () => {
    const q = new PriorityQueue<number>(2);
    q.put_nowait(5);
    q.put_nowait(4);
    const putter = create_task(q.put(1));
    await sleep(0);
    assertStrictEquals(putter.done(), false);
    assertStrictEquals(await q.get(), 4);
    await putter;
    assertEquals(drain(q), [1, 5]);
  }),
);
