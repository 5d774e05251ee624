// wait(): ALL_COMPLETED by default, duplicates counted once, results and errors left in the tasks.
import { coroutine, create_task, get_running_loop, run, sleep, wait } from "../../mod.ts";
import type { Future, Task } from "../../mod.ts";

class ValueError extends Error {
  override name = "ValueError";
}

const work = coroutine(async (name: string, delay: number, fail = false) => {
  await sleep(delay);
  console.log("finished", name);
  if (fail) throw new ValueError(name);
  return name;
});

const main = coroutine(async () => {
  const a = create_task(work("a", 0.02));
  const b = create_task(work("b", 0.01, true));
  const c = create_task(work("c", 0.03));
  let [done, pending] = await wait([a, b, c, a]);
  console.log("done", done.size, "pending", pending.size);
  for (const t of [a, b, c]) {
    const exc = t.exception() as Error | null;
    console.log("task", exc ? "error" : "result", exc ? exc.name : t.result());
  }
  // from a generator of tasks, and a set
  const tasks = (function* () {
    for (const [n, d] of [["x", 0.01], ["y", 0.02]] as const) yield create_task(work(n, d));
  })();
  [done, pending] = await wait(tasks as Iterable<Task<string>>);
  console.log("generator", [...done].map((t) => t.result()).sort().join(","), pending.size);
  // futures that are already done still take a trip through the loop
  const f = get_running_loop().create_future<string>();
  f.set_result("ready");
  const ticks: string[] = [];
  const ticker = coroutine(async () => {
    for (let i = 0; i < 4; i++) {
      ticks.push(String(i));
      await sleep(0);
    }
  });
  const t = create_task(ticker());
  await sleep(0);
  const [done2] = await wait(new Set<Future<string>>([f]));
  console.log("ready after ticks", ticks.join(","), done2.size);
  await t;
});

await run(main(), { clock: "virtual" });
