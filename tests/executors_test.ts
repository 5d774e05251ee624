import { RuntimeError, ValueError, WorkerPoolExecutor } from "../mod.ts";
import {
  assertEquals,
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
    await assertRejects(pool.submit(() => () => 1).promise, DOMException);
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
  await pool.shutdown();
});
