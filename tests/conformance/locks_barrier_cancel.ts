// Barrier: a task cancelled while filling leaves n_waiting consistent and the barrier trips with a replacement; cancelling a released task while draining.
import { Barrier, CancelledError, coroutine, create_task, gather, run, sleep } from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  const barrier = new Barrier(3);
  const results: string[] = [];
  const coro = coroutine(async (name: string) => {
    try {
      const i = await barrier.wait();
      results.push(`${name}:${i}`);
    } catch (e) {
      if (e instanceof CancelledError) results.push(`${name}:cancelled`);
      throw e;
    }
  });
  const t1 = create_task(coro("t1"));
  await sleep(0);
  const t2 = create_task(coro("t2"));
  await sleep(0);
  console.log("n_waiting", barrier.n_waiting);
  t1.cancel();
  await sleep(0);
  console.log("n_waiting after cancel", barrier.n_waiting);
  try {
    await t1;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("t1 cancelled", py(t1.cancelled()));
  }
  const t3 = create_task(coro("t3"));
  await sleep(0);
  console.log("n_waiting", barrier.n_waiting);
  const t4 = create_task(coro("t4"));
  await gather(t2, t3, t4);
  console.log(results.join(" "));
  console.log("n_waiting", barrier.n_waiting, "broken", py(barrier.broken));

  results.length = 0;
  const tasks = [0, 1, 2].map((i) => create_task(coro(`d${i}`)));
  await sleep(0);
  tasks[0].cancel();
  const res = await gather(...tasks, { return_exceptions: true });
  console.log(results.join(" "));
  console.log(
    "outcomes",
    res.map((r) => (r instanceof CancelledError ? "cancelled" : "ok")).join(","),
  );
  console.log(
    "count",
    barrier._count,
    "n_waiting",
    barrier.n_waiting,
    py(String(barrier).includes("filling")),
  );
  const again = [0, 1, 2].map((i) => create_task(coro(`e${i}`)));
  await gather(...again);
  console.log(results.join(" "));
});

await run(main(), { clock: "virtual" });
