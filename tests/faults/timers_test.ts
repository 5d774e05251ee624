// Timers at the edges of the host's range, on both clocks: every delay the
// library takes is honoured as CPython would, however far (or never).
import FakeTimers from "@sinonjs/fake-timers";
import {
  async_with,
  coroutine,
  create_task,
  Future,
  get_running_loop,
  new_event_loop,
  run,
  sleep,
  type Task,
  timeout_at,
  TimeoutError,
  wait_for,
} from "../../mod.ts";
import { assertEquals, assertOk, assertStrictEquals } from "../_assert.ts";

const DAY = 86400;
const MAX_HOST_DELAY = (2 ** 31 - 1) / 1000;

const EDGES: [string, number][] = [
  ["0", 0],
  ["-1", -1],
  ["-Infinity", -Infinity],
  ["2^31-1 ms", MAX_HOST_DELAY],
  ["2^31 ms", 2 ** 31 / 1000],
  ["30 days", 30 * DAY],
  ["Number.MAX_VALUE", Number.MAX_VALUE],
  ["Infinity", Infinity],
];

const WAYS = ["call_later", "sleep", "wait_for", "timeout_at"] as const;

/**
 * Starts, on the running loop, one timed wait of `delay` seconds in each
 * way a program can make one; each records the loop time it ended at.
 */
function start_waits(delay: number): { ended: Map<string, number>; tasks: Task<void>[] } {
  const loop = get_running_loop();
  const ended = new Map<string, number>();
  const end = (way: string) => ended.set(way, loop.time());
  loop.call_later(delay, () => end("call_later"));
  const tasks = [
    create_task(
      coroutine(async () => {
        await sleep(delay);
        end("sleep");
      })(),
    ),
    create_task(
      coroutine(async () => {
        try {
          await wait_for(new Future(), delay);
        } catch (error) {
          if (!(error instanceof TimeoutError)) throw error;
          end("wait_for");
        }
      })(),
    ),
    create_task(
      coroutine(async () => {
        try {
          await async_with(timeout_at(loop.time() + delay), () => new Future());
        } catch (error) {
          if (!(error instanceof TimeoutError)) throw error;
          end("timeout_at");
        }
      })(),
    ),
  ];
  return { ended, tasks };
}

for (const [label, delay] of EDGES) {
  Deno.test(`virtual clock: a delay of ${label} ends at its time, or never`, async () => {
    const times = await run(
      coroutine(async () => {
        const loop = get_running_loop();
        const { ended, tasks } = start_waits(delay);
        // The farthest a finite deadline can be; infinite ones stay pending.
        await sleep(Number.MAX_VALUE);
        for (let turn = 0; turn < 3; turn++) await sleep(0);
        const pending = tasks.filter((task) => !task.done()).length;
        for (const task of tasks) task.cancel();
        return { ended, pending, now: loop.time() };
      })(),
      { clock: "virtual" },
    );
    assertStrictEquals(times.now, Number.MAX_VALUE);
    if (delay === Infinity) {
      assertEquals([...times.ended.keys()], []);
      assertStrictEquals(times.pending, 3);
    } else {
      assertEquals([...times.ended.keys()].sort(), [...WAYS].sort());
      for (const [way, at] of times.ended) {
        assertStrictEquals(at, Math.max(delay, 0), `${way} ended at ${at}`);
      }
    }
  });
}

Deno.test("virtual clock: with only sleep(Infinity) pending, the clock stays put", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const sleeper = loop.create_task(sleep(Infinity));
  // Outside work the loop waits for, its only timer being infinite.
  const outside = new Promise((resolve) => setTimeout(resolve, 1));
  await loop.run_until_complete(outside);
  assertStrictEquals(loop.time(), 0);
  assertStrictEquals(sleeper.done(), false);
  sleeper.cancel();
  await loop.run_until_complete(sleep(0));
  assertStrictEquals(sleeper.cancelled(), true);
  loop.close();
});

type EdgeWaits = { label: string; delay: number } & ReturnType<typeof start_waits>;

/** Fake host time, in ms, at which the real-clock test looks at its waits. */
const CHECKPOINTS_MS = [10, DAY * 1000, MAX_HOST_DELAY * 1000, 2 ** 31, 40 * DAY * 1000];
/** Real time the test itself may take on top of the fake time, in seconds. */
const SLACK = 1;

Deno.test("real clock: no delay ends before its time, and the clock never runs ahead", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  const loop = new_event_loop();
  try {
    const start = loop.time();
    const started = new Future<EdgeWaits[]>({ loop });
    loop.call_soon(() =>
      started.set_result(EDGES.map(([label, delay]) => ({ label, delay, ...start_waits(delay) })))
    );
    const running = loop.run_forever();
    let elapsed_ms = 0;
    for (const checkpoint of CHECKPOINTS_MS) {
      await fake.tickAsync(checkpoint - elapsed_ms);
      elapsed_ms = checkpoint;
      const ran = loop.time() - start;
      assertOk(ran <= elapsed_ms / 1000 + SLACK, `clock ${ran} s after ${elapsed_ms} ms`);
      for (const { label, delay, ended } of started.result()) {
        if (delay > elapsed_ms / 1000 + SLACK) {
          assertEquals([...ended.keys()], [], `${label} after ${elapsed_ms} ms`);
        } else if (delay <= elapsed_ms / 1000) {
          assertEquals(
            [...ended.keys()].sort(),
            [...WAYS].sort(),
            `${label} after ${elapsed_ms} ms`,
          );
        }
      }
    }
    for (const { tasks } of started.result()) for (const task of tasks) task.cancel();
    loop.call_soon(() => loop.stop());
    await fake.tickAsync(0);
    await running;
    loop.close();
    assertStrictEquals(fake.countTimers(), 0);
  } finally {
    fake.uninstall();
  }
});

Deno.test("real clock: sleep(Infinity) keeps the loop waiting, with one host timer", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const loop = new_event_loop();
    const sleeper = loop.create_task(sleep(Infinity));
    const outcome = loop.run_until_complete(sleeper).then(() => "returned", () => "raised");
    await fake.tickAsync(100 * DAY * 1000);
    assertStrictEquals(sleeper.done(), false);
    assertStrictEquals(fake.countTimers(), 1);
    sleeper.cancel();
    await fake.tickAsync(0);
    assertStrictEquals(await outcome, "raised");
    assertStrictEquals(sleeper.cancelled(), true);
    assertStrictEquals(fake.countTimers(), 0);
    loop.close();
  } finally {
    fake.uninstall();
  }
});
