// gather(return_exceptions=True): values, errors and cancelled children (as new CancelledErrors without the task's message) come back in argument order (test_return_exceptions, test_result_exception_one_cancellation).
import {
  coroutine,
  create_task,
  gather,
  get_running_loop,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";

function describe(x: unknown): string {
  if (x instanceof Error) return `${x.name}(${x.message})`;
  return String(x);
}

const value = coroutine(function* <T>(delay: number, v: T) {
  yield* sleep(delay);
  return v;
});

const fail = coroutine(function* (delay: number, msg: string) {
  yield* sleep(delay);
  throw new ValueError(msg);
});

const main = coroutine(function* () {
  const loop = get_running_loop();
  const victim = create_task(value(1, "never"));
  loop.call_later(0.01, () => victim.cancel("with a message"));
  const fut = loop.create_future<string>();
  loop.call_later(0.02, () => fut.cancel("future message"));
  const done_fut = loop.create_future<string>();
  done_fut.set_exception(new TypeError("already failed"));
  const results = yield* gather(
    value(0.03, 1),
    fail(0.01, "bad"),
    victim,
    fut,
    done_fut,
    value(0, 2),
    {
      return_exceptions: true,
    },
  );
  console.log("results", results.map(describe).join("; "));
  console.log("victim", victim.cancelled() ? "cancelled" : "not cancelled");
});

await run(main(), { clock: "virtual" });
