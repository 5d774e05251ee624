// Lock: a waiter cancelled before or after release() woke it never takes the lock and never makes the next waiter miss it.
import {
  CancelledError,
  coroutine,
  create_task,
  type Future,
  get_running_loop,
  Lock,
  run,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  const loop = get_running_loop();
  let lock = new Lock();

  const lockit = coroutine(async (name: string, blocker: Future<unknown> | null) => {
    await lock.acquire();
    console.log(name, "has the lock");
    try {
      if (blocker !== null) await blocker;
    } finally {
      lock.release();
      console.log(name, "released");
    }
  });

  const fa = loop.create_future();
  const ta = create_task(lockit("A", fa));
  await sleep(0);
  const tb = create_task(lockit("B", null));
  const tc = create_task(lockit("C", null));
  await sleep(0);
  console.log("waiters", lock._waiters?.length);
  fa.set_result(null);
  tb.cancel();
  await sleep(0);
  console.log(
    "locked",
    py(lock.locked()),
    "A done",
    py(ta.done()),
    "B cancelled",
    py(tb.cancelled()),
  );
  await tc;
  console.log("waiters", lock._waiters?.length);

  let count = 0;
  const counter = coroutine(async () => {
    await lock.acquire();
    count += 1;
  });
  await lock.acquire();
  const t1 = create_task(counter());
  const t2 = create_task(counter());
  const t3 = create_task(counter());
  await sleep(0);
  loop.call_soon(() => {
    t1.cancel();
    lock.release();
  });
  try {
    await t1;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("t1 cancelled");
  }
  console.log("taken", count, "t2 done", py(t2.done()), "t3 done", py(t3.done()));
  t3.cancel();
  await sleep(0);
  console.log("t3 cancelled", py(t3.cancelled()), "locked", py(lock.locked()));

  lock = new Lock();
  await lock.acquire();
  const tb2 = create_task(lock.acquire());
  await sleep(0);
  const tc2 = create_task(lock.acquire());
  tb2.cancel();
  lock.release();
  await sleep(0);
  console.log("locked", py(lock.locked()), "tb cancelled", py(tb2.cancelled()));
  console.log("tc", py(await tc2));
});

await run(main(), { clock: "virtual" });
