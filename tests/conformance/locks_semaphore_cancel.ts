// Semaphore: waiters cancelled before or after being woken give their slot to the next waiter; no hang, no double wake-up; BoundedSemaphore over-release is ValueError.
import {
  async_with,
  BoundedSemaphore,
  coroutine,
  create_task,
  gather,
  run,
  Semaphore,
  sleep,
  ValueError,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  let sem = new Semaphore(0);
  const ts = [0, 1, 2, 3].map(() => create_task(sem.acquire()));
  await sleep(0);
  ts[0].cancel();
  ts[1].cancel();
  sem.release();
  await sleep(0);
  await sleep(0);
  console.log("done", ts.map((t) => py(t.done())).join(","), "value", sem._value);
  ts[3].cancel();
  await sleep(0);
  console.log("locked", py(sem.locked()), "value", sem._value);

  sem = new Semaphore(0);
  const t1 = create_task(sem.acquire());
  const t2 = create_task(sem.acquire());
  await sleep(0);
  sem.release();
  t1.cancel();
  await sleep(0);
  await sleep(0);
  console.log(
    "t1 cancelled",
    py(t1.cancelled()),
    "t2 done",
    py(t2.done()),
    "locked",
    py(sem.locked()),
    "value",
    sem._value,
  );

  sem = new Semaphore(1);
  const c1 = coroutine(async () => {
    await async_with(sem, async () => {
      await sleep(0);
    });
    t_2.cancel();
  });
  const c2 = coroutine(async () => {
    // deno-lint-ignore require-await
    await async_with(sem, async () => {
      console.log("c2 got in (wrong)");
    });
  });
  const t_1 = create_task(c1());
  const t_2 = create_task(c2());
  const [r1, r2] = await gather(t_1, t_2, { return_exceptions: true });
  console.log("r1", r1 === undefined ? "None" : r1, "r2", (r2 as Error).name);
  console.log("acquire after", py(await sem.acquire()), "value", sem._value);

  sem = new Semaphore(0);
  const result: string[] = [];
  const c = coroutine(async (n: number) => {
    await sem.acquire();
    result.push(String(n));
  });
  const ts2 = [1, 2, 3].map((i) => create_task(c(i)));
  await sleep(0);
  ts2[0].cancel();
  await sleep(0);
  sem.release();
  sem.release();
  await gather(...ts2, { return_exceptions: true });
  console.log("result", result.join(","));

  const bsem = new BoundedSemaphore(2);
  try {
    bsem.release();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log(e.name, e.message);
  }
  await bsem.acquire();
  bsem.release();
  // deno-lint-ignore require-await
  await async_with(bsem, async () => {
    console.log("inside, locked", py(bsem.locked()), "value", bsem._value);
  });
  console.log("after, value", bsem._value);
});

await run(main(), { clock: "virtual" });
