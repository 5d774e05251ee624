// Waiting getters are woken in FIFO order, one per put; each gets the item its put made available.
import { coroutine, create_task, gather, Queue, run, sleep } from "../../mod.ts";

const getter = coroutine(async (q: Queue<string>, name: string) => {
  console.log(name, "waiting");
  const item = await q.get();
  console.log(name, "got", item);
});

const main = coroutine(async () => {
  const q = new Queue<string>();
  const tasks = [0, 1, 2].map((i) => create_task(getter(q, `g${i}`)));
  await sleep(0);
  for (const item of ["a", "b", "c"]) {
    q.put_nowait(item);
    console.log("put", item, "qsize", q.qsize());
  }
  await sleep(0);
  console.log("after one step, qsize", q.qsize());
  await gather(...tasks);
  q.put_nowait("x");
  q.put_nowait("y");
  const t = create_task(getter(q, "late"));
  console.log("late getter takes without waiting:", await q.get());
  await t;
});

await run(main(), { clock: "virtual" });
