import {
  BrokenWorkerError,
  coroutine,
  gather,
  get_running_loop,
  run,
  RuntimeError,
  set_logger,
  ValueError,
  WorkerPoolExecutor,
} from "../mod.ts";
import {
  assertEquals,
  assertMatch,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "./_assert.ts";

Deno.test("WorkerPoolExecutor: runs functions in workers, async ones too", async () => {
  const pool = new WorkerPoolExecutor(2);
  try {
    const add = (a: number, b: number) => a + b;
    const later = async (value: string) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return value.toUpperCase();
    };
    const shorthand = {
      twice(n: number) {
        return 2 * n;
      },
    };
    assertEquals(
      await Promise.all([
        pool.submit(add, 2, 3).promise,
        pool.submit(later, "late").promise,
        pool.submit(shorthand.twice, 21).promise,
        pool.submit(function named(items: number[]) {
          return items.reduce((sum, item) => sum + item, 0);
        }, [1, 2, 3]).promise,
      ]),
      [5, "LATE", 42, 6],
    );
  } finally {
    await pool.shutdown();
  }
});

Deno.test("WorkerPoolExecutor: errors keep their class; uncloneable values fail the call", async () => {
  const pool = new WorkerPoolExecutor(1);
  try {
    await assertRejects(
      pool.submit((x: number) => {
        throw new TypeError(`bad ${x}`);
      }, 1).promise,
      (e: unknown) => e instanceof TypeError && e.message === "bad 1",
    );
    // A free variable does not cross to the worker.
    const outside = 1;
    await assertRejects(pool.submit(() => outside).promise, ReferenceError);
    await assertRejects(pool.submit((f: unknown) => f, () => 1).promise, DOMException);
    const uncloneable = (what: string) => (e: unknown) =>
      e instanceof TypeError &&
      e.message.endsWith(`a value its worker cannot send back: ${what} could not be cloned.`) &&
      e.cause instanceof DOMException && e.cause.name === "DataCloneError";
    const make = function make() {
      return () => 1;
    };
    // The message quotes the function's source as the transpiler printed it (`()=>1` in Deno).
    await assertRejects(
      pool.submit(make).promise,
      (e: unknown) =>
        uncloneable(String(make()))(e) && (e as Error).message.startsWith("job 4 (make) returned"),
    );
    await assertRejects(pool.submit(() => Symbol("s")).promise, uncloneable("Symbol(s)"));
    await assertRejects(
      pool.submit(() => {
        throw Symbol("thrown");
      }).promise,
      (e: unknown) => uncloneable("Symbol(thrown)")(e) && (e as Error).message.includes(" threw "),
    );
    assertStrictEquals(await pool.submit(() => "still working").promise, "still working");
  } finally {
    await pool.shutdown();
  }
});

Deno.test("WorkerPoolExecutor: at most max_workers calls at once, the rest queued", async () => {
  const pool = new WorkerPoolExecutor(2);
  try {
    const whoami = async () => {
      const g = globalThis as { worker_id?: string };
      g.worker_id ??= crypto.randomUUID();
      await new Promise((resolve) => setTimeout(resolve, 10));
      return g.worker_id;
    };
    const jobs = Array.from({ length: 6 }, () => pool.submit(whoami));
    assertOk(String(pool).startsWith("<WorkerPoolExecutor workers=2/2 queued=4"), String(pool));
    const ids = new Set(await Promise.all(jobs.map((job) => job.promise)));
    assertStrictEquals(ids.size, 2);
  } finally {
    await pool.shutdown();
  }
});

Deno.test("WorkerPoolExecutor: a queued call can be cancelled, a running one not", async () => {
  const pool = new WorkerPoolExecutor(1);
  try {
    const slow = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return "slow";
    };
    const running = pool.submit(slow);
    const queued = pool.submit(() => "never");
    assertStrictEquals(queued.cancel(), true);
    assertStrictEquals(queued.cancel(), false);
    await assertRejects(queued.promise);
    assertStrictEquals(running.cancel(), false);
    assertStrictEquals(await running.promise, "slow");
  } finally {
    await pool.shutdown();
  }
});

