// A getter cancelled after a put woke it does not lose the item: the next getter in line gets it.
import { CancelledError, coroutine, create_task, Queue, run, sleep } from "../../mod.ts";

const getter = coroutine(async (q: Queue<string>, name: string) => {
  try {
    const item = await q.get();
    console.log(name, "got", item);
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, "cancelled, qsize", q.qsize());
    throw e;
  }
});

const main = coroutine(async () => {
  const q = new Queue<string>();
  const tasks = [1, 2, 3].map((i) => create_task(getter(q, `g${i}`)));
  await sleep(0);
  q.put_nowait("a");
  tasks[0].cancel();
  await sleep(0);
  console.log("after step: qsize", q.qsize());
  await sleep(0);
  console.log("g1 cancelled", tasks[0].cancelled() ? "yes" : "no");
  console.log("g2 done", tasks[1].done() ? "yes" : "no", "g3 done", tasks[2].done() ? "yes" : "no");
  tasks[2].cancel();
  await sleep(0);
  q.put_nowait("b");
  console.log("qsize after put b", q.qsize());
  const t4 = create_task(getter(q, "g4"));
  await t4;
});

await run(main(), { clock: "virtual" });
