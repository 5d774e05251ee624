// The first failing child cancels its siblings and the body; the group raises an ExceptionGroup once all are done (test_taskgroup_04, test_cancel_children_on_child_error).
import {
  async_with,
  BaseExceptionGroup,
  CancelledError,
  coroutine,
  create_task,
  current_task,
  ExceptionGroup,
  run,
  sleep,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

function describe(e: unknown): string {
  if (e instanceof BaseExceptionGroup) return `${e.name}[${e.exceptions.map(describe).join(", ")}]`;
  return `${(e as Error).name}(${(e as Error).message})`;
}

const fail = coroutine(function* (delay: number, msg: string) {
  yield* sleep(delay);
  console.log("failing", msg);
  throw new ValueError(msg);
});

const patient = coroutine(function* (name: string, delay: number) {
  try {
    yield* sleep(delay);
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log("cancelled", name);
    yield* sleep(0.01);
    console.log("cleaned up", name);
    throw error;
  }
  console.log("not reached", name);
});

const runner = coroutine(function* () {
  yield* async_with(new TaskGroup(), function* (tg) {
    tg.create_task(fail(0.01, "boom"));
    tg.create_task(patient("t2", 1));
    try {
      yield* sleep(10);
    } catch (error) {
      console.log("body cancelled, cancelling() =", String(current_task()!.cancelling()));
      throw error;
    }
  });
  console.log("not reached: after the group");
});

const main = coroutine(function* () {
  const task = create_task(runner());
  try {
    yield* task;
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log(String(eg));
    console.log(describe(eg));
    console.log("message:", eg.message);
  }
  console.log(
    "runner",
    task.cancelled() ? "cancelled" : "not cancelled",
    "cancelling()",
    String(task.cancelling()),
  );
});

await run(main(), { clock: "virtual" });
