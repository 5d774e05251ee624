// sleep(0) round-robin of three tasks, with callbacks queued from task steps interleaving in FIFO order.
import { coroutine, create_task, get_running_loop, run, sleep } from "../../mod.ts";

const worker = coroutine(async (name: string, n: number) => {
  const loop = get_running_loop();
  for (let i = 0; i < n; i++) {
    console.log(name, "step", i);
    loop.call_soon((...args: unknown[]) => console.log(...args), name, "callback", i);
    await sleep(0);
  }
  console.log(name, "done");
  return name + String(n);
});

const main = coroutine(async () => {
  const tasks = ([["A", 3], ["B", 1], ["C", 2]] as const).map(([name, n]) =>
    create_task(worker(name, n))
  );
  console.log("main created");
  const results: string[] = [];
  for (const t of tasks) results.push(await t);
  console.log("results", results.join(","));
});

await run(main(), { clock: "virtual" });
