/**
 * Debug mode's records and reports: creation stacks and "created at" in
 * descriptions, the reports made when the garbage collector takes a Future
 * with an unread error, an unawaited coroutine or a pending Task, and the
 * check on calls from JavaScript the loop did not start.
 *
 * The collection tests need `gc()`: `deno task test` passes
 * `--v8-flags=--expose-gc`; without it they are skipped.
 */

import {
  all_tasks,
  CancelledError,
  coroutine,
  create_task,
  Event,
  type EventLoop,
  type ExceptionContext,
  Future,
  gather,
  get_running_loop,
  new_event_loop,
  run,
  RuntimeError,
  set_logger,
  sleep,
  type Task,
} from "../mod.ts";
import { creation_stack } from "../lib/_debug.ts";
import { asyncio_test } from "../testing.ts";
import {
  assertEquals,
  assertMatch,
  assertOk,
  assertStrictEquals,
  assertThrows,
  line_of,
  raises,
} from "./_assert.ts";

const gc = (globalThis as { gc?: () => void }).gc;
const needs_gc = { ignore: gc === undefined, sanitizeOps: true, sanitizeResources: true };

/** Collects garbage and lets the finalization callbacks that follow run. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** A loop in debug mode whose exception handler collects the contexts. */
function debug_loop(): { loop: EventLoop; contexts: ExceptionContext[] } {
  const loop = new_event_loop({ clock: "virtual", debug: true });
  const contexts: ExceptionContext[] = [];
  loop.set_exception_handler((_loop, context) => contexts.push(context));
  return { loop, contexts };
}

/** Runs `fn` with the logger's warnings collected. */
async function warnings_during(fn: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const previous = set_logger({
    error: () => {},
    warning: (message) => warnings.push(message),
    debug: () => {},
  });
  try {
    await fn();
  } finally {
    set_logger(previous);
  }
  return warnings;
}

const HERE = RegExp.escape(import.meta.url);

// ---------------------------------------------------------------------------
// Where objects were created

Deno.test("creation_stack: the caller's frames, oldest first, without the library's", () => {
  function outer() {
    return inner();
  }
  function inner() {
    return creation_stack();
  }
  const stack = outer() as string;
  const lines = stack.split("\n");
  assertOk(lines.every((line) => line.startsWith("  at ")), stack);
  assertOk(!stack.includes("/lib/"), stack);
  const outer_at = lines.findIndex((line) => line.includes("outer"));
  const inner_at = lines.findIndex((line) => line.includes("inner"));
  assertOk(outer_at >= 0 && inner_at === lines.length - 1 && outer_at < inner_at, stack);
});

Deno.test("debug mode: Futures, Tasks and Handles say where they were made", async () => {
  const { loop } = debug_loop();
  const fut = loop.create_future();
  const handle = loop.call_soon(function tick() {});
  const task = loop.create_task(sleep(0), { name: "t" });
  assertMatch(String(fut), new RegExp(`^<Future pending created at ${HERE}:\\d+:\\d+>$`));
  assertMatch(String(handle), new RegExp(`^<Handle tick\\(\\) created at ${HERE}:\\d+:\\d+>$`));
  assertMatch(
    String(task),
    new RegExp(`^<Task pending name='t' coro=<Coroutine sleep> created at ${HERE}:\\d+:\\d+>$`),
  );
  assertMatch(fut._source_traceback as string, new RegExp(`^  at .*${HERE}:\\d+:\\d+\\)?$`, "m"));
  await loop.run_until_complete(task);
  loop.close();
  const quiet = new_event_loop({ clock: "virtual", debug: false });
  assertStrictEquals(String(quiet.create_future()), "<Future pending>");
  assertStrictEquals(quiet.create_future()._source_traceback, null);
  quiet.close();
});

Deno.test("debug mode: the Future a task waits on in Event.wait() was made at its await", async () => {
  const { loop } = debug_loop();
  const event = new Event();
  const waiters = [
    loop.create_task(coroutine(async () => await event.wait())()), // the async one waits here
    loop.create_task(
      coroutine(function* () {
        yield* event.wait(); // the generator waits here
      })(),
    ),
  ];
  const lines = ["async one", "generator"].map((which) =>
    line_of(import.meta.url, `// the ${which} waits here`)
  );
  await loop.run_until_complete(sleep(0));
  waiters.forEach((task, i) =>
    assertMatch(
      String(task),
      new RegExp(`wait_for=<Future pending created at ${HERE}:${lines[i]}:\\d+>`),
    )
  );
  event.set();
  await loop.run_until_complete(gather(waiters));
  loop.close();
});

// ---------------------------------------------------------------------------
// Errors never retrieved

