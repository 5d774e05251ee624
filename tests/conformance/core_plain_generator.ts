// A plain generator object (TS: an unwrapped function*) works as a task's coroutine and can be awaited by yield*.
import { create_task, iscoroutine, run, sleep } from "../../mod.ts";

function* counter(name: string, n: number): Generator<unknown, number, unknown> {
  let total = 0;
  for (let i = 0; i < n; i++) {
    console.log(name, i);
    total += i;
    yield* sleep(0);
  }
  return total;
}

function* driver(): Generator<unknown, number, unknown> {
  const a = yield* counter("inline", 2);
  const t = create_task(counter("task", 3));
  const b: number = yield* t;
  return a * 100 + b;
}

function* main(): Generator<unknown, void, unknown> {
  console.log("driver", yield* create_task(driver()));
  console.log("iscoroutine", iscoroutine(counter("x", 0)) ? "yes" : "no");
}

await run(main(), { clock: "virtual" });
