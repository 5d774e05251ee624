// Test bodies that never await are part of what is tested here.
// deno-lint-ignore-file require-await
/**
 * `@aiots/asyncio/testing`: the test functions `asyncio_test` makes (their
 * loop, and the report of each thing a body can leave behind), deadlocks
 * under them, and manual time (`advance`, `run_until_idle`).
 */

import FakeTimers from "@sinonjs/fake-timers";
import {
  coroutine,
  create_task,
  current_task,
  Event,
  type EventLoop,
  gather,
  get_running_loop,
  type Logger,
  new_event_loop,
  Queue,
  RuntimeError,
  set_logger,
  sleep,
  ValueError,
} from "../mod.ts";
import { advance, asyncio_test, LeftoversError, run_until_idle } from "../testing.ts";
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

const HERE = RegExp.escape(import.meta.url);

/** Where the marked line of this file is, as reports give it: `file:line:column`. */
function at(marker: string): string {
  return `${HERE}:${line_of(import.meta.url, marker)}:\\d+`;
}

/** Runs `fn` with the logger's messages collected rather than printed. */
async function logged_during(fn: () => Promise<unknown>): Promise<string[]> {
  const messages: string[] = [];
  const collect = (message: string) => void messages.push(message);
  const logger: Logger = { error: collect, warning: collect, debug: collect };
  const previous = set_logger(logger);
  try {
    await fn();
  } finally {
    set_logger(previous);
  }
  return messages;
}

// --- the loop of a test ---------------------------------------------------------

Deno.test("asyncio_test: the body runs as a task on a fresh virtual loop in debug mode, closed after", async () => {
  const seen: Record<string, unknown>[] = [];
  let loop: EventLoop | null = null;
  const body = async () => {
    loop = get_running_loop();
    const state = () => ({ clock: loop!.clock, debug: loop!.get_debug(), time: loop!.time() });
    seen.push({ ...state(), in_a_task: current_task() !== null });
    await sleep(3600);
    seen.push(state());
  };
  const { delays } = await host_timer_delays(() => asyncio_test(body)());
  assert_no_real_wait(delays);
  assertEquals(seen, [
    { clock: "virtual", debug: true, time: 0, in_a_task: true },
    { clock: "virtual", debug: true, time: 3600 },
  ]);
  assertOk(loop !== null && (loop as EventLoop).is_closed());
  const other_loop = (async () => {
    let first: EventLoop | null = loop;
    await asyncio_test(async () => first = get_running_loop())();
    return first;
  })();
  assertOk(await other_loop !== loop, "each test gets a fresh loop");
});

Deno.test("asyncio_test: generator and coroutine functions are bodies too; the clock is an option", async () => {
  const clocks: string[] = [];
  await asyncio_test(function* () {
    yield* sleep(1);
    clocks.push(`${get_running_loop().clock} ${get_running_loop().time()}`);
  })();
  await asyncio_test(
    coroutine(async () => {
      clocks.push(get_running_loop().clock);
    }),
    { clock: "manual" },
  )();
  await asyncio_test(async () => {
    await sleep(0.001);
    clocks.push(get_running_loop().clock);
  }, { clock: "real" })();
  assertEquals(clocks, ["virtual 1", "manual", "real"]);
  assertThrows(
    () => asyncio_test("body" as unknown as () => Promise<void>),
    new TypeError("asyncio_test(): body must be a function, got 'body'"),
  );
});

Deno.test("asyncio_test: a clean test passes, tasks it cancelled itself included", async () => {
  await asyncio_test(async () => {
    const results = await gather(sleep(1, "a"), sleep(2, "b"));
    assertEquals(results, ["a", "b"]);
    const forever = create_task(new Event().wait());
    await sleep(0);
    forever.cancel(); // not done yet when the body ends: not a leftover
  })();
});

Deno.test("asyncio_test: with sinon faking Date and setTimeout, the real clock follows the ticks", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    let elapsed = 0;
    const test = asyncio_test(async () => {
      const start = get_running_loop().time();
      await sleep(5);
      elapsed = get_running_loop().time() - start;
    }, { clock: "real" })();
    await fake.tickAsync(5000);
    await test;
    assertStrictEquals(elapsed, 5);
  } finally {
    fake.uninstall();
  }
});