function fail_and_drop(loop: EventLoop, retrieve: boolean): void {
  const fut = loop.create_future();
  fut.set_exception(new RangeError("lost"));
  if (retrieve) fut.exception();
}

Deno.test(
  "debug mode: a Future collected with its error unread is reported",
  needs_gc,
  async () => {
    const { loop, contexts } = debug_loop();
    fail_and_drop(loop, false);
    await collect();
    loop.close();
    assertStrictEquals(contexts.length, 1);
    const [context] = contexts;
    assertStrictEquals(context.message, "Future exception was never retrieved");
    assertOk(context.exception instanceof RangeError);
    assertMatch(
      String(context.future),
      new RegExp(
        `^<Future finished exception=RangeError\\('lost'\\) created at ${HERE}:\\d+:\\d+>$`,
      ),
    );
    assertMatch(context.source_traceback as string, /fail_and_drop/);
  },
);

Deno.test(
  "debug mode: no report once the error was read, or with debug mode off",
  needs_gc,
  async () => {
    const { loop, contexts } = debug_loop();
    fail_and_drop(loop, true);
    loop.set_debug(false);
    fail_and_drop(loop, false);
    await collect();
    loop.close();
    assertEquals(contexts, []);
  },
);

Deno.test(
  "debug mode: a failed Task nobody awaited is reported when collected",
  needs_gc,
  async () => {
    const { loop, contexts } = debug_loop();
    const main = coroutine(async () => {
      create_task(
        coroutine(async function doomed() {
          await sleep(1);
          throw new TypeError("nobody listens");
        })(),
      );
      await sleep(2);
    });
    await loop.run_until_complete(main());
    await collect();
    loop.close();
    assertStrictEquals(contexts.length, 1, contexts.map((c) => c.message).join("\n"));
    assertStrictEquals(contexts[0].message, "Task exception was never retrieved");
    assertOk(contexts[0].exception instanceof TypeError);
    assertMatch(
      String(contexts[0].future),
      /^<Task finished name='Task-\d+' coro=<Coroutine doomed> exception=TypeError\('nobody listens'\) created at /,
    );
  },
);

// ---------------------------------------------------------------------------
// Coroutines never awaited

Deno.test("debug mode: a coroutine collected before it started is reported", needs_gc, async () => {
  const forgotten = coroutine(async function forgotten() {});
  const awaited = coroutine(async function awaited() {});
  const { loop } = debug_loop();
  const warnings = await warnings_during(async () => {
    await loop.run_until_complete(
      coroutine(async function main() {
        forgotten(); // never awaited
        await awaited();
        create_task(awaited()); // started by its task
        await sleep(0);
      })(),
    );
    await collect();
  });
  loop.close();
  assertStrictEquals(warnings.length, 1, warnings.join("\n"));
  const [first, title, ...frames] = warnings[0].split("\n");
  assertStrictEquals(first, "coroutine 'forgotten' was never awaited");
  assertStrictEquals(title, "Coroutine created at (most recent call last):");
  assertMatch(frames[frames.length - 1], new RegExp(`^  at main \\(${HERE}:\\d+:\\d+\\)$`));
});

Deno.test(
  "debug mode: what a task awaits as it rejoins cancelled runs to its first await, then is cancelled",
  asyncio_test(async () => {
    const gate = Promise.withResolvers<void>();
    let ran = false;
    const after_gate = coroutine(async function after_gate() {
      ran = true;
      await sleep(0);
    });
    const task = create_task(
      coroutine(async () => {
        await gate.promise; // foreign: the task is detached meanwhile
        // Awaited as at any await: it starts, and the cancellation reaches
        // it where it waits, as in CPython; it is not "never awaited".
        await after_gate();
      })(),
    );
    await sleep(0);
    task.cancel();
    gate.resolve();
    await raises(task, CancelledError);
    assertStrictEquals(ran, true);
  }),
);

Deno.test("debug mode off: an unawaited coroutine is not reported", needs_gc, async () => {
  const forgotten = coroutine(async function forgotten() {});
  const loop = new_event_loop({ clock: "virtual", debug: false });
  const warnings = await warnings_during(async () => {
    await loop.run_until_complete(
      coroutine(function* () {
        forgotten();
        yield* sleep(0);
      })(),
    );
    await collect();
  });
  loop.close();
  assertEquals(warnings, []);
});

// ---------------------------------------------------------------------------
// Tasks destroyed while pending

