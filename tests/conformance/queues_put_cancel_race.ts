// Queue(1): a putter cancelled after a get woke it passes the free slot to the next putter; a putter cancelled while waiting puts nothing.
import { CancelledError, coroutine, create_task, Queue, run, sleep } from "../../mod.ts";

const putter = coroutine(async (q: Queue<string>, name: string, item: string) => {
  try {
    await q.put(item);
    console.log(name, "put", item);
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, "cancelled, qsize", q.qsize());
    throw e;
  }
});

const main = coroutine(async () => {
  const q = new Queue<string>(1);
  q.put_nowait("first");
  const p1 = create_task(putter(q, "p1", "one"));
  create_task(putter(q, "p2", "two"));
  const p3 = create_task(putter(q, "p3", "three"));
  await sleep(0);
  console.log("got", q.get_nowait());
  p1.cancel();
  await sleep(0);
  await sleep(0);
  console.log("items:", q.get_nowait(), "qsize", q.qsize());
  p3.cancel();
  await sleep(0);
  await sleep(0);
  console.log("qsize after p3 cancelled", q.qsize(), "unfinished", q._unfinished_tasks);
  console.log("p3 cancelled", p3.cancelled() ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
