// shield() with wait_for(): zero, None and short timeouts leave the shielded task running (generator style in TS).
import {
  CancelledError,
  coroutine,
  create_task,
  run,
  shield,
  sleep,
  TimeoutError,
  wait_for,
} from "../../mod.ts";

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

const coro = coroutine(function* (name: string, delay: number) {
  yield* sleep(delay);
  console.log("finished", name);
  return name;
});

const main = coroutine(function* () {
  let task = create_task(coro("zero", 0.01));
  const shielded = shield(task);
  try {
    yield* wait_for(shielded, 0);
  } catch (e) {
    if (e instanceof TimeoutError) {
      console.log("zero timeout", yn(task.done()), yn(task.cancelled()), yn(shielded.cancelled()));
    }
  }
  yield* sleep(0.02);
  console.log("zero task done", yn(task.done()));

  task = create_task(coro("none", 0.01));
  console.log("none", yield* wait_for(shield(task), null), yn(task.done()));

  task = create_task(coro("short", 0.03));
  try {
    yield* wait_for(shield(task), 0.01);
  } catch (e) {
    if (e instanceof TimeoutError) {
      console.log("short timeout", yn(task.done()), yn(task.cancelled()));
    }
  }
  console.log("short result", yield* task);

  // the pattern for ignoring a cancellation of the caller
  task = create_task(coro("ignored", 0.02));
  const caller = coroutine(function* () {
    let res: string | null;
    try {
      res = yield* shield(task);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      res = null;
    }
    return res;
  });
  const c = create_task(caller());
  yield* sleep(0.01);
  c.cancel();
  console.log("caller got", (yield* c) === null ? "None" : "value", yn(task.done()));
  console.log("task result", yield* task);
});

await run(main(), { clock: "virtual" });