// --- what a test leaves behind --------------------------------------------------

Deno.test("asyncio_test: a task still pending is reported with what it awaits, and cancelled", async () => {
  const cleaned: string[] = [];
  const error = await raises(
    asyncio_test(async () => {
      create_task( // the leaked task is made here
        coroutine(async function listen() {
          try {
            await new Event().wait(); // the leaked task waits here
          } finally {
            cleaned.push("finally ran");
          }
        })(),
        { name: "listener" },
      );
      await sleep(0);
    })(),
    LeftoversError,
  );
  assertMatch(
    error.message,
    new RegExp(
      "^the test left work behind:\\n1 task still pending \\(now cancelled\\):\\n" +
        `  <Task pending name='listener' coro=<Coroutine listen> ` +
        `wait_for=<Future pending created at ${at("// the leaked task waits here")}> ` +
        `created at ${at("// the leaked task is made here")}>$`,
    ),
  );
  assertEquals(cleaned, ["finally ran"]);
});

Deno.test("asyncio_test: Future and Task errors never retrieved are reported with their stacks", async () => {
  const error = await raises(
    asyncio_test(async () => {
      create_task(
        coroutine(async function fail() {
          throw new RangeError("nobody reads this");
        })(),
        { name: "failing" },
      );
      get_running_loop().create_future().set_exception(new TypeError("nor this"));
      await sleep(0);
    })(),
    LeftoversError,
  );
  const [head, ...problems] = error.message.split(/\n(?=\S)/);
  assertStrictEquals(head, "the test left work behind:");
  assertEquals(problems.length, 2); // in the order they failed: the Future first
  assertMatch(
    problems[1],
    new RegExp(
      "^Task exception was never retrieved: <Task finished name='failing' coro=<Coroutine fail> " +
        "exception=RangeError\\('nobody reads this'\\) created at .*>\\n" +
        `  RangeError: nobody reads this\\n      at fail \\(${HERE}:\\d+:\\d+\\)`,
    ),
  );
  assertMatch(
    problems[0],
    /^Future exception was never retrieved: <Future finished exception=TypeError\('nor this'\) created at .*>\n {2}TypeError: nor this\n/,
  );
});

Deno.test("asyncio_test: a coroutine never awaited is reported with where it was made", async () => {
  const work = coroutine(async function work() {});
  const error = await raises(
    asyncio_test(async () => {
      work(); // never awaited
    })(),
    LeftoversError,
  );
  assertMatch(
    error.message,
    new RegExp(
      "^the test left work behind:\\ncoroutine 'work' was never awaited\\n" +
        "Coroutine created at \\(most recent call last\\):\\n(?:  at .*\\n)*" +
        `  at .*${at("// never awaited")}\\)?$`,
    ),
  );
});

Deno.test("asyncio_test: a timer or a callback left on the loop is reported", async () => {
  const error = await raises(
    asyncio_test(async () => {
      const loop = get_running_loop();
      loop.call_later(10, function remind() {}); // the timer left
      // Runs in the test's last iteration and schedules one that never runs.
      loop.call_soon(() => loop.call_soon(function tidy() {})); // the callback left
    })(),
    LeftoversError,
  );
  assertMatch(
    error.message,
    new RegExp(
      "^the test left work behind:\\n" +
        `1 callback left on the loop:\\n  <Handle tidy\\(\\) created at ${
          at("// the callback left")
        }>\\n` +
        `1 timer left on the loop:\\n  <TimerHandle when=10 remind\\(\\) created at ${
          at("// the timer left")
        }>$`,
    ),
  );
});

Deno.test("asyncio_test: errors that reach the loop's exception handler are logged and reported", async () => {
  let error: LeftoversError | null = null;
  const logged = await logged_during(async () => {
    error = await raises(
      asyncio_test(async () => {
        get_running_loop().call_soon(function explode() {
          throw new Error("in a callback");
        });
        await sleep(0);
      })(),
      LeftoversError,
    );
  });
  assertStrictEquals(
    (error as LeftoversError | null)?.message,
    "the test left work behind:\n1 report to the loop's exception handler (logged above):\n" +
      "  Exception in callback explode()",
  );
  assertMatch(logged.join("\n"), /^Exception in callback explode\(\)/);
});

