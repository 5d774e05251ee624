// Event: set() wakes every waiter in the order they waited (after already-scheduled tasks); clear/set with waiters; a cancelled waiter leaves the list.
import {
  CancelledError,
  coroutine,
  create_task,
  Event,
  gather,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  let ev = new Event();
  console.log("is_set", py(ev.is_set()));
  const result: string[] = [];
  const c = coroutine(async (n: number) => {
    if (await ev.wait()) result.push(String(n));
    return true;
  });
  create_task(c(1));
  create_task(c(2));
  await sleep(0);
  console.log("result", result.join(","));
  create_task(c(3));
  ev.set();
  await sleep(0);
  console.log("result", result.join(","));
  console.log("wait on set:", py(await ev.wait()));

  ev = new Event();
  result.length = 0;
  const t = create_task(c(4));
  await sleep(0);
  ev.set();
  ev.clear();
  console.log("is_set", py(ev.is_set()));
  ev.set();
  ev.set();
  console.log("waiters", ev._waiters.length);
  await sleep(0);
  console.log("result", result.join(","), "waiters", ev._waiters.length, "t", py(t.result()));

  ev = new Event();
  const w = create_task(ev.wait());
  get_running_loop().call_soon(() => w.cancel());
  try {
    await w;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("waiter cancelled, waiters", ev._waiters.length);
  }
  const w1 = create_task(c(5));
  const w2 = create_task(c(6));
  await sleep(0);
  ev.set();
  w1.cancel();
  await gather(w1, w2, { return_exceptions: true });
  console.log("w1 cancelled", py(w1.cancelled()), "result", result.join(","));
});

await run(main(), { clock: "virtual" });
