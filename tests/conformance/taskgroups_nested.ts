// Nested TaskGroups: errors of an inner group arrive wrapped in the outer group's ExceptionGroup; an outer failure cancels the inner group (test_taskgroup_11/12/13/14).
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
    throw new ValueError(`inner ${i}`);
  }
});

const crash_after = coroutine(function* (delay: number) {
  yield* sleep(delay);
  throw new ValueError(`after ${delay}`);
});

const cancelled_nested = coroutine(function* (outer_child: boolean) {
  yield* async_with(new TaskGroup(), function* (g1) {
    if (outer_child) g1.create_task(sleep(1));
    yield* async_with(new TaskGroup(), function* (g2) {
      for (let i = 0; i < 2; i++) g2.create_task(crash_on_cancel(i));
      yield* sleep(1);
    });
  });
});

const outer_first = coroutine(function* outer_first() {
  yield* async_with(new TaskGroup(), function* (g1) {
    g1.create_task(crash_after(0.01));
    yield* async_with(new TaskGroup(), function* (g2) {
      g2.create_task(crash_after(1));
    });
    console.log("not reached");
  });
});

const inner_first = coroutine(function* inner_first() {
  yield* async_with(new TaskGroup(), function* (g1) {
    g1.create_task(crash_after(1));
    yield* async_with(new TaskGroup(), function* (g2) {
      g2.create_task(crash_after(0.01));
    });
    console.log("not reached");
  });
});

const main = coroutine(function* () {
  for (const outer_child of [false, true]) {
    const r = create_task(cancelled_nested(outer_child));
    yield* sleep(0.01);
    r.cancel();
    try {
      yield* r;
    } catch (e) {
      console.log("cancelled nested", outer_child ? "True" : "False", describe(e));
    }
  }
  for (const runner of [outer_first, inner_first]) {
    try {
      yield* create_task(runner());
    } catch (e) {
      console.log(runner.name, describe(e));
    }
  }
});

await run(main(), { clock: "virtual" });
