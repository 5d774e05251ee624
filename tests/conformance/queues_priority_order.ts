// PriorityQueue gives the lowest first: numbers, strings, (priority, item) tuples compared item by item; LifoQueue gives the newest first.
import { coroutine, create_task, gather, LifoQueue, PriorityQueue, run, sleep } from "../../mod.ts";

const main = coroutine(async () => {
  let nums = new PriorityQueue<number>();
  for (const n of [5, 1, 4, 2, 3, -7, 10]) await nums.put(n);
  console.log("numbers", Array.from({ length: nums.qsize() }, () => nums.get_nowait()).join(","));
  const strs = new PriorityQueue<string>();
  for (const s of ["pear", "apple", "fig", "banana", "Zebra", "apples"]) strs.put_nowait(s);
  console.log("strings", Array.from({ length: strs.qsize() }, () => strs.get_nowait()).join(","));
  const tuples = new PriorityQueue<(number | string)[]>();
  for (const t of [[2, "b"], [1, "z"], [2, "a"], [1, "y", 0], [1, "y"], [3, "c"]]) {
    tuples.put_nowait(t);
  }
  const out: string[] = [];
  while (!tuples.empty()) out.push((await tuples.get()).join(":"));
  console.log("tuples", out.join(","));
  const lifo = new LifoQueue<number>();
  for (const i of [1, 3, 2]) await lifo.put(i);
  console.log("lifo", [await lifo.get(), await lifo.get(), await lifo.get()].join(","));
  nums = new PriorityQueue<number>();
  const getter = coroutine(async (name: string) => {
    console.log(name, "got", await nums.get());
  });
  const tasks = [0, 1, 2].map((i) => create_task(getter(`g${i}`)));
  await sleep(0);
  for (const n of [30, 10, 20]) nums.put_nowait(n);
  await gather(...tasks);
});

await run(main(), { clock: "virtual" });
