// Condition: notify(), notify(2), notify_all() wake waiters in FIFO order; each returns from wait() only once it holds the lock again.
import {
  async_with,
  Condition,
  coroutine,
  create_task,
  gather,
  run,
  RuntimeError,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(function* () {
  const cond = new Condition();
  const result: string[] = [];
  const c = coroutine(function* (n: number) {
    yield* cond.acquire();
    if (yield* cond.wait()) result.push(String(n));
    return cond.locked();
  });
  let tasks = [1, 2, 3].map((i) => create_task(c(i)));
  yield* sleep(0);
  console.log("result", result.join(","), "locked", py(cond.locked()));
  console.log("acquire", py(yield* cond.acquire()));
  cond.notify();
  yield* sleep(0);
  console.log("result", result.join(","), "locked", py(cond.locked()));
  cond.release();
  yield* sleep(0);
  console.log("result", result.join(","), "locked", py(cond.locked()));
  cond.notify(2);
  yield* sleep(0);
  console.log("result", result.join(","), "locked", py(cond.locked()));
  cond.release();
  yield* sleep(0);
  console.log("result", result.join(","), "locked", py(cond.locked()));
  cond.release();
  yield* sleep(0);
  console.log("result", result.join(","), "locked", py(cond.locked()));
  console.log("all held the lock", py(tasks.every((t) => t.result())));
  cond.release();

  result.length = 0;
  tasks = [4, 5, 6].map((i) => create_task(c(i)));
  yield* sleep(0);
  yield* async_with(cond, function* () {
    cond.notify_all();
    cond.notify(0);
    console.log("notified all, result", result.join(","));
  });
  for (let i = 0; i < 3; i++) {
    yield* sleep(0);
    console.log("result", result.join(","));
    if (cond.locked()) cond.release();
  }
  yield* gather(...tasks);
  try {
    cond.notify();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log(e.name, e.message);
  }
  try {
    yield* cond.wait();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log(e.name, e.message);
  }
});

await run(main(), { clock: "virtual" });
