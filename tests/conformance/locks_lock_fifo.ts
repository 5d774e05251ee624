// Lock: waiters take the lock in FIFO order, one per release; a newcomer queues behind the waiters; release of an unlocked lock is RuntimeError.
import { coroutine, create_task, Lock, run, RuntimeError, sleep } from "../../mod.ts";

const main = coroutine(function* () {
  const lock = new Lock();
  const result: string[] = [];
  console.log(
    "acquire",
    (yield* lock.acquire()) ? "True" : "False",
    "locked",
    lock.locked() ? "True" : "False",
  );
  const c = coroutine(function* (n: number) {
    if (yield* lock.acquire()) result.push(String(n));
    return true;
  });
  const t1 = create_task(c(1));
  const t2 = create_task(c(2));
  yield* sleep(0);
  console.log("result", result.join(","));
  lock.release();
  yield* sleep(0);
  console.log("result", result.join(","));
  yield* sleep(0);
  console.log("result", result.join(","));
  const t3 = create_task(c(3));
  lock.release();
  yield* sleep(0);
  console.log("result", result.join(","));
  lock.release();
  yield* sleep(0);
  console.log("result", result.join(","));
  console.log("done", [t1, t2, t3].every((t) => t.done() && t.result()) ? "True" : "False");
  lock.release();
  console.log("locked", lock.locked() ? "True" : "False");
  try {
    lock.release();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log(e.name, e.message);
  }
});

await run(main(), { clock: "virtual" });
