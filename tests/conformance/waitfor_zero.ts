// wait_for() with timeout <= 0: done futures return, coroutines never start, running tasks are cancelled and awaited (generator style in TS).
import {
  CancelledError,
  coroutine,
  create_task,
  get_running_loop,
  run,
  sleep,
  TimeoutError,
  wait_for,
} from "../../mod.ts";

class KeyError extends Error {
  override name = "KeyError";
}

const main = coroutine(function* () {
  const loop = get_running_loop();
  const fut = loop.create_future<string>();
  fut.set_result("done");
  console.log("done future", yield* wait_for(fut, 0));

  const started: string[] = [];
  // deno-lint-ignore require-yield
  const foo = coroutine(function* () {
    started.push("foo");
    return "never";
  });
  for (const t of [0, -1]) {
    try {
      yield* wait_for(foo(), t);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log("timeout", t, "started", started.length, (e.cause as Error).name);
    }
  }

  for (const t of [0, -1]) {
    const slow = coroutine(function* () {
      console.log("slow started");
      try {
        yield* sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) {
          console.log("slow cleaning up");
          yield* sleep(0.01);
          console.log("slow cleaned up");
        }
        throw e;
      }
      return "done";
    });
    const task = create_task(slow());
    yield* sleep(0);
    try {
      yield* wait_for(task, t);
    } catch (e) {
      if (e instanceof TimeoutError) {
        console.log("timed out", t, "cancelled", task.cancelled() ? "yes" : "no");
      }
    }
  }

  // an error raised during cancellation replaces the timeout
  const crash = coroutine(function* () {
    try {
      yield* sleep(1);
    } finally {
      // deno-lint-ignore no-unsafe-finally
      throw new KeyError("cleanup");
    }
  });
  const task = create_task(crash());
  yield* sleep(0);
  try {
    yield* wait_for(task, 0);
  } catch (e) {
    if (e instanceof KeyError) console.log("KeyError during cancellation");
  }

  // a task that refuses the cancellation gives its result
  const stubborn = coroutine(function* () {
    try {
      yield* sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) return "refused";
      throw e;
    }
    return "slept";
  });
  const task2 = create_task(stubborn());
  yield* sleep(0);
  console.log("stubborn", yield* wait_for(task2, 0));
});

await run(main(), { clock: "virtual" });
