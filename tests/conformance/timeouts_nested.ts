// Nested timeouts: only the expired owner converts, same-step outside cancel wins, nested timeout in finally (generator style in TS).
import {
  async_with,
  CancelledError,
  coroutine,
  create_task,
  current_task,
  get_running_loop,
  run,
  sleep,
  type Timeout,
  timeout,
  timeout_at,
  TimeoutError,
} from "../../mod.ts";

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

const main = coroutine(function* () {
  const loop = get_running_loop();
  const task = current_task()!;

  // both expire in the same step: the inner one lets CancelledError through
  const deadline = loop.time() + 0.01;
  let cm1!: Timeout, cm2!: Timeout;
  try {
    yield* async_with(timeout_at(deadline), function* (c1) {
      cm1 = c1;
      try {
        yield* async_with(timeout_at(deadline), function* (c2) {
          cm2 = c2;
          yield* sleep(10);
        });
      } catch (e) {
        if (e instanceof CancelledError) console.log("inner let CancelledError through");
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(
      "outer raised TimeoutError",
      yn(cm1.expired()),
      yn(cm2.expired()),
      task.cancelling(),
    );
  }

  // the inner one expires first and is handled; the outer one interrupts later
  try {
    yield* async_with(timeout(0.03), function* (outer) {
      try {
        yield* async_with(timeout(0.01), function* () {
          yield* sleep(10);
        });
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        console.log("inner timed out", yn(outer.expired()));
      }
      yield* sleep(10);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log("outer timed out later", task.cancelling());
  }

  // the outer one expires first: the inner one has nothing to convert
  try {
    yield* async_with(timeout(0.01), function* () {
      let inner!: Timeout;
      try {
        yield* async_with(timeout(0.05), function* (c) {
          inner = c;
          yield* sleep(10);
        });
      } catch (e) {
        if (e instanceof CancelledError) {
          console.log("inner saw CancelledError", yn(inner.expired()));
        }
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log("outer converted");
  }

  // a timeout inside a finally block of an expired one
  try {
    yield* async_with(timeout(0.01), function* () {
      try {
        yield* sleep(1);
      } finally {
        try {
          yield* async_with(timeout(0.01), function* () {
            yield* sleep(10);
          });
        } catch (e) {
          // deno-lint-ignore no-unsafe-finally
          if (!(e instanceof TimeoutError)) throw e;
          console.log("finally block timed out");
        }
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log("outer of finally timed out", task.cancelling());
  }

  // an outside cancel() in the same step as the deadline wins
  const when = loop.time() + 0.01;
  const guarded = coroutine(function* () {
    yield* async_with(timeout_at(when), function* () {
      yield* sleep(10);
    });
  });
  const t = create_task(guarded());
  loop.call_at(when, () => t.cancel());
  try {
    yield* t;
  } catch (e) {
    if (e instanceof CancelledError) console.log("outside cancel wins", yn(t.cancelled()));
    else if (e instanceof TimeoutError) console.log("converted (wrong)");
    else throw e;
  }
});

await run(main(), { clock: "virtual" });
