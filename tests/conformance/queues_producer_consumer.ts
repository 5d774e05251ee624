// Producers and consumers through a bounded Queue: the interleaving of puts and gets (why getters/putters wait), with sleep(0) hand-offs.
import { coroutine, gather, Queue, run, sleep } from "../../mod.ts";

const main = coroutine(async () => {
  let q = new Queue<number>(1);
  const log: string[] = [];
  const producer = coroutine(async (name: string, items: number[]) => {
    for (const i of items) {
      await q.put(i);
      log.push(`${name}+${i}`);
    }
  });
  const consumer = coroutine(function* (name: string, n: number) {
    for (let k = 0; k < n; k++) {
      const item: number = yield* q.get();
      log.push(`${name}-${item}`);
      q.task_done();
    }
  });
  await gather(producer("P", [0, 1, 2, 3, 4]), consumer("C", 5));
  console.log(log.join(" "));

  log.length = 0;
  q = new Queue<number>(2);
  await gather(
    producer("P1", [1, 2, 3]),
    producer("P2", [10, 20, 30]),
    consumer("C1", 3),
    consumer("C2", 3),
  );
  console.log(log.join(" "));

  log.length = 0;
  q = new Queue<number>(2);
  const getter = coroutine(async () => {
    await sleep(0);
    for (let n = q.qsize(); n > 0; n--) log.push(`G-${q.get_nowait()}`);
  });
  await gather(getter(), ...[0, 1, 2, 3].map((i) => producer(`P${i}`, [i])));
  console.log(log.join(" "), "qsize", q.qsize());
});

await run(main(), { clock: "virtual" });
