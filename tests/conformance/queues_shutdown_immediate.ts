// shutdown(immediate=True) drops the queued items, counts each as done (releasing join), and wakes waiting getters and putters with QueueShutDown.
import {
  coroutine,
  create_task,
  gather,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueShutDown,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";

const waiter = coroutine(async (name: string, aw: PromiseLike<unknown>) => {
  try {
    const result = await aw;
    console.log(name, "returned", result === undefined ? "None" : result);
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    console.log(name, e.name);
  }
});

const main = coroutine(async () => {
  const q = new Queue<string>();
  q.put_nowait("a");
  q.put_nowait("b");
  q.put_nowait("c");
  const join_task = create_task(waiter("join", q.join()));
  console.log("took", await q.get());
  q.shutdown({ immediate: true });
  console.log("qsize", q.qsize(), "empty", q.empty() ? "yes" : "no");
  await sleep(0);
  console.log("join done", join_task.done() ? "yes" : "no");
  q.task_done();
  await sleep(0);
  console.log("join done", join_task.done() ? "yes" : "no");
  try {
    q.task_done();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log(e.name);
  }

  const pq = new PriorityQueue<number>(1);
  const getters_q = new LifoQueue<number>();
  pq.put_nowait(5);
  const tasks = [
    create_task(waiter("put", pq.put(1))),
    create_task(waiter("get", getters_q.get())),
    create_task(waiter("join", pq.join())),
  ];
  await sleep(0);
  pq.shutdown(true);
  getters_q.shutdown(true);
  await gather(...tasks);
  try {
    pq.get_nowait();
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    console.log("get_nowait QueueShutDown");
  }
});

await run(main(), { clock: "virtual" });
