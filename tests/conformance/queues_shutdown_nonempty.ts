// shutdown() of a full queue: waiting putters raise QueueShutDown, queued items can still be taken, then gets raise; join() waits for task_done().
import {
  coroutine,
  create_task,
  gather,
  Queue,
  QueueShutDown,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";

const putter = coroutine(async (q: Queue<unknown>, name: string, item: unknown) => {
  try {
    await q.put(item);
    console.log(name, "put (wrong)");
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    console.log(name, e.name);
  }
});

const joiner = coroutine(async (q: Queue<unknown>) => {
  await q.join();
  console.log("join returned");
});

const main = coroutine(async () => {
  const q = new Queue<unknown>(2);
  q.put_nowait("a");
  q.put_nowait("b");
  const join_task = create_task(joiner(q));
  const putters = [0, 1].map((i) => create_task(putter(q, `p${i}`, i)));
  await sleep(0);
  console.log("putters done", putters[0].done() ? "yes" : "no");
  q.shutdown(false);
  console.log("qsize", q.qsize());
  await sleep(0);
  console.log("putters done", putters.every((p) => p.done()) ? "yes" : "no");
  console.log("got", await q.get());
  console.log("got", q.get_nowait());
  try {
    await q.get();
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    console.log("get on shut-down empty queue: QueueShutDown");
  }
  await sleep(0);
  console.log("join done", join_task.done() ? "yes" : "no");
  q.task_done();
  console.log("one task done");
  await sleep(0);
  console.log("join done", join_task.done() ? "yes" : "no");
  q.task_done();
  await join_task;
  try {
    q.task_done();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log(e.name);
  }
  const q2 = new Queue<string>();
  const results: string[] = [];
  const getter = coroutine(async (name: string) => {
    try {
      results.push(`${name}=${await q2.get()}`);
    } catch (e) {
      if (!(e instanceof QueueShutDown)) throw e;
      results.push(`${name}=shutdown`);
    }
  });
  const gs = [0, 1, 2].map((i) => create_task(getter(`g${i}`)));
  await sleep(0);
  q2.put_nowait("x");
  q2.shutdown();
  await gather(...gs);
  console.log(results.join(","));
});

await run(main(), { clock: "virtual" });