Deno.test(
  "debug mode: a pending Task nothing can wake is reported when collected",
  needs_gc,
  async () => {
    const { loop, contexts } = debug_loop();
    let listed: string[] = [];
    await loop.run_until_complete(
      coroutine(async () => {
        // It awaits a Future that nothing else holds: nothing can wake it.
        create_task(
          coroutine(async function stuck() {
            await new Future();
          })(),
          { name: "stuck" },
        );
        const sleeper = create_task(sleep(5), { name: "sleeper" });
        await sleep(0);
        listed = [...all_tasks()].map((task) => task.get_name());
        sleeper.cancel();
      })(),
    );
    await collect();
    loop.close();
    assertEquals(listed.slice(1), ["stuck", "sleeper"]); // after the main task
    assertStrictEquals(contexts.length, 1, contexts.map((c) => c.message).join("\n"));
    assertStrictEquals(contexts[0].message, "Task was destroyed but it is pending!");
    assertMatch(
      String(contexts[0].task),
      new RegExp(
        `^<Task pending name='stuck' coro=<Coroutine stuck> created at ${HERE}:\\d+:\\d+>$`,
      ),
    );
    assertOk(typeof contexts[0].source_traceback === "string");
  },
);

Deno.test("debug mode: all_tasks() lists the tasks made with debug mode on and off", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const names = await loop.run_until_complete(
    coroutine(async () => {
      const made: Task<unknown>[] = [create_task(sleep(1), { name: "a" })];
      get_running_loop().set_debug(true);
      made.push(create_task(sleep(1), { name: "b" }));
      get_running_loop().set_debug(false);
      made.push(create_task(sleep(1), { name: "c" }));
      const names = [...all_tasks()].map((task) => task.get_name()).filter((name) =>
        name.length === 1
      );
      for (const task of made) task.cancel();
      await sleep(0);
      assertStrictEquals(all_tasks().size, 1); // main alone: done tasks leave both lists
      return names;
    })(),
  );
  loop.close();
  assertEquals(names.sort(), ["a", "b", "c"]);
});

// ---------------------------------------------------------------------------
// Calls from JavaScript the loop did not start

Deno.test("debug mode: a tracked task's code is the loop's own, also after a foreign await", async () => {
  const calls = await run(
    coroutine(async () => {
      const loop = get_running_loop();
      await new Promise((resolve) => setTimeout(resolve, 1)); // a foreign await: tasks are tracked
      await sleep(0);
      const later = coroutine(async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        await sleep(0);
        let called = 0;
        loop.call_soon(() => called++); // from the tracked task's code: allowed
        await sleep(0);
        return called;
      });
      return await create_task(later());
    })(),
    { debug: true },
  );
  assertStrictEquals(calls, 1);
});

Deno.test("debug mode: call_soon from outside the running loop is an error; call_soon_threadsafe is not", async () => {
  const loop = new_event_loop({ debug: true });
  const seen: string[] = [];
  const channel = new MessageChannel();
  // A MessagePort listener runs outside the loop's context: JavaScript the loop did not start.
  channel.port1.onmessage = () => {
    for (const call of [() => loop.call_soon(() => {}), () => loop.call_later(0, () => {})]) {
      assertThrows(call, (error: unknown) =>
        error instanceof RuntimeError &&
        /^Non-thread-safe operation invoked on an event loop other than the current one: call_(soon|later)\(\) was called from JavaScript the loop did not start; use call_soon_threadsafe\(\)$/
          .test(error.message));
    }
    loop.call_soon_threadsafe((tag: string) => {
      seen.push(tag);
      loop.stop();
    }, "woken");
    channel.port1.close();
  };
  loop.call_soon(() => channel.port2.postMessage(null)); // fine: the loop is not running yet
  loop.call_soon(() => {
    loop.call_soon(() => seen.push("inside is fine"));
  });
  await loop.run_forever();
  loop.close();
  assertEquals(seen, ["inside is fine", "woken"]);
});

Deno.test("call_soon_threadsafe: checks its callback, and not in debug mode it is call_soon", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  assertThrows(
    () => loop.call_soon_threadsafe("x" as unknown as () => void),
    (error: unknown) =>
      error instanceof TypeError && error.message.includes("call_soon_threadsafe"),
  );
  const seen: number[] = [];
  loop.call_soon_threadsafe((n: number) => seen.push(n), 1);
  await run_until_stopped(loop);
  assertEquals(seen, [1]);
  loop.close();
  assertThrows(() => loop.call_soon_threadsafe(() => {}), RuntimeError);
});

async function run_until_stopped(loop: EventLoop): Promise<void> {
  loop.call_soon(() => loop.stop());
  await loop.run_forever();
}

Deno.test("run(main, { debug: true }) reports like the loop does", needs_gc, async () => {
  const contexts: ExceptionContext[] = [];
  await run(
    coroutine(async () => {
      get_running_loop().set_exception_handler((_loop, context) => contexts.push(context));
      fail_and_drop(get_running_loop(), false);
      await collect();
    })(),
    { debug: true },
  );
  assertEquals(contexts.map((context) => context.message), [
    "Future exception was never retrieved",
  ]);
});
