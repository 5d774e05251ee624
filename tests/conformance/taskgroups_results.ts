// TaskGroup waits for every task, including tasks created later in the body and a task cancelled by hand (test_taskgroup_01/02/03).
import { async_with, coroutine, run, sleep, type Task, TaskGroup } from "../../mod.ts";

const work = coroutine(async (name: string, delay: number, value: number) => {
  console.log("start", name);
  await sleep(delay);
  console.log("done", name);
  return value;
});

const main = coroutine(async () => {
  let t1!: Task<number>, t2!: Task<number>, t3!: Task<number>, t4!: Task<number>;
  await async_with(new TaskGroup(), async (tg) => {
    t1 = tg.create_task(work("t1", 0.01, 42));
    t2 = tg.create_task(work("t2", 0.03, 11));
    console.log("body created t1 t2");
    await sleep(0.02);
    console.log("body after sleep");
    t3 = tg.create_task(work("t3", 0.02, 7));
    t4 = tg.create_task(work("t4", 0.05, 0));
    await sleep(0);
    t4.cancel();
    console.log("body end");
  });
  console.log("group exited");
  console.log(`results ${t1.result()} ${t2.result()} ${t3.result()}`);
  console.log("t4", t4.cancelled() ? "cancelled" : "not cancelled");
});

await run(main(), { clock: "virtual" });
