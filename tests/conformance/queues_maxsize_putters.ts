// Queue(2): putters block while full and are let in FIFO as a consumer takes items; full()/qsize() along the way.
import { coroutine, create_task, gather, Queue, run, sleep } from "../../mod.ts";

const putter = coroutine(async (q: Queue<number>, name: string, item: number) => {
  console.log(name, "putting", item);
  await q.put(item);
  console.log(name, "put", item, "qsize", q.qsize());
});

const main = coroutine(async () => {
  const q = new Queue<number>(2);
  console.log("maxsize", q.maxsize);
  const tasks = [0, 1, 2, 3, 4].map((i) => create_task(putter(q, `p${i}`, i)));
  await sleep(0);
  console.log("full", q.full() ? "yes" : "no", "qsize", q.qsize());
  for (let i = 0; i < 5; i++) {
    console.log("took", await q.get());
    await sleep(0);
  }
  await gather(...tasks);
  console.log("empty", q.empty() ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
