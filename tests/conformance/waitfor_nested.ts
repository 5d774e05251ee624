// Nested wait_for()/timeout(): the timeout that expired converts, the others pass errors through (generator style in TS).
import {
  async_with,
  CancelledError,
  coroutine,
  current_task,
  run,
  sleep,
  timeout,
  TimeoutError,
  wait_for,
} from "../../mod.ts";

// A plain generator function: its generator objects are coroutines too.
function* job(name: string, delay: number): Generator<unknown, string, unknown> {
  try {
    yield* sleep(delay);
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, "cancelled");
    throw e;
  }
  return name;
}

const middle = coroutine(function* (inner_timeout: number | null) {
  try {
    return yield* wait_for(job("deep", 1), inner_timeout);
  } catch (e) {
    if (e instanceof CancelledError) console.log("middle saw CancelledError");
    else if (e instanceof TimeoutError) console.log("middle saw TimeoutError");
    throw e;
  }
});

const main = coroutine(function* () {
  const task = current_task()!;
  for (const [outer_t, inner_t] of [[0.01, 0.02], [0.02, 0.01]]) {
    try {
      yield* wait_for(middle(inner_t), outer_t);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log("outer got TimeoutError", "cancelling", task.cancelling());
    }
  }

  try {
    yield* async_with(timeout(0.01), function* () {
      yield* wait_for(job("in block", 1), 0.05);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log("block timed out");
  }

  console.log("no limit", yield* wait_for(middle(null), null));
  console.log("cancelling at end", task.cancelling());
});

await run(main(), { clock: "virtual" });
