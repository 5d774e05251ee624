// Cancelling a woken reader or writer drops nothing: a retry gets item 1 / puts item 2; cancelled waiters leave the waiter lists.
import { CancelledError, coroutine, create_task, Queue, run, sleep } from "../../mod.ts";

const main = coroutine(async () => {
  let q = new Queue<number>();
  let reader = create_task(q.get());
  await sleep(0);
  q.put_nowait(1);
  q.put_nowait(2);
  reader.cancel();
  try {
    await reader;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("reader cancelled, retrying");
    reader = create_task(q.get());
    await reader;
  }
  console.log("reader got", reader.result(), "left", q.qsize());

  q = new Queue<number>(1);
  q.put_nowait(1);
  let writer = create_task(q.put(2));
  await sleep(0);
  console.log("took", q.get_nowait());
  writer.cancel();
  try {
    await writer;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("writer cancelled, retrying");
    writer = create_task(q.put(2));
    await writer;
  }
  console.log("took", q.get_nowait(), "left", q.qsize());

  q = new Queue<number>(1);
  q.put_nowait(1);
  const put_task = create_task(q.put(1));
  const get_q = new Queue<number>();
  const get_task = create_task(get_q.get());
  await sleep(0);
  console.log("waiting putters", q._putters.length, "waiting getters", get_q._getters.length);
  put_task.cancel();
  get_task.cancel();
  for (const t of [put_task, get_task]) {
    try {
      await t;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log("cancelled");
    }
  }
  console.log("waiting putters", q._putters.length, "waiting getters", get_q._getters.length);
});

await run(main(), { clock: "virtual" });
