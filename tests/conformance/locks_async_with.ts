// async with on Lock/Semaphore/Condition releases on every exit: normal, error, cancellation inside the body, and cancellation while waiting to enter.
import {
  async_with,
  CancelledError,
  Condition,
  coroutine,
  create_task,
  gather,
  get_running_loop,
  Lock,
  run,
  Semaphore,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  const loop = get_running_loop();
  const lock = new Lock();
  const sem = new Semaphore(1);
  const cond = new Condition();

  for (const [name, prim] of [["lock", lock], ["sem", sem], ["cond", cond]] as const) {
    // deno-lint-ignore require-await
    await async_with(prim, async (value) => {
      console.log(
        name,
        "inside, value",
        value === null ? "None" : value,
        "locked",
        py(prim.locked()),
      );
    });
    console.log(name, "after, locked", py(prim.locked()));
    try {
      // deno-lint-ignore require-await
      await async_with(prim, async () => {
        throw new TypeError("oops");
      });
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      console.log(name, "error passed through, locked", py(prim.locked()));
    }
  }

  // the generator form of the same holder
  const holder = coroutine(function* (name: string, prim: Lock | Semaphore, delay: number) {
    try {
      yield* async_with(prim, function* () {
        console.log(name, "entered");
        yield* sleep(delay);
        console.log(name, "leaving");
      });
    } catch (e) {
      if (e instanceof CancelledError) console.log(name, "cancelled; locked", py(prim.locked()));
      throw e;
    }
  });

  for (const prim of [lock, sem]) {
    const a = create_task(holder("a", prim, 0.02));
    const b = create_task(holder("b", prim, 0.01));
    const c = create_task(holder("c", prim, 0.01));
    await sleep(0.01);
    b.cancel();
    await sleep(0);
    a.cancel();
    await gather(a, b, c, { return_exceptions: true });
    console.log("locked at end", py(prim.locked()));
  }

  await lock.acquire();
  const task = create_task(lock.acquire());
  loop.call_soon(() => task.cancel());
  try {
    await task;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("acquire cancelled, waiters", lock._waiters?.length);
  }
  lock.release();
  console.log("locked", py(lock.locked()));
});

await run(main(), { clock: "virtual" });
