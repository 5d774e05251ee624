// join() waits until task_done() was called for every item; workers finish in order; task_done() too often raises ValueError.
import { coroutine, create_task, gather, Queue, run, sleep, ValueError } from "../../mod.ts";

const worker = coroutine(async (q: Queue<number>, name: string, results: string[]) => {
  for (;;) {
    const item = await q.get();
    await sleep(item / 100);
    results.push(`${name}:${item}`);
    console.log(name, "done", item);
    q.task_done();
  }
});

const main = coroutine(async () => {
  const q = new Queue<number>();
  console.log("join on an empty queue returns at once");
  await q.join();
  const results: string[] = [];
  for (const item of [3, 1, 5, 2, 4]) q.put_nowait(item);
  const workers = [0, 1].map((i) => create_task(worker(q, `w${i}`, results)));
  await q.join();
  console.log("joined:", results.join(","));
  for (const w of workers) w.cancel();
  await gather(...workers, { return_exceptions: true });
  const q2 = new Queue<string>();
  q2.put_nowait("x");
  q2.get_nowait();
  q2.task_done();
  try {
    q2.task_done();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log(e.name, e.message);
  }
  q2.put_nowait("y");
  const joiner = coroutine(async (name: string) => {
    await q2.join();
    console.log(name, "released");
  });
  const joiners = [0, 1].map((i) => create_task(joiner(`j${i}`)));
  await sleep(0);
  console.log("taken", q2.get_nowait());
  q2.task_done();
  console.log("after task_done");
  await gather(...joiners);
});

await run(main(), { clock: "virtual" });
