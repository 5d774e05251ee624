// Barrier.reset(): waiting tasks raise BrokenBarrierError, tasks still draining pass, and the barrier can be used again (CPython's reset scenarios).
import {
  async_with,
  Barrier,
  BrokenBarrierError,
  coroutine,
  create_task,
  gather,
  run,
  sleep,
} from "../../mod.ts";

const N = 5;
const py = (b: boolean) => (b ? "True" : "False");
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const main = coroutine(async () => {
  let barrier = new Barrier(1);
  await barrier.reset();
  console.log("reset idle: n_waiting", barrier.n_waiting, "broken", py(barrier.broken));

  barrier = new Barrier(N);
  let log: string[] = [];
  const waiter = coroutine(async (name: string) => {
    try {
      await barrier.wait();
      log.push(`${name}:passed`);
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      log.push(`${name}:${e.name}`);
    }
  });
  let tasks = range(N - 1).map((i) => create_task(waiter(`w${i}`)));
  await sleep(0);
  create_task(barrier.reset());
  await gather(...tasks);
  console.log(log.join(" "), String(barrier).includes("resetting") ? "| resetting" : "| filling");

  barrier = new Barrier(N);
  log = [];
  const rest = Math.floor(N / 2);
  const half = coroutine(async (name: string) => {
    let i: number;
    try {
      i = await barrier.wait();
      log.push(`${name}:${i}`);
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      log.push(`${name}:broken`);
      return;
    }
    if (rest === barrier._count) {
      log.push(`${name}:reset`);
      await barrier.reset();
    }
  });
  await gather(...range(N).map((i) => half(`h${i}`)));
  console.log(log.join(" "), barrier.n_waiting, py(String(barrier).includes("resetting")));

  barrier = new Barrier(N);
  log = [];
  const coro1 = coroutine(async (name: string) => {
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      log.push(`${name}:broken`);
    } finally {
      const i = await barrier.wait();
      log.push(`${name}:again${i}`);
    }
  });
  const coro2 = coroutine(async () => {
    // deno-lint-ignore require-await
    await async_with(barrier, async (i) => {
      log.push(`late:${i}`);
    });
  });
  tasks = range(N - 1).map((i) => create_task(coro1(`c${i}`)));
  create_task(barrier.reset());
  await sleep(0);
  create_task(coro2());
  await gather(...tasks);
  await sleep(0);
  console.log(log.join(" "), barrier.n_waiting, py(barrier.broken));

  barrier = new Barrier(N);
  log = [];
  let count = 0;
  const draining = coroutine(async (name: string) => {
    await barrier.wait();
    count += 1;
    if (count === N) {
      log.push(`${name}:reset`);
      await barrier.reset();
      await barrier.wait();
    } else {
      try {
        await barrier.wait();
        log.push(`${name}:second`);
      } catch (e) {
        log.push(`${name}:${(e as Error).name}`);
      }
    }
    const k = await barrier.wait();
    log.push(`${name}:last${k}`);
  });
  await gather(...range(N).map((i) => draining(`d${i}`)));
  console.log(log.join(" "), barrier.n_waiting, py(barrier.broken));
});

await run(main(), { clock: "virtual" });