Deno.test("WorkerPoolExecutor: shutdown waits for the calls, or stops them at once", async () => {
  const pool = new WorkerPoolExecutor(1);
  const slow = async (value: number) => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return value;
  };
  const first = pool.submit(slow, 1);
  const second = pool.submit(slow, 2);
  await pool.shutdown(true); // queued calls still run
  assertEquals(await Promise.all([first.promise, second.promise]), [1, 2]);
  assertThrows(
    () => pool.submit(slow, 3),
    (e: unknown) =>
      e instanceof RuntimeError && e.message === "cannot schedule new futures after shutdown",
  );

  const abrupt = new WorkerPoolExecutor(1);
  const lost = abrupt.submit(slow, 4);
  const dropped = abrupt.submit(slow, 5);
  await new Promise((resolve) => setTimeout(resolve, 5)); // the first has started
  await abrupt.shutdown(false);
  await assertRejects(lost.promise, RuntimeError);
  await assertRejects(dropped.promise);

  const cancelling = new WorkerPoolExecutor(1);
  const kept = cancelling.submit(slow, 6);
  const cancelled = cancelling.submit(slow, 7);
  await cancelling.shutdown(true, { cancel_futures: true });
  assertStrictEquals(await kept.promise, 6);
  await assertRejects(cancelled.promise);
});

Deno.test("WorkerPoolExecutor: bad arguments are clear errors", async () => {
  assertThrows(
    () => new WorkerPoolExecutor(0),
    (e: unknown) =>
      e instanceof ValueError && e.message === "max_workers must be greater than 0, got 0",
  );
  assertThrows(() => new WorkerPoolExecutor(1.5), ValueError);
  const pool = new WorkerPoolExecutor(1);
  assertThrows(
    () => pool.submit(Math.max),
    (e: unknown) => e instanceof TypeError && e.message.includes("written in JavaScript"),
  );
  assertThrows(
    () => pool.submit("code" as unknown as () => void),
    (e: unknown) =>
      e instanceof TypeError && e.message === "submit(): func must be a function, got 'code'",
  );
  assertThrows(
    () => pool.submit(null as unknown as () => void),
    (e: unknown) =>
      e instanceof TypeError && e.message === "submit(): func must be a function, got null",
  );
  await pool.shutdown();
});

/** Runs `body` with the library's logger collecting error reports; gives them. */
async function logged_errors(body: () => Promise<void>): Promise<[string, unknown][]> {
  const errors: [string, unknown][] = [];
  const previous = set_logger({
    error: (message, error) => errors.push([message, error]),
    warning: () => {},
    debug: () => {},
  });
  try {
    await body();
  } finally {
    set_logger(previous);
  }
  return errors;
}

Deno.test("WorkerPoolExecutor: an error a call leaves behind answers for no other call", async () => {
  const errors = await logged_errors(async () => {
    const pool = new WorkerPoolExecutor(1);
    try {
      const leave_errors = () => {
        setTimeout(() => {
          (globalThis as { left?: boolean }).left = true;
          Promise.reject(new RangeError("rejected later"));
          throw new RangeError("thrown later");
        });
        return "first";
      };
      // Runs on the same worker, and only returns once those errors are out.
      const next = async () => {
        while (!(globalThis as { left?: boolean }).left) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        return "next";
      };
      assertEquals(
        await Promise.all([pool.submit(leave_errors).promise, pool.submit(next).promise]),
        ["first", "next"],
      );
      assertStrictEquals(await pool.submit(() => "and the next").promise, "and the next");
    } finally {
      await pool.shutdown();
    }
  });
  assertEquals(
    errors.map(([message, error]) => [message.split(" of ")[0], (error as Error).message]).sort(),
    [["Exception in worker 1", "rejected later"], ["Exception in worker 1", "thrown later"]],
  );
  assertMatch(errors[0][0], /^Exception in worker 1 of <WorkerPoolExecutor .*>, outside any/);
});

