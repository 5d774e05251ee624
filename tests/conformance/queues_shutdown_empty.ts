// shutdown() of an empty queue: the waiting getters (FIFO) and later puts/gets raise QueueShutDown; join() returns.
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
} from "../../mod.ts";

const getter = coroutine(async (q: Queue<number>, name: string) => {
  try {
    await q.get();
    console.log(name, "got an item (wrong)");
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    console.log(name, e.name);
  }
});

const attempt = coroutine(async (label: string, aw: PromiseLike<unknown>) => {
  try {
    await aw;
    console.log(label, "ok");
  } catch (e) {
    console.log(label, (e as Error).name);
  }
});

function attempt_nowait(label: string, fn: () => unknown): void {
  try {
    fn();
    console.log(label, "ok");
  } catch (e) {
    console.log(label, (e as Error).name);
  }
}

const main = coroutine(async () => {
  for (const cls of [Queue, LifoQueue, PriorityQueue]) {
    console.log("--", cls.name);
    const q = new cls<number>();
    const tasks = [0, 1].map((i) => create_task(getter(q, `g${i}`)));
    await sleep(0);
    q.shutdown();
    console.log("qsize", q.qsize(), "getters done", tasks[0].done() ? "yes" : "no");
    await q.join();
    console.log("joined");
    await gather(...tasks);
    await attempt("put", q.put(1));
    attempt_nowait("put_nowait", () => q.put_nowait(1));
    await attempt("get", q.get());
    attempt_nowait("get_nowait", () => q.get_nowait());
    q.shutdown();
    console.log("second shutdown ok");
  }
});

await run(main(), { clock: "virtual" });
