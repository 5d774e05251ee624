// Semaphore: acquire order is FIFO, including tasks that release and re-acquire; value and locked() along the way.
import { coroutine, create_task, gather, run, Semaphore, sleep } from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  let sem = new Semaphore(3);
  let result: string[] = [];
  console.log(
    "acquire",
    py(await sem.acquire()),
    py(await sem.acquire()),
    "locked",
    py(sem.locked()),
  );
  const c = coroutine(async (n: number) => {
    await sem.acquire();
    result.push(String(n));
    return true;
  });
  const tasks = [1, 2, 3].map((i) => create_task(c(i)));
  await sleep(0);
  console.log(
    "result",
    result.join(","),
    "locked",
    py(sem.locked()),
    "waiters",
    sem._waiters?.length,
    "value",
    sem._value,
  );
  const t4 = create_task(c(4));
  sem.release();
  sem.release();
  console.log("value", sem._value);
  await sleep(0);
  console.log(
    "result",
    result.join(","),
    "locked",
    py(sem.locked()),
    "waiters",
    sem._waiters?.length,
    "value",
    sem._value,
  );
  sem.release();
  await gather(...tasks, t4);
  console.log("result", result.join(","));

  sem = new Semaphore(1);
  result = [];
  const coro = coroutine(async (tag: string) => {
    for (const round of [1, 2]) {
      await sem.acquire();
      result.push(`${tag}_${round}`);
      await sleep(0.01);
      sem.release();
    }
  });
  await gather(...["c1", "c2", "c3"].map((t) => coro(t)));
  console.log("rounds", result.join(","));

  sem = new Semaphore(1);
  result = [];
  const c2 = coroutine(async () => {
    await sem.acquire();
    result.push("2");
    sem.release();
    await sem.acquire();
    result.push("4");
  });
  const ts = [create_task(c(1)), create_task(c2()), create_task(c(3))];
  await sleep(0);
  sem.release();
  sem.release();
  await gather(...ts);
  console.log("fifo 2", result.join(","));
});

await run(main(), { clock: "virtual" });
