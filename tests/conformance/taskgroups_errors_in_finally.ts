// Children that raise while being cancelled from outside turn the cancellation into an ExceptionGroup; a body answering cancellation with an error does too (test_taskgroup_08/18).
import {
  async_with,
  BaseExceptionGroup,
  coroutine,
  create_task,
  run,
  sleep,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

function describe(e: unknown): string {
  // Sub-errors sorted: the group cancels its children in set order.
  if (e instanceof BaseExceptionGroup) {
    return `${e.name}[${e.exceptions.map(describe).sort().join(", ")}]`;
  }
  return `${(e as Error).name}(${(e as Error).message})`;
}

const crash_on_cancel = coroutine(function* (i: number) {
  try {
    yield* sleep(1);
  } finally {
    // deno-lint-ignore no-unsafe-finally
    throw new ValueError(`finally ${i}`);
  }
});

const runner1 = coroutine(function* () {
  yield* async_with(new TaskGroup(), function* (tg) {
    for (let i = 0; i < 3; i++) tg.create_task(crash_on_cancel(i));
    yield* sleep(1);
  });
});

const runner2 = coroutine(function* () {
  yield* async_with(new TaskGroup(), function* () {
    try {
      yield* sleep(1);
    } catch {
      throw new TypeError("instead of cancelling");
    }
  });
});

const main = coroutine(function* () {
  for (const [name, runner] of [["runner1", runner1], ["runner2", runner2]] as const) {
    const r = create_task(runner());
    yield* sleep(0.01);
    r.cancel();
    try {
      yield* r;
    } catch (e) {
      console.log(name, describe(e));
      console.log(name, r.cancelled() ? "cancelled" : "not cancelled", String(r.cancelling()));
    }
  }
});

await run(main(), { clock: "virtual" });