Deno.test("WorkerPoolExecutor: a worker that dies fails its call; a new worker runs the next", async () => {
  const errors = await logged_errors(async () => {
    const pool = new WorkerPoolExecutor(1);
    try {
      const mark = () => {
        const g = globalThis as { marked?: boolean };
        const seen = g.marked ?? false;
        g.marked = true;
        return seen;
      };
      const died = (job: string, how: string) => (e: unknown) =>
        e instanceof BrokenWorkerError && e instanceof RuntimeError &&
        e.message === `the worker running ${job} died: ${how}`;

      assertStrictEquals(await pool.submit(mark).promise, false);
      await assertRejects(
        pool.submit(function quit() {
          self.close();
        }).promise,
        died("job 2 (quit)", "it called close()"),
      );
      assertStrictEquals(await pool.submit(mark).promise, false); // a new worker

      await assertRejects(
        pool.submit(async function exit() {
          await Promise.resolve();
          Deno.exit(3);
        }).promise,
        died("job 4 (exit)", "it called Deno.exit()"),
      );
      // An error that escapes the worker's own handlers (this call breaks them) ends the worker.
      await assertRejects(
        pool.submit(async () => {
          Event.prototype.preventDefault = () => {};
          setTimeout(() => {
            throw new RangeError("escaped");
          });
          await new Promise(() => {});
        }).promise,
        (e: unknown) =>
          died("job 5", "an uncaught error ended it")(e) &&
          /RangeError: escaped/.test(String((e as Error).cause)),
      );
      assertStrictEquals(await pool.submit(mark).promise, false);
      assertOk(String(pool).startsWith("<WorkerPoolExecutor workers=1/1 queued=0"), String(pool));
    } finally {
      await pool.shutdown();
    }
  });
  // The worker's handler may report the error before the host ends the worker.
  for (const [, error] of errors) assertStrictEquals((error as Error).message, "escaped");
});

Deno.test("WorkerPoolExecutor: a worker that closes after its call fails no call it had not started", async () => {
  const pool = new WorkerPoolExecutor(1);
  try {
    const close_later = () => {
      setTimeout(() => {
        // Busy while the pool sends the next call, so that call waits in this worker.
        const until = Date.now() + 50;
        while (Date.now() < until);
        self.close();
      });
      return "first";
    };
    assertEquals(
      await Promise.all([pool.submit(close_later).promise, pool.submit(() => "second").promise]),
      ["first", "second"],
    );
  } finally {
    await pool.shutdown();
  }
});

Deno.test("WorkerPoolExecutor: a call that never returns takes only its worker", async () => {
  const pool = new WorkerPoolExecutor(3);
  const spinning = pool.submit(() => {
    for (;;);
  });
  const waiting = pool.submit(() => new Promise(() => {}));
  const answers = await Promise.all(
    Array.from({ length: 5 }, (_, i) => pool.submit((n: number) => n * n, i).promise),
  );
  assertEquals(answers, [0, 1, 4, 9, 16]);
  await pool.shutdown(false);
  await assertRejects(spinning.promise, RuntimeError);
  await assertRejects(waiting.promise, RuntimeError);
});

Deno.test("WorkerPoolExecutor: gather over calls that fail every way settles each with its own", async () => {
  const errors = await logged_errors(() =>
    run(
      coroutine(async () => {
        const loop = get_running_loop();
        const pool = new WorkerPoolExecutor(2);
        const results = await gather(
          loop.run_in_executor(pool, (n: number) => n + 1, 1),
          loop.run_in_executor(pool, () => {
            throw new URIError("thrown");
          }),
          loop.run_in_executor(pool, () => {
            setTimeout(() => {
              throw new Error("late");
            });
            return "late thrower";
          }),
          loop.run_in_executor(pool, () => self.close()),
          loop.run_in_executor(pool, () => () => "uncloneable"),
          loop.run_in_executor(pool, (s: string) => s.repeat(2), "ok"),
          { return_exceptions: true },
        );
        await pool.shutdown();
        assertStrictEquals(results[0], 2);
        assertOk(results[1] instanceof URIError);
        assertStrictEquals(results[2], "late thrower");
        assertOk(results[3] instanceof BrokenWorkerError);
        assertOk(results[4] instanceof TypeError);
        assertStrictEquals(results[5], "okok");
      })(),
    )
  );
  // The late throw is reported if its worker lived long enough to throw it.
  for (const [, error] of errors) assertStrictEquals((error as Error).message, "late");
});