Deno.test("asyncio_test: a body that fails fails with its own error; what it left is cleaned up", async () => {
  const cleaned: string[] = [];
  const error = await raises(
    asyncio_test(async () => {
      create_task(
        coroutine(async () => {
          try {
            await sleep(3600);
          } finally {
            cleaned.push("cancelled");
          }
        })(),
      );
      await sleep(0);
      throw new RangeError("the assertion that failed");
    })(),
    RangeError,
  );
  assertStrictEquals(error.message, "the assertion that failed");
  assertEquals(cleaned, ["cancelled"]);
});

// --- deadlocks ------------------------------------------------------------------

Deno.test("asyncio_test: three tasks waiting in a circle are a deadlock naming each and its await", async () => {
  const { result: error, delays } = await host_timer_delays(() =>
    raises(
      asyncio_test(async function main() {
        const [a, b, c] = [new Event(), new Event(), new Event()];
        const pass_on = coroutine(async function pass_on(wait_for: Event, then_set: Event) {
          await wait_for.wait(); // each waits here
          then_set.set();
        });
        await gather( // main waits here
          create_task(pass_on(c, a), { name: "a" }),
          create_task(pass_on(a, b), { name: "b" }),
          create_task(pass_on(b, c), { name: "c" }),
        );
      })(), // the test runs here
      RuntimeError,
    )
  );
  assert_no_real_wait(delays);
  const lines = error.message.split("\n");
  assertStrictEquals(
    lines[0],
    "deadlock: nothing is ready, no timer is pending and nothing outside the loop can call in " +
      "(virtual clock at 0 s); 4 tasks wait forever:",
  );
  assertMatch(
    lines[1],
    new RegExp(
      `^  <Task pending name='Task-\\d+' coro=<Coroutine main> ` +
        `wait_for=<GatheringFuture pending created at ${at("// main waits here")}> created at ` +
        `${at("// the test runs here")}>$`,
    ),
  );
  for (const [i, name] of ["a", "b", "c"].entries()) {
    assertMatch(
      lines[i + 2],
      new RegExp(
        `^  <Task pending name='${name}' coro=<Coroutine pass_on> ` +
          `wait_for=<Future pending created at ${at("// each waits here")}> created at .*>$`,
      ),
    );
  }
});

Deno.test("asyncio_test: deadlock: false waits for outside JavaScript the loop cannot see", async () => {
  const body = async () => {
    const answer = get_running_loop().create_future<string>();
    const outside = setTimeout(() => answer.set_result("from a host timer"), 5);
    try {
      assertStrictEquals(await answer, "from a host timer");
    } finally {
      clearTimeout(outside);
    }
  };
  await raises(asyncio_test(body)(), RuntimeError);
  await asyncio_test(body, { deadlock: false })();
});

// --- manual time ----------------------------------------------------------------

Deno.test("advance: runs what is due up to then, each at its own time, in the loop's order", async () => {
  await asyncio_test(async () => {
    const loop = get_running_loop();
    const log: string[] = [];
    const note = (what: string) => log.push(`${what}@${loop.time()}`);
    loop.call_later(2, () => note("b"));
    loop.call_later(1, () => {
      note("a");
      loop.call_later(0.5, () => note("set by a"));
    });
    loop.call_later(3, () => note("c, at the very end"));
    const later = loop.call_later(3.5, () => note("after the advance"));
    const sleeper = create_task(
      coroutine(async () => {
        await sleep(2);
        note("task after b");
      })(),
    );
    assertStrictEquals(loop.time(), 0);
    await advance(3);
    assertEquals(log, ["a@1", "set by a@1.5", "b@2", "task after b@2", "c, at the very end@3"]);
    assertStrictEquals(loop.time(), 3);
    assertOk(sleeper.done() && !later.cancelled());
    await advance(0.5);
    assertEquals(log.at(-1), "after the advance@3.5");
    await advance(100);
    assertStrictEquals(loop.time(), 103.5);
  }, { clock: "manual" })();
});

