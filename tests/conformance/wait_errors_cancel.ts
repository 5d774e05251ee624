// wait(): bad arguments raise when awaited; cancelling the waiting task cancels none of the futures (generator style in TS).
import {
  CancelledError,
  type Coroutine,
  coroutine,
  create_task,
  run,
  sleep,
  wait,
} from "../../mod.ts";
import type { ReturnWhen, Task } from "../../mod.ts";

const work = coroutine(function* (name: string, delay: number) {
  yield* sleep(delay);
  console.log("finished", name);
  return name;
});

const attempt = coroutine(function* (label: string, make: () => Coroutine<unknown>) {
  try {
    yield* make();
  } catch (e) {
    console.log(label, (e as Error).name);
  }
});

const main = coroutine(function* () {
  const t = create_task(work("t", 0.01));
  yield* attempt("empty", () => wait([]));
  yield* attempt("single future", () => wait(t as unknown as Iterable<Task<string>>));
  yield* attempt("return_when", () => wait([t], { return_when: "NEVER" as ReturnWhen }));
  const coro = work("never", 0);
  yield* attempt("coroutine inside", () => wait([coro as unknown as Task<string>]));
  const lazy = wait([]);
  console.log("nothing raised before await");
  yield* attempt("lazy", () => lazy);

  const waiter = create_task(wait([t]));
  yield* sleep(0);
  waiter.cancel();
  try {
    yield* waiter;
  } catch (e) {
    if (e instanceof CancelledError) {
      console.log("waiter cancelled", !t.done() ? "t running" : "t done");
    }
  }
  console.log("result", yield* t);
});

await run(main(), { clock: "virtual" });
