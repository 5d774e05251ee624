// Timeout.reschedule(): later, earlier, None, from another task; RuntimeError in every wrong state (generator style in TS).
import {
  async_with,
  CancelledError,
  coroutine,
  create_task,
  get_running_loop,
  run,
  RuntimeError,
  sleep,
  type Timeout,
  timeout,
  timeout_at,
  TimeoutError,
} from "../../mod.ts";

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

function report(label: string, e: unknown): void {
  if (!(e instanceof RuntimeError)) throw e;
  console.log(label, e.message);
}

const main = coroutine(function* () {
  const loop = get_running_loop();
  let cm!: Timeout;

  yield* async_with(timeout(0.01), function* (c) {
    cm = c;
    c.reschedule(loop.time() + 0.05);
    yield* sleep(0.02);
  });
  console.log("later deadline survived", yn(cm.expired()));

  try {
    yield* async_with(timeout(10), function* (c) {
      cm = c;
      c.reschedule(loop.time() + 0.01);
      yield* sleep(1);
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log("earlier deadline fired", yn(cm.expired()));
  }

  try {
    yield* async_with(timeout(10), function* (c) {
      c.reschedule(loop.time() - 5);
      yield* sleep(1);
      console.log("not reached");
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log("past deadline fired");
  }

  yield* async_with(timeout(0.01), function* (c) {
    cm = c;
    c.reschedule(null);
    yield* sleep(0.02);
  });
  console.log("disabled by reschedule", yn(cm.expired()), yn(cm.when() === null));

  // rescheduled from another task, then cancelled from outside
  const got = loop.create_future<Timeout>();
  const f = coroutine(function* () {
    yield* async_with(timeout_at(loop.time() + 10), function* (c) {
      got.set_result(c);
      yield* sleep(50);
    });
  });
  const task = create_task(f());
  cm = yield* got;
  cm.reschedule(cm.when()! + 20);
  cm.reschedule(null);
  task.cancel();
  try {
    yield* task;
  } catch (e) {
    if (e instanceof CancelledError) console.log("cancelled from outside", yn(cm.expired()));
  }

  // wrong states
  cm = timeout(0.01);
  try {
    cm.reschedule(1);
  } catch (e) {
    report("not entered:", e);
  }

  yield* async_with(timeout(0.01), function* (c) {
    cm = c;
    try {
      yield* async_with(c, function* () {});
    } catch (e) {
      report("enter twice:", e);
    }
  });
  try {
    yield* async_with(cm, function* () {});
  } catch (e) {
    report("enter after exit:", e);
  }
  try {
    cm.reschedule(1);
  } catch (e) {
    report("finished:", e);
  }

  try {
    yield* async_with(timeout(0.01), function* (c) {
      cm = c;
      try {
        yield* sleep(1);
      } catch (e) {
        if (e instanceof CancelledError) {
          try {
            c.reschedule(1);
          } catch (e2) {
            report("expiring:", e2);
          }
        }
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
  }
  try {
    cm.reschedule(1);
  } catch (e) {
    report("expired:", e);
  }
});

await run(main(), { clock: "virtual" });