Deno.test("advance(0) and run_until_idle(): what is ready runs, the clock stays", async () => {
  await asyncio_test(async () => {
    const loop = get_running_loop();
    const queue = new Queue<string>();
    const got: string[] = [];
    const consumer = create_task(
      coroutine(async () => {
        for (;;) got.push(await queue.get());
      })(),
    );
    const timer = loop.call_later(1, () => got.push("timer"));
    queue.put_nowait("a");
    queue.put_nowait("b");
    await run_until_idle();
    assertEquals(got, ["a", "b"]);
    await advance(0);
    assertEquals([got.length, loop.time(), timer.cancelled()], [2, 0, false]);
    await advance(1);
    assertEquals(got, ["a", "b", "timer"]);
    consumer.cancel();
  }, { clock: "manual" })();
});

Deno.test("run_until_idle(): on the virtual clock it returns before the clock jumps; also on the real clock", async () => {
  await asyncio_test(async () => {
    const loop = get_running_loop();
    const steps: string[] = [];
    const sleeper = create_task(
      coroutine(async () => {
        steps.push("started");
        await sleep(60);
        steps.push("woke");
      })(),
    );
    await run_until_idle();
    assertEquals([steps, loop.time()], [["started"], 0]);
    await sleeper;
    assertEquals([steps, loop.time()], [["started", "woke"], 60]);
  })();
  await asyncio_test(async () => {
    const event = new Event();
    const waiter = create_task(event.wait());
    await run_until_idle();
    assertStrictEquals(waiter.done(), false);
    event.set();
    await run_until_idle();
    assertStrictEquals(waiter.result(), true);
  }, { clock: "real" })();
});

Deno.test("manual clock: a task waiting on a timer nothing advances to is a deadlock", async () => {
  const error = await raises(
    asyncio_test(async () => await sleep(30), { clock: "manual" })(),
    RuntimeError,
  );
  assertMatch(
    error.message,
    /^deadlock: nothing is ready, no timer is due before the clock is advanced \(next at 30 s\) and nothing outside the loop can call in \(manual clock at 0 s\); 1 task waits forever:\n/,
  );
});

Deno.test("advance: bad amounts are clear errors where it is called", () => {
  for (const bad of [-1, -0.001, NaN, Infinity, -Infinity]) {
    assertThrows(
      () => advance(bad),
      new ValueError(
        `advance(): seconds must be a finite number of seconds, 0 or more, got ${bad}`,
      ),
    );
  }
  assertThrows(
    () => advance("1" as unknown as number),
    new TypeError("advance(): seconds must be a number, got '1'"),
  );
});

Deno.test("advance: a loop whose clock moves by itself, or a closed one, is a clear error", async () => {
  for (const clock of ["virtual", "real"] as const) {
    await asyncio_test(async () => {
      const error = await raises(advance(1), RuntimeError);
      assertStrictEquals(
        error.message,
        `advance() needs a loop on the manual clock; this loop's ${clock} clock moves by ` +
          `itself (make the loop with { clock: "manual" })`,
      );
    }, { clock })();
  }
  const loop = new_event_loop({ clock: "manual", debug: false });
  loop.close();
  await assertRejects(
    loop.run_until_complete(advance(1)),
    new RuntimeError("Event loop is closed"),
  );
  await assertRejects(
    (async () => await advance(1))(),
    new RuntimeError(
      "coroutine 'advance' was awaited outside an event loop: use run() or loop.run_until_complete()",
    ),
  );
});

Deno.test("advance: JavaScript outside a loop drives a manual one with run_until_complete", async () => {
  const loop = new_event_loop({ clock: "manual" });
  const fired: number[] = [];
  for (const delay of [3, 1, 2]) loop.call_later(delay, () => fired.push(loop.time()));
  await loop.run_until_complete(advance(2));
  assertEquals(fired, [1, 2]);
  await loop.run_until_complete(advance(1));
  assertEquals(fired, [1, 2, 3]);
  loop.close();
});
